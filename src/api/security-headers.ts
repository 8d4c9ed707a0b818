import type { FastifyInstance } from 'fastify';

export interface SecurityHeaderOptions {
  /**
   * Send Strict-Transport-Security. True when the public URL is https (WEBHOOK_URL): the
   * deployment is served over TLS, and Telegram calls webhooks over https only. Decided from
   * the configuration rather than from X-Forwarded-Proto, which only a proxy Parley was told to
   * trust may set; browsers ignore the header on a plain-http answer anyway (RFC 6797 §8.1).
   */
  hsts: boolean;
}

/** One year; no includeSubDomains or preload: those commit domains Parley does not own. */
const HSTS = 'max-age=31536000';

/**
 * Headers every answer carries: no MIME sniffing, never framed, no Referer sent onwards, and
 * HSTS behind TLS. A route that sets its own Content-Security-Policy keeps it (the playground
 * page allows exactly its inline script and style); every other answer is data, so the default
 * policy allows nothing at all. Register before the routes.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    if (options.hsts) reply.header('strict-transport-security', HSTS);
    return payload;
  });
}
