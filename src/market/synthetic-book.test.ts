import { describe, expect, it } from 'vitest';
import { Decimal } from '../shared/decimal.js';
import { InvalidOrder } from '../shared/errors.js';
import { syntheticBook, walkBook, type SyntheticBookInput } from './synthetic-book.js';
import type { BookLevel } from './types.js';

// A normal 2021 BTC/USDT hour: the median hourly volume of the committed data is ~2,880 BTC.
const BTC: SyntheticBookInput = {
  mid: 40_000.005,
  priceTick: new Decimal('0.01'),
  amountStep: new Decimal('0.00001'),
  hourVolume: 2_880,
  typicalHourVolume: 2_880,
  timestamp: Date.UTC(2025, 0, 1, 12, 0, 0, 250),
  seed: 'BTC/USDT',
};

const onGrid = (value: number, step: string) => new Decimal(value).mod(step).isZero();
const depth = (levels: readonly BookLevel[]) => levels.reduce((sum, [, amount]) => sum + amount, 0);

describe('syntheticBook', () => {
  const book = syntheticBook(BTC);

  it('is sorted best first, with a positive spread around the mid', () => {
    expect(book.bids.length).toBe(50);
    expect(book.asks.length).toBe(50);
    const [bestBid] = book.bids[0]!;
    const [bestAsk] = book.asks[0]!;
    expect(bestAsk).toBeGreaterThan(bestBid);
    expect(bestBid).toBeLessThanOrEqual(BTC.mid);
    expect(bestAsk).toBeGreaterThanOrEqual(BTC.mid);
    for (let i = 1; i < 50; i++) {
      expect(book.bids[i]![0]).toBeLessThan(book.bids[i - 1]![0]);
      expect(book.asks[i]![0]).toBeGreaterThan(book.asks[i - 1]![0]);
    }
  });

  it('puts every price on the tick and every amount on the step', () => {
    for (const [price, amount] of [...book.bids, ...book.asks]) {
      expect(onGrid(price, '0.01')).toBe(true);
      expect(onGrid(amount, '0.00001')).toBe(true);
      expect(amount).toBeGreaterThan(0);
    }
  });

  it('is deterministic within a second and changes from one second to the next', () => {
    expect(syntheticBook({ ...BTC, timestamp: BTC.timestamp + 500 })).toEqual(book);
    expect(syntheticBook({ ...BTC, timestamp: BTC.timestamp + 1000 })).not.toEqual(book);
    // A shallower book is the top of the deeper one.
    expect(syntheticBook({ ...BTC, levels: 5 })).toEqual({ bids: book.bids.slice(0, 5), asks: book.asks.slice(0, 5) });
  });

  it('has Binance-like depth near the touch (calibration: ~4 BTC in the top 20 levels)', () => {
    expect(depth(book.asks.slice(0, 20))).toBeGreaterThan(2);
    expect(depth(book.asks.slice(0, 20))).toBeLessThan(8);
    expect(book.asks[19]![0] / BTC.mid - 1).toBeLessThan(2e-4);
  });

  it('is deeper and tighter in a busy hour than in a thin one', () => {
    const thin = syntheticBook({ ...BTC, hourVolume: 150 });
    const busy = syntheticBook({ ...BTC, hourVolume: 9_000 });
    const spread = (b: typeof book) => b.asks[0]![0] - b.bids[0]![0];
    expect(spread(thin)).toBeGreaterThan(spread(book));
    expect(spread(book)).toBeGreaterThanOrEqual(spread(busy));
    expect(depth(thin.asks)).toBeLessThan(depth(book.asks));
    expect(depth(book.asks)).toBeLessThan(depth(busy.asks));
  });

  it('lets a small market buy stay on the touch and makes a large one walk the book', () => {
    const small = walkBook(book.asks, { amount: '0.01' });
    expect(small.levelsUsed).toBe(1);
    expect(small.averagePrice!.div(BTC.mid).minus(1).abs().toNumber()).toBeLessThan(1e-4); // < 1 bp
    const large = walkBook(book.asks, { amount: '50' });
    expect(large.exhausted).toBe(false);
    expect(large.levelsUsed).toBeGreaterThan(20);
    expect(large.averagePrice!.div(BTC.mid).minus(1).toNumber()).toBeGreaterThan(3e-4); // > 3 bps of slippage
  });

  it('keeps separate levels on markets whose tick is coarse (XRP/BTC)', () => {
    const xrp = syntheticBook({ mid: 0.00002345, priceTick: new Decimal('0.00000001'), amountStep: new Decimal('1'), hourVolume: 1e6, timestamp: 0, seed: 'XRP/BTC', levels: 10 });
    expect(new Set(xrp.asks.map(([p]) => p)).size).toBe(10);
    expect(xrp.asks[0]![0]).toBeGreaterThan(xrp.bids[0]![0]);
    expect(xrp.asks.every(([p]) => onGrid(p, '0.00000001'))).toBe(true);
  });

  it('returns an empty book for a nonsensical mid', () => {
    expect(syntheticBook({ ...BTC, mid: 0 })).toEqual({ bids: [], asks: [] });
  });
});

