import { describe, expect, it } from 'vitest';
import type { BookLevel } from '../market/types.js';
import { chooseRoute, greedySplit, RouteError, walkFloat, type RoutePenalties } from './choose-route.js';
import { circuitOpen, venueQuote, type VenueQuote } from './venue-quote.js';

const NO_PENALTY: RoutePenalties = { bpsPer100Ms: 0, bpsPerErrorPct: 0 };

function venue(name: string, asks: BookLevel[], extra: Partial<VenueQuote> = {}): VenueQuote {
  return {
    venue: name,
    label: name[0]!.toUpperCase() + name.slice(1),
    asks,
    // A mirror of the asks under the mid, for sells.
    bids: asks.map(([p, a]) => [200 - p, a] as const),
    takerFee: 0.001,
    latencyP50Ms: null,
    latencyP99Ms: null,
    errorRate: 0,
    timeoutRate: 0,
    circuitOpen: false,
    amountStep: 0.001,
    minAmount: 0.001,
    minCost: 1,
    ...extra,
  };
}

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof RouteError ? error.code : `not a RouteError: ${String(error)}`;
  }
  return 'no error';
};

describe('chooseRoute on crafted books', () => {
  it('fees beat depth: a cheaper-looking book loses to a lower fee', () => {
    const lowFee = venue('binance', [[100, 5]], { takerFee: 0.001 });
    const highFee = venue('coinbase', [[99.8, 5]], { takerFee: 0.006 });
    const plan = chooseRoute({ side: 'buy', amount: 1 }, [highFee, lowFee], { penalties: NO_PENALTY });
    expect(plan.legs.map((l) => [l.venue, l.amount])).toEqual([['binance', '1']]);
    expect(plan.total).toBeCloseTo(100.1, 9);
    // What each venue would have cost alone, the best first.
    expect(plan.alone.map((a) => [a.venue, Number(a.total.toFixed(4))])).toEqual([
      ['binance', 100.1],
      ['coinbase', 100.3988],
    ]);
  });

  it('depth beats fees: a thin cheap book loses to a deep one with a higher fee', () => {
    const thin = venue('binance', [[100, 0.2], [103, 10]], { takerFee: 0.001 });
    const deep = venue('kraken', [[100.1, 10]], { takerFee: 0.0026 });
    const plan = chooseRoute({ side: 'buy', amount: 2 }, [thin, deep], { penalties: NO_PENALTY, threshold: { minSavingBps: 50, minSavingQuote: 1 } });
    expect(plan.legs.map((l) => l.venue)).toEqual(['kraken']);
    expect(plan.bestSingle?.venue).toBe('kraken');
    // binance alone: 0.2 × 100 + 1.8 × 103 = 205.4 (+ fee); kraken: 200.2 (+ fee).
    expect(plan.alone.find((a) => a.venue === 'binance')!.cost).toBeCloseTo(205.4, 9);
  });

  it('a flaky venue is avoided: its errors cost more than its better price saves', () => {
    const flaky = venue('kucoin', [[99.98, 10]], { errorRate: 0.1, latencyP50Ms: 80, latencyP99Ms: 900 });
    const steady = venue('binance', [[100, 10]], { latencyP50Ms: 20, latencyP99Ms: 60 });
    const penalties = { bpsPer100Ms: 0.5, bpsPerErrorPct: 1 };
    const plan = chooseRoute({ side: 'buy', amount: 1 }, [flaky, steady], { penalties });
    expect(plan.legs.map((l) => l.venue)).toEqual(['binance']);
    const kucoin = plan.alone.find((a) => a.venue === 'kucoin')!;
    expect(kucoin.penaltyBps).toBeCloseTo(4.5 + 10, 9); // 900 ms p99 × 0.5 bps/100 ms + 10 % errors × 1 bps/%
    expect(kucoin.total).toBeLessThan(plan.total); // cheaper on paper …
    // … and chosen once it answers reliably.
    const calm = chooseRoute({ side: 'buy', amount: 1 }, [{ ...flaky, errorRate: 0, latencyP99Ms: 60 }, steady], { penalties });
    expect(calm.legs.map((l) => l.venue)).toEqual(['kucoin']);
  });

  it('a venue with an open circuit is left out, even when it is the cheapest', () => {
    const broken = venue('kraken', [[90, 10]], { circuitOpen: true });
    const ok = venue('binance', [[100, 10]]);
    const plan = chooseRoute({ side: 'buy', amount: 1 }, [broken, ok]);
    expect(plan.legs.map((l) => l.venue)).toEqual(['binance']);
    expect(plan.alone.find((a) => a.venue === 'kraken')?.excluded).toBe('circuit_open');
    expect(circuitOpen({ venue: 'x', requests: 10, p50Ms: 1, p99Ms: 1, errorRate: 0.6, timeoutRate: 0, since: 0, asOf: 0 })).toBe(true);
    expect(circuitOpen({ venue: 'x', requests: 3, p50Ms: 1, p99Ms: 1, errorRate: 1, timeoutRate: 0, since: 0, asOf: 0 })).toBe(false);
  });

  it('splits only when the split pays more than the threshold', () => {
    // Two books with 1 at 100 and then a step up to 101: a split takes both cheap levels.
    const a = venue('binance', [[100, 1], [101, 10]]);
    const b = venue('kucoin', [[100, 1], [101, 10]]);
    const plan = chooseRoute({ side: 'buy', amount: 2 }, [a, b], { penalties: NO_PENALTY, threshold: { minSavingBps: 5, minSavingQuote: 0.5 } });
    expect(plan.split).toBe(true);
    expect(plan.reason).toBe('split_pays');
    expect(plan.legs.map((l) => [l.venue, l.amount]).sort()).toEqual([
      ['binance', '1'],
      ['kucoin', '1'],
    ]);
    // Alone: 100 + 101 = 201 (+0.1 % fee) = 201.201; split: 200.2. Saves 1.001, about 49.75 bps.
    expect(plan.savingQuote).toBeCloseTo(1.001, 9);
    expect(plan.savingBps).toBeCloseTo(49.75, 1);

    // The same saving under a higher bar: one venue, and what the split would have saved.
    const strict = chooseRoute({ side: 'buy', amount: 2 }, [a, b], { penalties: NO_PENALTY, threshold: { minSavingBps: 60, minSavingQuote: 0.5 } });
    expect(strict.split).toBe(false);
    expect(strict.reason).toBe('single_best');
    expect(strict.splitSavingBps).toBeCloseTo(49.75, 1);
    // …and under an absolute bar it does not reach.
    expect(chooseRoute({ side: 'buy', amount: 2 }, [a, b], { penalties: NO_PENALTY, threshold: { minSavingBps: 5, minSavingQuote: 2 } }).split).toBe(false);
  });

  it('a tiny saving is not worth a second order', () => {
    const a = venue('binance', [[100, 1], [100.01, 10]]);
    const b = venue('kucoin', [[100, 1], [100.01, 10]]);
    const plan = chooseRoute({ side: 'buy', amount: 2 }, [a, b], { penalties: NO_PENALTY });
    expect(plan.split).toBe(false);
    expect(plan.splitSavingBps).toBeGreaterThan(0);
    expect(plan.splitSavingBps).toBeLessThan(1);
  });

  it('splits when no venue alone can fill the order', () => {
    const a = venue('binance', [[100, 1]]);
    const b = venue('kraken', [[100.5, 1]]);
    const plan = chooseRoute({ side: 'buy', amount: 1.5 }, [a, b], { penalties: NO_PENALTY });
    expect(plan.reason).toBe('only_split_fills');
    expect(plan.bestSingle).toBeNull();
    expect(plan.legs.map((l) => [l.venue, l.amount])).toEqual([
      ['binance', '1'],
      ['kraken', '0.5'],
    ]);
    expect(codeOf(() => chooseRoute({ side: 'buy', amount: 3 }, [a, b]))).toBe('route.too_thin');
  });

  it('drops a leg under the venue’s minimum and splits the rest again', () => {
    const a = venue('binance', [[100, 1], [102, 10]]);
    const b = venue('kraken', [[100, 0.05], [102, 10]], { minAmount: 0.1 });
    const c = venue('kucoin', [[100, 1], [102, 10]]);
    const plan = chooseRoute({ side: 'buy', amount: 2 }, [a, b, c], { penalties: NO_PENALTY });
    expect(plan.legs.map((l) => l.venue).sort()).toEqual(['binance', 'kucoin']);
  });

  it('rounds legs to the venue’s step and keeps the whole amount', () => {
    const a = venue('binance', [[100, 0.3333333], [101, 10]]);
    const b = venue('kucoin', [[100, 0.3333333], [101, 10]]);
    const plan = chooseRoute({ side: 'buy', amount: 1 }, [a, b], { penalties: NO_PENALTY, threshold: { minSavingBps: 0, minSavingQuote: 0 } });
    expect(plan.legs.every((l) => /^\d+(\.\d{1,3})?$/.test(l.amount))).toBe(true);
    expect(plan.legs.reduce((s, l) => s + Number(l.amount), 0)).toBeCloseTo(1, 12);
  });

  it('sells where the bids pay most after fees', () => {
    // bids = 200 − ask: binance bid 100, kraken bid 100.15 with a higher fee.
    const a = venue('binance', [[100, 10]]);
    const b = venue('kraken', [[99.85, 10]], { takerFee: 0.0026 });
    const plan = chooseRoute({ side: 'sell', amount: 1 }, [a, b], { penalties: NO_PENALTY });
    // binance: 100 × 0.999 = 99.9; kraken: 100.15 × 0.9974 = 99.889
    expect(plan.legs.map((l) => l.venue)).toEqual(['binance']);
    expect(plan.total).toBeCloseTo(99.9, 9);
  });

  it('routes a quote budget: what it buys, fee included', () => {
    const a = venue('binance', [[100, 10]]);
    const plan = chooseRoute({ side: 'buy', quoteAmount: 100.1 }, [a], { penalties: NO_PENALTY });
    expect(plan.amount).toBe('1');
    expect(plan.total).toBeCloseTo(100.1, 9);
  });

  it('answers bad input with a clear error', () => {
    const a = venue('binance', [[100, 10]]);
    expect(codeOf(() => chooseRoute({ side: 'buy', amount: 0 }, [a]))).toBe('route.bad_amount');
    expect(codeOf(() => chooseRoute({ side: 'buy', amount: Number.NaN }, [a]))).toBe('route.bad_amount');
    expect(codeOf(() => chooseRoute({ side: 'buy', amount: -1 }, [a]))).toBe('route.bad_amount');
    expect(codeOf(() => chooseRoute({ side: 'buy', amount: 0.0001 }, [a]))).toBe('route.bad_amount'); // under the step
    expect(codeOf(() => chooseRoute({ side: 'hold' as 'buy', amount: 1 }, [a]))).toBe('route.bad_side');
    expect(codeOf(() => chooseRoute({ side: 'buy', amount: 1 }, []))).toBe('route.no_venues');
    expect(codeOf(() => chooseRoute({ side: 'buy', amount: 1 }, [a, a]))).toBe('route.duplicate_venue');
    expect(codeOf(() => chooseRoute({ side: 'buy', amount: 1 }, [{ ...a, circuitOpen: true }]))).toBe('route.no_venue_available');
    expect(() => venueQuote({ venue: 'x', label: 'X', book: { symbol: 'BTC/USD', bids: [], asks: [], timestamp: 0 }, takerFee: 0, health: null, rules: { amountStep: 1, minAmount: 1, minCost: 1 }, quoteRate: 0 })).toThrow(/quote rate/);
  });

  it('normalises a venue quoting in another currency', () => {
    const q = venueQuote({ venue: 'kraken', label: 'Kraken', book: { symbol: 'BTC/USD', bids: [[99, 1]], asks: [[100, 1]], timestamp: 0 }, takerFee: 0.0026, health: null, rules: { amountStep: 0.0001, minAmount: 0.0001, minCost: 5 }, quoteRate: 1.002 });
    expect(q.asks[0]![0]).toBeCloseTo(100.2, 9);
    expect(q.bids[0]![0]).toBeCloseTo(99.198, 9);
    expect(q.minCost).toBeCloseTo(5.01, 9);
  });

  it('the greedy split costs no more than any split on a fine grid (random books)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 30; round++) {
      const books = [0, 1, 2].map((v) => {
        let price = 100 + rand();
        const levels: BookLevel[] = [];
        for (let i = 0; i < 20; i++) levels.push([(price += rand() * 0.2), 0.05 + rand() * 0.3] as const);
        return venue(`v${v}`, levels, { takerFee: [0.001, 0.0026, 0.001][v]! });
      });
      const amount = 0.5 + rand() * 2;
      const cost = (split: number[]) => split.reduce((s, x, v) => s + walkFloat(books[v]!.asks, x).cost * (1 + books[v]!.takerFee), 0);
      const greedy = cost(greedySplit(books, 'buy', amount, NO_PENALTY)!);
      for (let i = 0; i <= 20; i++) {
        for (let j = 0; i + j <= 20; j++) {
          const split = [(amount * i) / 20, (amount * j) / 20, (amount * (20 - i - j)) / 20];
          if (split.every((x, v) => !walkFloat(books[v]!.asks, x).exhausted)) expect(greedy).toBeLessThanOrEqual(cost(split) + 1e-9);
        }
      }
    }
  });
});
