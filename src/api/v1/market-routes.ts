import { z } from 'zod';
import type { TradingService } from '../../trading/trading-service.js';
import { ApiError } from './api-errors.js';
import { symbolInput } from './api-schemas.js';
import type { RouteKit } from './route-kit.js';

export const signalView = z.object({
  symbol: z.string(),
  timeframe: z.string(),
  type: z.enum(['buy', 'sell', 'hold']),
  strength: z.number().describe('0..1'),
  confidence: z.number().describe('0..1'),
  source: z.string().describe('technical, model or combined'),
  generated_at: z.string(),
});
export type SignalView = z.input<typeof signalView>;

/** Where signals come from; the signals use case plugs in here. Without one the answer is an honest empty list. */
export type SignalsSource = (symbol: string, timeframe: string) => Promise<{ signals: SignalView[]; note: string | null }>;

export const NO_SIGNALS: SignalsSource = async () => ({ signals: [], note: 'Trading signals are not available on this server yet: nothing is computed, so nothing is shown.' });

/** GET /market/prices, GET /market/signals: the app's prices (as the chat's “price of …”) and the signals source. */
export function registerMarketRoutes(kit: RouteKit, deps: { trading: TradingService; signals: SignalsSource }): void {
  kit.add(
    {
      method: 'GET', url: '/market/prices', tag: 'market', auth: true, summary: 'Last, bid and ask of up to 20 pairs',
      query: z.object({ symbols: z.string().min(1).max(400).describe('Comma-separated: BTC/USDT,ETH or btc') }),
      responses: {
        200: z.object({
          prices: z.array(z.object({ symbol: z.string(), last: z.number(), bid: z.number(), ask: z.number(), change_24h_pct: z.number().nullable(), timestamp: z.string() })),
        }),
      },
      errors: [400],
    },
    async ({ query, session }) => {
      const raw = [...new Set(query.symbols.split(',').map((s) => s.trim()).filter(Boolean))];
      if (raw.length === 0 || raw.length > 20) throw new ApiError(400, 'request.invalid', 'Invalid query: symbols: name 1 to 20 pairs, comma-separated.');
      const symbols = raw.map((s) => {
        const parsed = symbolInput.safeParse(s);
        if (!parsed.success) throw new ApiError(400, 'request.invalid', `Invalid query: symbols: "${s.slice(0, 30)}" is not a pair such as BTC/USDT.`);
        return parsed.data;
      });
      const tickers = await Promise.all(symbols.map((s) => deps.trading.price(s, session.account)));
      return {
        status: 200,
        body: { prices: tickers.map((t) => ({ symbol: t.symbol, last: t.last, bid: t.bid, ask: t.ask, change_24h_pct: t.change24hPct ?? null, timestamp: new Date(t.timestamp).toISOString() })) },
      };
    },
  );
  kit.add(
    {
      method: 'GET', url: '/market/signals', tag: 'market', auth: true, summary: 'Trading signals for a pair, with their track record behind them',
      query: z.object({ symbol: symbolInput, timeframe: z.enum(['15m', '1h', '4h', '1d']).default('1h') }),
      responses: { 200: z.object({ signals: z.array(signalView), note: z.string().nullable() }) },
      errors: [400],
    },
    async ({ query }) => {
      const ok = await deps.trading.isListed(query.symbol);
      if (!ok) throw new ApiError(400, 'market.unknown_symbol', `${query.symbol} is not listed here.`);
      return { status: 200, body: await deps.signals(query.symbol, query.timeframe) };
    },
  );
}
