import { loadReplayMarketData } from '../../src/market/replay-feed.js';

/**
 * A price alert the replayed market will fire soon (the replay is a function of the wall clock:
 * see replay-forecast.ts). The alert checker reads the last price every 5 s, so the level must
 * not just be touched for a second: it is chosen so that the price stays at or beyond it for
 * `holdSeconds` in a row, and is not there during the first `quietSeconds` (while it is set).
 */
export interface AlertThatFiresSoon {
  symbol: string;
  direction: 'above' | 'below';
  /** On the market's tick. */
  level: number;
  /** Seconds from now at which the held stretch starts. */
  reachedIn: number;
}

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];

export async function alertThatFiresSoon(options: { quietSeconds?: number; holdSeconds?: number; withinSeconds?: number } = {}): Promise<AlertThatFiresSoon> {
  const quiet = options.quietSeconds ?? 6;
  const hold = options.holdSeconds ?? 8;
  const within = options.withinSeconds ?? 45;
  let at = 0;
  const feed = await loadReplayMarketData({ clock: { now: () => at } });
  const t0 = Math.floor(Date.now() / 1000) * 1000;
  for (const symbol of SYMBOLS) {
    const market = (await feed.markets()).find((m) => m.symbol === symbol)!;
    const tick = market.priceTick.toNumber();
    const decimals = market.priceTick.decimalPlaces();
    const last: number[] = [];
    for (let s = 0; s <= within + hold; s++) {
      at = t0 + s * 1000;
      last.push((await feed.ticker(symbol)).last);
    }
    const first = last.slice(0, quiet + 1);
    const round = (price: number) => Number(price.toFixed(decimals));
    const candidates = [
      { direction: 'above' as const, level: round(Math.max(...first) + tick), holds: (p: number, level: number) => p >= level },
      { direction: 'below' as const, level: round(Math.min(...first) - tick), holds: (p: number, level: number) => p <= level },
    ];
    for (const { direction, level, holds } of candidates) {
      for (let s = quiet + 1; s <= within; s++) {
        if (last.slice(s, s + hold).every((p) => holds(p, level))) return { symbol, direction, level, reachedIn: s };
      }
    }
  }
  throw new Error(`the replay does not cross and hold a level within ${within} s on ${SYMBOLS.join(', ')} (flat hours?)`);
}
