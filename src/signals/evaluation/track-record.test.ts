import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/seeded-random.js';
import { blockBootstrap95, wilson95 } from './accuracy-interval.js';
import { futureMoves, MIN_SCORED, persistenceGuess, trackRecord, weightFor, type ScoreInput } from './track-record.js';

const HOUR = 3_600_000;

function input(close: number[], predictions: number[], horizon = 1): ScoreInput {
  const moves = futureMoves(close, horizon);
  return {
    predictions: Int8Array.from(predictions),
    moves,
    close,
    timestamp: close.map((_, i) => i * HOUR),
    timeframeMs: HOUR,
    from: 1,
    to: close.length - horizon,
  };
}

describe('outcomes and the naive guesses', () => {
  it('reads the move `horizon` candles ahead: up, down, a tie, or unknown at the end', () => {
    expect([...futureMoves([1, 2, 2, 1, 3], 1)]).toEqual([1, 0, -1, 1, 0]);
    expect([...futureMoves([1, 2, 2, 1, 3], 2)]).toEqual([1, -1, 1, 0, 0]);
  });

  it('guesses persistence from the candle just closed; a flat candle guesses down', () => {
    const close = [1, 2, 1, 1];
    expect([persistenceGuess(close, 1), persistenceGuess(close, 2), persistenceGuess(close, 3)]).toEqual([1, -1, -1]);
  });
});

describe('a track record', () => {
  it('counts calls, leaves ties and silent candles out, and scores every naive guess on the same candles', () => {
    //          i:  0    1    2    3    4    5    6    7
    const close = [10, 11, 12, 12, 11, 13, 12, 14];
    // moves (h=1) from 1:  +1 0 −1 +1 −1 +1 (i = 1..6)
    const r = trackRecord(input(close, [0, 1, 1, -1, -1, 1, 0, 0]));
    // Scored: i=1 (+1 vs +1 ✓), i=3 (−1 vs −1 ✓), i=4 (−1 vs +1 ✗), i=5 (+1 vs −1 ✗); i=2 is a tie, i=6 silent.
    expect(r.n).toBe(4);
    expect(r.accuracy.right).toBe(2);
    expect(r.accuracy.rate).toBe(0.5);
    expect(r.coverage).toBe(4 / 5); // 5 candles with a non-tied outcome, 4 called
    expect(r.from).toBe(2 * HOUR); // close of candle 1
    expect(r.to).toBe(6 * HOUR); // close of candle 5
    // On i = 1, 3, 4, 5 the price went up, down, up, down.
    expect(r.baselines.always_up).toEqual({ right: 2, n: 4, rate: 0.5 });
    expect(r.baselines.always_down).toEqual({ right: 2, n: 4, rate: 0.5 });
    // Persistence guesses: i=1 up (11>10) ✓, i=3 down (flat) ✓, i=4 down ✗, i=5 up ✗.
    expect(r.baselines.persistence).toEqual({ right: 2, n: 4, rate: 0.5 });
    expect(r.baselines.reversal).toEqual({ right: 2, n: 4, rate: 0.5 });
    expect(r.byDirection.buy).toEqual({ right: 1, n: 2, rate: 0.5, baseRate: 3 / 5 });
    expect(r.byDirection.sell).toEqual({ right: 1, n: 2, rate: 0.5, baseRate: 2 / 5 });
    expect(r.weight).toBe(0);
  });

  it('gives weight only when the low end of the interval clears the best naive guess, and full weight 5 points above it', () => {
    // A coin-flip market; a signal right 60 % of the time, independently.
    const random = seededRandom(7);
    const n = 4000;
    const close = [100];
    for (let i = 0; i < n; i++) close.push(close.at(-1)! * (random() < 0.5 ? 1.01 : 0.99));
    const moves = futureMoves(close, 1);
    const calls = Array.from(moves, (m) => (random() < 0.6 ? m : -m));
    const good = trackRecord(input(close, calls));
    expect(good.accuracy.rate).toBeGreaterThan(0.58);
    expect(good.accuracy.ci95.low).toBeGreaterThan(0.57);
    expect(good.edge).toBeGreaterThan(0.05);
    expect(good.weight).toBe(1);
    // A coin flip: no weight.
    const flip = trackRecord(input(close, Array.from(moves, () => (random() < 0.5 ? 1 : -1))));
    expect(flip.edge).toBeLessThan(0);
    expect(flip.weight).toBe(0);
    // Always up scores exactly as the always-up guess: never an edge.
    const up = trackRecord(input(close, Array.from(moves, () => 1)));
    expect(up.accuracy.rate).toBe(up.baselines.always_up.rate);
    expect(up.weight).toBe(0);
  });

  it('holds a signal that copies persistence to persistence, and one that copies its opposite to the reversal guess', () => {
    const random = seededRandom(3);
    const close = [100];
    // A mean-reverting market: each move is undone 60 % of the time.
    let last = 1;
    for (let i = 0; i < 3000; i++) {
      last = random() < 0.6 ? -last : last;
      close.push(close.at(-1)! * (1 + 0.01 * last));
    }
    const contrarian = close.map((_, i) => -persistenceGuess(close, i));
    const r = trackRecord(input(close, contrarian));
    expect(r.accuracy.rate).toBeGreaterThan(0.55);
    expect(r.bestBaseline).toBe('reversal');
    expect(r.accuracy.rate).toBe(r.baselines.reversal.rate);
    expect(r.weight).toBe(0); // it is the naive guess, however well that guess did
  });

  it('needs a sample: no weight under MIN_SCORED calls, and a record with no calls says so', () => {
    expect(weightFor(0.1, MIN_SCORED - 1)).toBe(0);
    expect(weightFor(0.1, MIN_SCORED)).toBe(1);
    expect(weightFor(0.025, 1000)).toBeCloseTo(0.5, 12);
    expect(weightFor(0, 1000)).toBe(0);
    const none = trackRecord(input([1, 2, 3, 4], [0, 0, 0, 0]));
    expect(none).toMatchObject({ n: 0, coverage: 0, from: null, to: null, weight: 0 });
    expect(none.accuracy.rate).toBe(0);
  });
});

describe('accuracy intervals', () => {
  it('Wilson matches the textbook values', () => {
    const { low, high } = wilson95(50, 100);
    expect(low).toBeCloseTo(0.4038, 4);
    expect(high).toBeCloseTo(0.5962, 4);
    expect(wilson95(0, 10).low).toBe(0);
    expect(wilson95(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('the block bootstrap is reproducible, close to Wilson on independent outcomes, and wider on runs of overlapping ones', () => {
    const random = seededRandom(11);
    const independent: number[] = Array.from({ length: 3000 }, () => (random() < 0.55 ? 1 : 0));
    const a = blockBootstrap95(independent, { seed: 5 });
    expect(blockBootstrap95(independent, { seed: 5 })).toEqual(a);
    const hits = independent.reduce((s, v) => s + v, 0);
    const w = wilson95(hits, independent.length);
    expect(a.high - a.low).toBeGreaterThan(0.8 * (w.high - w.low));
    expect(a.high - a.low).toBeLessThan(1.25 * (w.high - w.low));
    // Each outcome repeated 4 times in a row (what overlapping 4-candle windows look like): same mean, wider interval.
    const runs = independent.slice(0, 750).flatMap((v) => [v, v, v, v]);
    const b = blockBootstrap95(runs, { seed: 5 });
    const wr = wilson95(runs.reduce((s, v) => s + v, 0), runs.length);
    expect(b.high - b.low).toBeGreaterThan(1.6 * (wr.high - wr.low));
  });
});
