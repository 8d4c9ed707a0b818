import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../shared/logger.js';
import { firstToken } from './first-token.js';
import type { Authenticate } from './portfolio-socket.js';
import { CLOSE, SocketGuard, SOCKET_LIMITS, type SocketLimits } from './socket-guard.js';

export interface MarketSocketDeps {
  authenticate: Authenticate;
  /** The last price of a listed pair (BASE/QUOTE), or null when it is not listed here. */
  price: (symbol: string) => Promise<{ symbol: string; last: string; bid: string | null; ask: string | null; at: number } | null>;
  logger: Logger;
  limits?: SocketLimits;
  intervalMs?: number;
  authWaitMs?: number;
}

/** At most this many pairs per socket: a price per pair per interval is what the server pays. */
export const MAX_MARKET_SYMBOLS = 20;
const SYMBOL = /^[A-Z0-9]{1,12}\/[A-Z0-9]{1,12}$/;

/**
 * GET /api/v1/ws/market: send `{type:"subscribe",symbols:["BTC/USDT",…]}` (or "unsubscribe");
 * the socket answers `{type:"subscribed",symbols,unknown}` and then a `{type:"price",…}` per pair
 * every interval. Bad messages get `{type:"error",code,message}`; the socket stays open.
 */
export function registerMarketSocket(app: FastifyInstance, deps: MarketSocketDeps): void {
  const limits = deps.limits ?? SOCKET_LIMITS;
  app.get<{ Querystring: { token?: string } }>('/api/v1/ws/market', { websocket: true }, async (socket, request) => {
    const guard = new SocketGuard(socket, limits);
    const token = await firstToken(socket, typeof request.query.token === 'string' ? request.query.token : undefined, deps.authWaitMs ?? 5_000);
    const reader = token ? await deps.authenticate(token).catch(() => null) : null;
    if (!reader) return guard.drop(CLOSE.unauthorized, 'sign in again');
    const symbols = new Set<string>();
    const refuse = (code: string, message: string) => guard.send({ type: 'error', code, message });

    socket.on('message', async (data: unknown) => {
      const text = String(data);
      if (text.length > 4096) return refuse('ws.too_long', 'Messages are at most 4 KiB.');
      let message: { type?: unknown; symbols?: unknown };
      try {
        message = JSON.parse(text) as typeof message;
      } catch {
        return refuse('ws.not_json', 'Send JSON: {"type":"subscribe","symbols":["BTC/USDT"]}.');
      }
      if ((message.type !== 'subscribe' && message.type !== 'unsubscribe') || !Array.isArray(message.symbols) || !message.symbols.every((s) => typeof s === 'string')) {
        return refuse('ws.bad_message', 'Send {"type":"subscribe","symbols":["BTC/USDT"]} or "unsubscribe".');
      }
      const asked = [...new Set((message.symbols as string[]).map((s) => s.trim().toUpperCase()))];
      if (message.type === 'unsubscribe') {
        asked.forEach((s) => symbols.delete(s));
        return guard.send({ type: 'subscribed', symbols: [...symbols], unknown: [] });
      }
      if (symbols.size + asked.filter((s) => !symbols.has(s)).length > MAX_MARKET_SYMBOLS) return refuse('ws.too_many', `At most ${MAX_MARKET_SYMBOLS} pairs per connection.`);
      const unknown: string[] = [];
      for (const symbol of asked) {
        const quote = SYMBOL.test(symbol) ? await deps.price(symbol).catch(() => null) : null;
        if (!quote) unknown.push(symbol);
        else {
          symbols.add(symbol);
          guard.send({ type: 'price', ...quote, at: new Date(quote.at).toISOString() });
        }
      }
      guard.send({ type: 'subscribed', symbols: [...symbols], unknown });
    });

    const timer = setInterval(async () => {
      for (const symbol of symbols) {
        const quote = await deps.price(symbol).catch((error: unknown) => {
          deps.logger.debug({ err: error, symbol }, 'market socket: no price');
          return null;
        });
        if (quote && !guard.send({ type: 'price', ...quote, at: new Date(quote.at).toISOString() })) return;
      }
    }, deps.intervalMs ?? 2_000);
    guard.onStop(() => clearInterval(timer));
  });
}
