import { systemClock, type Clock } from '../../../src/shared/clock.js';

/**
 * What the fake Binance knows: its listed symbols with their filters, and a deterministic price
 * for each at any moment. Public routes read it; private routes (orders, balances) can keep
 * their own state next to it in a separate file.
 */
export interface FakeSymbolSpec {
  symbol: string; // Binance id, e.g. BTCUSDT
  baseAsset: string;
  quoteAsset: string;
  tickSize: string;
  stepSize: string;
  minQty: string;
  minNotional: string;
  /** Last price; candles wander ±1 % around it and end on it. */
  price: number;
  status?: 'TRADING' | 'BREAK' | 'HALT';
}

/** Filters as Binance lists them today (PRICE_FILTER tick, LOT_SIZE step, NOTIONAL min). */
export const DEFAULT_SYMBOLS: readonly FakeSymbolSpec[] = [
  { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', tickSize: '0.01', stepSize: '0.00001', minQty: '0.00001', minNotional: '5', price: 61828.01 },
  { symbol: 'ETHUSDT', baseAsset: 'ETH', quoteAsset: 'USDT', tickSize: '0.01', stepSize: '0.0001', minQty: '0.0001', minNotional: '5', price: 2650.55 },
  { symbol: 'SOLUSDT', baseAsset: 'SOL', quoteAsset: 'USDT', tickSize: '0.01', stepSize: '0.001', minQty: '0.001', minNotional: '5', price: 145.67 },
  { symbol: 'XRPUSDT', baseAsset: 'XRP', quoteAsset: 'USDT', tickSize: '0.0001', stepSize: '0.1', minQty: '0.1', minNotional: '5', price: 0.5612 },
  { symbol: 'ETHBTC', baseAsset: 'ETH', quoteAsset: 'BTC', tickSize: '0.00001', stepSize: '0.0001', minQty: '0.0001', minNotional: '0.0001', price: 0.04287 },
  { symbol: 'LUNAUSDT', baseAsset: 'LUNA', quoteAsset: 'USDT', tickSize: '0.0001', stepSize: '0.01', minQty: '0.01', minNotional: '5', price: 0.3456, status: 'BREAK' },
];

export const INTERVAL_MS: Readonly<Record<string, number>> = {
  '1m': 60_000, '3m': 180_000, '5m': 300_000, '15m': 900_000, '30m': 1_800_000,
  '1h': 3_600_000, '2h': 7_200_000, '4h': 14_400_000, '6h': 21_600_000, '8h': 28_800_000, '12h': 43_200_000,
  '1d': 86_400_000, '3d': 259_200_000, '1w': 604_800_000,
};
const WEEK_OFFSET_MS = 4 * 86_400_000; // Binance weeks open on Monday; the epoch was a Thursday

/** Binance writes decimals with 8 places. */
export const fmt8 = (value: number | string): string => Number(value).toFixed(8);

export class FakeBinanceState {
  readonly clock: Clock;
  readonly symbols = new Map<string, FakeSymbolSpec>();
  private updateId = 1_000_000;
  private readonly priceListeners: ((spec: FakeSymbolSpec) => void)[] = [];

  constructor(options: { clock?: Clock; symbols?: readonly FakeSymbolSpec[] } = {}) {
    this.clock = options.clock ?? systemClock;
    for (const spec of options.symbols ?? DEFAULT_SYMBOLS) this.symbols.set(spec.symbol, { ...spec });
  }

  now(): number {
    return this.clock.now();
  }

  symbol(id: string | null): FakeSymbolSpec | undefined {
    return id === null ? undefined : this.symbols.get(id);
  }

  /** Moves the last price; resting and stop orders (account-state.ts) match against it before this returns. */
  setPrice(id: string, price: number): void {
    const spec = this.symbols.get(id);
    if (!spec) throw new Error(`fake binance: no symbol ${id}`);
    spec.price = price;
    for (const listener of this.priceListeners) listener(spec);
  }

  /** Called after every setPrice, synchronously: the account's matching engine listens here. */
  onPriceChange(listener: (spec: FakeSymbolSpec) => void): void {
    this.priceListeners.push(listener);
  }

  nextUpdateId(): number {
    return ++this.updateId;
  }

  /**
   * The price at time `t`: a slow ±1 % wave that reaches the symbol's set price now, so the
   * latest candle closes on the ticker's last price. Deterministic for a given clock.
   */
  priceAt(spec: FakeSymbolSpec, t: number): number {
    const wave = (x: number) => Math.sin(x / 3_600_000 / 1.7) * 0.008 + Math.sin(x / 600_000 / 1.3) * 0.002;
    return roundTo(spec.price * (1 + wave(t) - wave(this.now())), spec.tickSize);
  }

  /** Open times of the candles a klines request selects, oldest first (Binance's rules). */
  klineOpenTimes(intervalMs: number, limit: number, startTime?: number, endTime?: number): number[] {
    const align = (t: number) => {
      const offset = intervalMs === INTERVAL_MS['1w'] ? WEEK_OFFSET_MS : 0;
      return Math.floor((t - offset) / intervalMs) * intervalMs + offset;
    };
    const last = align(Math.min(endTime ?? Infinity, this.now()));
    const out: number[] = [];
    if (startTime !== undefined) {
      let open = align(startTime);
      if (open < startTime) open += intervalMs;
      for (; open <= last && out.length < limit; open += intervalMs) out.push(open);
      return out;
    }
    for (let open = last; out.length < limit; open -= intervalMs) out.push(open);
    return out.reverse();
  }
}

export function roundTo(value: number, step: string): number {
  const s = Number(step);
  const decimals = step.includes('.') ? step.split('.')[1]!.replace(/0+$/, '').length : 0;
  return Number((Math.round(value / s) * s).toFixed(decimals));
}
