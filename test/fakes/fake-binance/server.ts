import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { publicRoutes } from './public-routes.js';
import { binanceError, type FakeRequest, type FakeResponse, type Routes } from './route-types.js';
import type { FakeAccount } from './account-state.js';
import { createPrivateRoutes } from './private-routes.js';
import { FakeBinanceState } from './state.js';

/**
 * A Binance-compatible HTTP server on loopback for tests: point ccxt at `url` (rewrite the host of
 * every `exchange.urls.api` entry, see src/market/ccxt-exchange.ts). Routes come in files
 * (public-routes.ts; private-routes.ts, added when an `account` is given), state in state.ts and
 * account-state.ts, and faults can be injected per path, before or after the route has acted.
 */

/**
 * What the next request(s) to a path suffer instead of (or before) being served. With
 * `afterHandling`, the route runs first — an order is accepted, a cancel done — and only the answer
 * is lost: the case where the exchange acted but the client never heard.
 */
export type Fault =
  | { kind: 'delay'; ms: number; afterHandling?: boolean } // then answered (a timeout, if longer than the client waits)
  | { kind: 'status'; status: number; retryAfterSeconds?: number; body?: unknown } // e.g. 429, 418, 500
  | { kind: 'reset'; afterHandling?: boolean } // the connection is dropped without an answer
  /**
   * Nothing is answered until the client hangs up (it times out, or its process dies). Before
   * handling, the request is then dropped unhandled: it never reached the exchange's engine.
   */
  | { kind: 'hold'; afterHandling?: boolean };

export interface RecordedRequest {
  method: string;
  path: string;
  params: Record<string, string>;
}

export interface FakeBinance {
  /** Origin to point the client at, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly state: FakeBinanceState;
  /** The trading account behind the private endpoints, when one was given. */
  readonly account: FakeAccount | undefined;
  /** Every request received, in order (faulted ones included). */
  readonly requests: RecordedRequest[];
  /** The next `times` requests to `path` suffer `fault`: '/api/v3/order' (any method), 'POST /api/v3/order', or '*'. */
  inject(path: string, fault: Fault, times?: number): void;
  /** Requests received for a path. */
  count(path: string): number;
  /**
   * The first request, past or future, matching `predicate`; with `handled`, once its route has
   * acted (an order accepted, a cancel done), whether or not the answer then reached the client.
   */
  waitFor(predicate: (request: RecordedRequest) => boolean, options?: { handled?: boolean; timeoutMs?: number }): Promise<RecordedRequest>;
  close(): Promise<void>;
}

export interface FakeBinanceOptions {
  state?: FakeBinanceState;
  /** Route tables, later ones win; default: the public market-data routes. */
  routes?: readonly Routes[];
  /** Adds the signed trading endpoints (private-routes.ts) over this account. */
  account?: FakeAccount;
  /**
   * Called as each request arrives (body read, before any fault or route): a fault it returns
   * applies to this request alone, ahead of the queued ones. Chaos runs pick faults per order
   * (by `newClientOrderId`) this way, and time arrivals on their own clock.
   */
  onRequest?: (request: RecordedRequest) => Fault | undefined;
}

const DEFAULT_BODIES: Record<number, unknown> = {
  429: { code: -1003, msg: 'Too many requests; current limit of IP(127.0.0.1) request weight per 1 MINUTE is 6000. Please use WebSocket Streams for live updates to avoid polling the API.' },
  418: { code: -1003, msg: 'Way too much request weight used; IP banned until 1723161600000. Please use WebSocket Streams for live updates to avoid bans.' },
  500: { code: -1000, msg: 'An unknown error occurred while processing the request.' },
  503: { code: -1008, msg: 'Server is currently overloaded with other requests. Please try again in a few minutes.' },
};

export async function startFakeBinance(options: FakeBinanceOptions = {}): Promise<FakeBinance> {
  const state = options.state ?? new FakeBinanceState();
  const tables = [...(options.routes ?? [publicRoutes]), ...(options.account ? [createPrivateRoutes(options.account)] : [])];
  const routes: Routes = Object.assign({}, ...tables);
  const faults: { path: string; fault: Fault; remaining: number }[] = [];
  const requests: RecordedRequest[] = [];
  const handled = new WeakSet<RecordedRequest>();
  const watchers = new Set<() => void>();
  const notify = (): void => {
    for (const watcher of [...watchers]) watcher();
  };

  const takeFault = (method: string, path: string): Fault | undefined => {
    const entry = faults.find((f) => f.remaining > 0 && (f.path === path || f.path === `${method} ${path}` || f.path === '*'));
    if (!entry) return undefined;
    entry.remaining--;
    return entry.fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake-binance');
    const body = await readBody(req);
    const params = new URLSearchParams(url.search);
    if (body && String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
    }
    const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : url.search;
    const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, params, rawQuery, headers: req.headers, body };
    const recorded: RecordedRequest = { method: request.method, path: request.path, params: Object.fromEntries(params) };
    requests.push(recorded);
    notify();

    const fault = options.onRequest?.(recorded) ?? takeFault(request.method, request.path);
    const before = fault && !('afterHandling' in fault && fault.afterHandling);
    if (before && fault.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (before && fault.kind === 'hold') {
      await clientGone(req);
      return;
    }
    if (before && fault.kind === 'delay') await sleep(fault.ms);
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
      send(res, { status: fault.status, body: fault.body ?? DEFAULT_BODIES[fault.status] ?? { code: -1000, msg: 'Fault injected.' }, headers });
      return;
    }
    const route = routes[`${request.method} ${request.path}`];
    if (!route) {
      send(res, binanceError(404, -1000, `No route ${request.method} ${request.path} in the fake Binance.`));
      return;
    }
    const response = await route(request, state);
    handled.add(recorded);
    notify();
    if (fault?.kind === 'reset' && fault.afterHandling) {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hold') {
      await clientGone(req);
      return;
    }
    if (fault?.kind === 'delay' && fault.afterHandling) await sleep(fault.ms);
    send(res, response);
  };

  const server = createServer((req, res) => {
    res.on('error', () => undefined); // the client may have given up (timeouts, resets)
    handle(req, res).catch((error: unknown) => send(res, binanceError(500, -1000, error instanceof Error ? error.message : String(error))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    account: options.account,
    requests,
    inject(path, fault, times = 1) {
      faults.push({ path, fault, remaining: times });
    },
    count(path) {
      return requests.filter((r) => r.path === path).length;
    },
    waitFor(predicate, { handled: mustBeHandled = false, timeoutMs = 10_000 } = {}) {
      const find = () => requests.find((r) => predicate(r) && (!mustBeHandled || handled.has(r)));
      const seen = find();
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          watchers.delete(watcher);
          reject(new Error(`fake binance: no matching${mustBeHandled ? ' handled' : ''} request within ${timeoutMs} ms`));
        }, timeoutMs);
        const watcher = (): void => {
          const found = find();
          if (!found) return;
          clearTimeout(timer);
          watchers.delete(watcher);
          resolve(found);
        };
        watchers.add(watcher);
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function send(res: ServerResponse, response: FakeResponse): void {
  if (res.destroyed || res.writableEnded) return;
  const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  res.writeHead(response.status ?? 200, { 'Content-Type': 'application/json;charset=UTF-8', 'X-Mbx-Used-Weight-1m': '1', ...response.headers });
  res.end(text);
}

/** Resolves when the client's connection closes (it gave up, or its process died). */
function clientGone(req: IncomingMessage): Promise<void> {
  if (req.socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => req.socket.once('close', () => resolve()));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
