import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';

/**
 * How long a client may take, and how many may be connected at once. Parley sits behind a
 * reverse proxy (deploy/nginx.conf) or is called by Telegram directly; neither sends slowly,
 * so anything slow is a client holding a connection open on purpose. Fastify's defaults never
 * time a request out (requestTimeout 0) and accept connections without limit.
 */
export const HTTP_LIMITS = {
  /**
   * The whole request, headers and body, must arrive within this. Webhook updates and playground
   * posts are a few KB (the body limit is 1 MB): a second on any real link. A body sent a byte
   * at a time is answered 408 and closed. Responses are not affected (the playground's event
   * stream stays open), nor is a handler's own time (the webhook answers within 5 s anyway).
   */
  requestTimeoutMs: 10_000,
  /** The headers alone, below the request timeout (Node requires headers ≤ request). Also closes a connection that sends nothing. */
  headersTimeoutMs: 5_000,
  /**
   * An idle keep-alive connection is closed after this. Above nginx's upstream keepalive_timeout
   * (60 s by default): the proxy must be the side that closes an idle connection, or it may send
   * a request down one Parley is closing at that moment and answer 502.
   */
  keepAliveTimeoutMs: 65_000,
  /**
   * How often Node looks for requests past those timeouts (its default, 30 s, would let a slow
   * request live up to 40 s). A walk over the open connections once a second costs nothing.
   */
  checkIntervalMs: 1_000,
  /**
   * Connections beyond this are closed as they arrive. Telegram opens at most 40 to a webhook
   * by default (max_connections, 100 at most), nginx keeps 32 idle upstream connections per
   * worker (deploy/nginx.conf), plus health checks and a few playground pages: 512 is far above
   * real use and keeps the process well inside a 1024 file-descriptor limit, with room for its
   * database, Redis and Bot API sockets when someone holds connections open on purpose.
   * (No maxRequestsPerSocket: nginx already recycles its upstream connections after 1000 requests.)
   */
  maxConnections: 512,
} as const;

export type HttpLimits = { [K in keyof typeof HTTP_LIMITS]: number };

/** The Fastify options that carry the limits (Fastify passes `http` on to Node's createServer). */
export function serverLimitOptions(limits: HttpLimits = HTTP_LIMITS): Pick<FastifyHttpOptions<Server>, 'requestTimeout' | 'keepAliveTimeout' | 'http'> {
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs },
  };
}

/** What Fastify has no option for: the connection limit, set on the Node server itself. */
export function limitConnections(server: Server, limits: HttpLimits = HTTP_LIMITS): void {
  server.maxConnections = limits.maxConnections;
}