describe('walkBook', () => {
  const asks: BookLevel[] = [
    [100.1, 0.3],
    [100.2, 0.5],
    [100.5, 1.2],
  ];

  it('fills an amount across levels with exact decimal cost', () => {
    const walk = walkBook(asks, { amount: '0.7' });
    expect(walk.filled.toString()).toBe('0.7');
    // 0.3 × 100.1 + 0.4 × 100.2 = 30.03 + 40.08
    expect(walk.cost.toString()).toBe('70.11');
    expect(walk.averagePrice!.toString()).toBe(new Decimal('70.11').div('0.7').toString());
    expect(walk.worstPrice!.toString()).toBe('100.2');
    expect(walk.levelsUsed).toBe(2);
    expect(walk.exhausted).toBe(false);
  });

  it('does not drift where floats would (0.1 + 0.2)', () => {
    const walk = walkBook([[0.1, 1], [0.2, 1]], { amount: 2 });
    expect(walk.cost.toString()).toBe('0.3');
  });

  it('fills an exact multiple of the whole book without calling it exhausted', () => {
    const walk = walkBook(asks, { amount: '2' });
    expect(walk.filled.toString()).toBe('2');
    expect(walk.exhausted).toBe(false);
  });

  it('reports running out of book with what it could fill', () => {
    const walk = walkBook(asks, { amount: '5' });
    expect(walk.exhausted).toBe(true);
    expect(walk.filled.toString()).toBe('2');
    expect(walk.cost.toString()).toBe('200.73'); // 30.03 + 50.1 + 120.6
    expect(walk.levelsUsed).toBe(3);
  });

  it('spends a quote amount, flooring the last part to the amount step', () => {
    const walk = walkBook(asks, { quoteAmount: '100' }, { amountStep: '0.001' });
    // 30.03 for 0.3 at 100.1, 50.1 for 0.5 at 100.2; 19.87 left at 100.5 → 0.19771… → 0.197 (19.7985)
    expect(walk.filled.toString()).toBe('0.997');
    expect(walk.cost.toString()).toBe('99.9285');
    expect(walk.worstPrice!.toString()).toBe('100.5');
    expect(walk.exhausted).toBe(false);
  });

  it('spends a quote amount exactly when no step is given', () => {
    const walk = walkBook([[4, 10]], { quoteAmount: '10' });
    expect(walk.filled.toString()).toBe('2.5');
    expect(walk.cost.toString()).toBe('10');
  });

  it('reports running out of book for a quote amount', () => {
    const walk = walkBook(asks, { quoteAmount: '1000' });
    expect(walk.exhausted).toBe(true);
    expect(walk.cost.toString()).toBe('200.73');
  });

  it('fills nothing from an empty book', () => {
    const walk = walkBook([], { amount: 1 });
    expect(walk.filled.isZero()).toBe(true);
    expect(walk.averagePrice).toBeNull();
    expect(walk.exhausted).toBe(true);
  });

  it('rejects a zero or negative amount', () => {
    expect(() => walkBook(asks, { amount: 0 })).toThrow(InvalidOrder);
    expect(() => walkBook(asks, { quoteAmount: '-5' })).toThrow(InvalidOrder);
  });
});
