import { loadReplayMarketData } from '../../src/market/replay-feed.js';
import type { Ticker } from '../../src/market/types.js';

/**
 * The replay feed is a function of the wall clock (real 2021 candles, anchored at a fixed moment,
 * evaluated at whole seconds), so any process can read its coming seconds. A test uses that to
 * choose a limit price the replayed market will really reach soon, instead of sleeping and hoping.
 */

export interface LimitThatFillsLater {
  symbol: string;
  side: 'buy' | 'sell';
  /** On the tick: away from the book for `restSeconds`, reached by the last price after that. */
  price: number;
  /** Seconds from now at which the last price first reaches the limit. */
  reachedIn: number;
}

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];

/**
 * A limit order that rests when it is placed (no ask at or below a buy, no bid at or above a
 * sell, during the next `restSeconds`) and that the last traded price reaches within
 * `withinSeconds` — the moment the paper matcher fills a resting order. Buys are tried first:
 * a buy one tick under the lowest coming ask is reached as soon as the price stops rising.
 */
export async function limitThatFillsLater(options: { restSeconds?: number; withinSeconds?: number; sides?: Array<'buy' | 'sell'> } = {}): Promise<LimitThatFillsLater> {
  const rest = options.restSeconds ?? 8;
  const within = options.withinSeconds ?? 40;
  let at = 0;
  const feed = await loadReplayMarketData({ clock: { now: () => at } });
  const t0 = Math.floor(Date.now() / 1000) * 1000;
  for (const symbol of SYMBOLS) {
    const market = (await feed.markets()).find((m) => m.symbol === symbol)!;
    const tick = market.priceTick.toNumber();
    const decimals = market.priceTick.decimalPlaces();
    const seconds: Ticker[] = [];
    for (let s = 0; s <= within; s++) {
      at = t0 + s * 1000;
      seconds.push(await feed.ticker(symbol));
    }
    if (seconds.every((t) => t.last === seconds[0]!.last)) continue; // an hour without data: no trades to fill against
    const near = seconds.slice(0, rest + 1);
    const round = (price: number) => Number(price.toFixed(decimals));
    const candidates = {
      buy: { price: round(Math.min(...near.map((t) => t.ask)) - tick), reached: (t: Ticker, p: number) => t.last <= p },
      sell: { price: round(Math.max(...near.map((t) => t.bid)) + tick), reached: (t: Ticker, p: number) => t.last >= p },
    };
    for (const side of options.sides ?? (['buy', 'sell'] as const)) {
      const { price, reached } = candidates[side];
      // Reached at least a few seconds after it rests, so the fill is the matcher's, not the placement's.
      const when = seconds.findIndex((t, s) => s >= 2 && reached(t, price));
      if (when >= 0) return { symbol, side, price, reachedIn: when };
    }
  }
  throw new Error(`the replay does not reach a resting limit within ${within} s on ${SYMBOLS.join(', ')} (flat hours?)`);
}
