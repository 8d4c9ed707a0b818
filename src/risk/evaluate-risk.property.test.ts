import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, floorToStep, maxDec, minDec, ZERO, type Decimal } from '../shared/decimal.js';
import { evaluateRisk } from './evaluate-risk.js';
import type { RiskFacts, RiskTrade } from './facts.js';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from './limits.js';
import { riskStatus } from './risk-status.js';
import { utcDayStart } from './risk-text.js';
import { deepBook } from './test-facts.js';

/*
 * A small simulator: one account (10,000 USDT), three coins whose prices follow a random path, and
 * a user who sends random orders. Each order is judged by evaluateRisk against facts built from
 * the account the way the caller would (equity at the path's prices, the 00:00 UTC snapshot and
 * the day's low, the peak, the pause); an order that passes is filled at the path's price with a
 * 0.1 % fee (the user confirms twice when asked). The caller's pause is honoured: a `pause`
 * verdict, or a job seeing the drawdown (in some runs), flips it; the user may resume (the peak
 * restarts) or panic (pause by hand). Over any such run:
 *   - right after an order that adds risk, the coin it bought is within 10 % of the portfolio,
 *     valued at the prices it filled at (prices moving later can push a position past it; the
 *     rule then refuses to add more);
 *   - no order adds risk on a UTC day whose equity has fallen 5 % below its 00:00 snapshot,
 *     as the simulator itself watches it;
 *   - no order adds risk while the account is paused;
 *   - every exit (a sale of what is held, a stop-loss) goes through.
 */

const COINS = ['AAA', 'BBB', 'CCC'] as const;
const START = Date.UTC(2024, 0, 1, 0, 0);
const FEE = dec('0.001');
const STEP = dec('0.0001');
const HOUR = 3_600_000;

type Action =
  | { kind: 'buy'; coin: number; spendPct: number }
  | { kind: 'sell'; coin: number; sharePct: number }
  | { kind: 'stop_hit'; coin: number }
  | { kind: 'resume' }
  | { kind: 'panic' }
  | { kind: 'none' };

interface Step {
  hours: number;
  /** Price moves in basis points, one per coin. */
  moves: number[];
  action: Action;
}

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('buy' as const), coin: fc.integer({ min: 0, max: 2 }), spendPct: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sell' as const), coin: fc.integer({ min: 0, max: 2 }), sharePct: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stop_hit' as const), coin: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'resume' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'panic' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
);
const stepArb: fc.Arbitrary<Step> = fc.record({
  hours: fc.integer({ min: 1, max: 9 }),
  moves: fc.array(fc.integer({ min: -900, max: 800 }), { minLength: 3, maxLength: 3 }),
  action: actionArb,
});

// The defaults, and looser or tighter ones: the guarantees hold for any limits within bounds.
const limitsArb: fc.Arbitrary<RiskLimits> = fc.oneof(
  fc.constant(DEFAULT_RISK_LIMITS),
  fc.record({ maxPositionPct: fc.integer({ min: 5, max: 60 }), dailyLossPct: fc.integer({ min: 2, max: 10 }), maxDrawdownPct: fc.integer({ min: 5, max: 30 }) }).map((l) => ({ ...DEFAULT_RISK_LIMITS, ...l })),
);

interface Account {
  cash: Decimal;
  held: Map<string, Decimal>;
  paused: boolean;
  peak: Decimal;
  day: { start: number; equity: Decimal; low: Decimal };
  stopLosses: { at: number }[];
  recent: { at: number; value: Decimal }[];
}

const seen = { riskAdded: 0, exits: 0, blockedDailyLoss: 0, blockedPaused: 0, paused: 0, blockedPosition: 0 };

function run(steps: Step[], jobWatchesDrawdown: boolean, LIMITS: RiskLimits): void {
  let now = START;
  const prices = new Map<string, Decimal>([
    ['AAA', dec(100)],
    ['BBB', dec(20)],
    ['CCC', dec('0.5')],
  ]);
  const equityOf = (a: Account) => COINS.reduce((sum, c) => sum.plus(a.held.get(c)!.mul(prices.get(c)!)), a.cash);
  const account: Account = {
    cash: dec(10_000),
    held: new Map(COINS.map((c) => [c, ZERO])),
    paused: false,
    peak: dec(10_000),
    day: { start: START, equity: dec(10_000), low: dec(10_000) },
    stopLosses: [],
    recent: [],
  };
  // What the simulator itself saw: the UTC days on which equity fell 5 % below 00:00.
  const lossDays = new Set<number>();

  for (const step of steps) {
    const before = now;
    now += step.hours * HOUR;
    if (utcDayStart(now) !== utcDayStart(before)) {
      // The 00:00 snapshot: equity at the last prices before midnight.
      const e = equityOf(account);
      account.day = { start: utcDayStart(now), equity: e, low: e };
    }
    COINS.forEach((c, i) => prices.set(c, prices.get(c)!.mul(10_000 + step.moves[i]!).div(10_000).toDecimalPlaces(8)));
    const equity = equityOf(account);
    account.day.low = minDec(account.day.low, equity);
    account.peak = maxDec(account.peak, equity);
    if (account.day.equity.minus(account.day.low).gte(account.day.equity.mul(LIMITS.dailyLossPct).div(100))) lossDays.add(account.day.start);

    const facts = (book: RiskFacts['book']): RiskFacts => ({
      cash: 'USDT',
      equity,
      holdings: COINS.map((c) => ({ asset: c, amount: account.held.get(c)!, price: prices.get(c)! })),
      day: account.day,
      peakEquity: account.peak,
      paused: account.paused,
      book,
      candles: {},
      recentOrders: account.recent,
      stopLosses: account.stopLosses,
      openOrders: [],
    });
    if (jobWatchesDrawdown && riskStatus(now, facts(null), LIMITS).pauseDue) account.paused = true;

    const action = step.action;
    if (action.kind === 'resume') {
      account.paused = false;
      account.peak = equity; // resuming restarts the peak, or the next order would pause again
      continue;
    }
    if (action.kind === 'panic') {
      account.paused = true;
      continue;
    }
    if (action.kind === 'none') continue;

    const coin = COINS[action.coin]!;
    const price = prices.get(coin)!;
    const held = account.held.get(coin)!;
    let amount: Decimal;
    let side: 'buy' | 'sell';
    let type: RiskTrade['type'] = 'market';
    if (action.kind === 'buy') {
      side = 'buy';
      amount = floorToStep(minDec(equity.mul(action.spendPct).div(100), account.cash).div(price.mul(FEE.plus(1))), STEP);
    } else {
      side = 'sell';
      amount = action.kind === 'stop_hit' ? held : floorToStep(held.mul(action.sharePct).div(100), STEP);
      if (action.kind === 'stop_hit') type = 'stop_loss';
    }
    if (amount.lte(0)) continue;

    const order: RiskTrade = { kind: 'trade', symbol: `${coin}/USDT`, base: coin, quote: 'USDT', side, type, amount, price, marketPrice: price, feeRate: FEE, amountStep: STEP, quoteValue: dec(1) };
    const r = evaluateRisk(now, order, facts(deepBook(price.toNumber(), 1e9, 5, order.symbol)), LIMITS);
    const wasPaused = account.paused;
    if (r.pause) {
      account.paused = true; // the kill switch
      seen.paused++;
    }
    if (side === 'sell') {
      expect(r.exposure.addsRisk).toBe(false);
      expect(r.ok, `an exit was blocked: ${r.blocked.map((v) => v.code).join(', ')}`).toBe(true);
    }
    if (!r.ok) {
      if (r.blocked.some((v) => v.rule === 'daily_loss')) seen.blockedDailyLoss++;
      if (r.blocked.some((v) => v.rule === 'paused')) seen.blockedPaused++;
      if (r.blocked.some((v) => v.rule === 'position_size')) seen.blockedPosition++;
      continue;
    }

    // Filled at the path's price, fee in USDT (the user confirmed twice when asked).
    const cost = amount.mul(price);
    const fee = cost.mul(FEE);
    if (side === 'buy') {
      account.cash = account.cash.minus(cost).minus(fee);
      account.held.set(coin, held.plus(amount));
    } else {
      account.cash = account.cash.plus(cost).minus(fee);
      account.held.set(coin, held.minus(amount));
      if (type === 'stop_loss') account.stopLosses.push({ at: now });
    }
    account.recent.push({ at: now, value: cost });
    expect(account.cash.gte(0)).toBe(true);

    if (r.exposure.addsRisk) {
      seen.riskAdded++;
      const after = equityOf(account);
      expect(account.held.get(coin)!.mul(price).lte(after.mul(LIMITS.maxPositionPct).div(100)), `${coin} past its position limit`).toBe(true);
      expect(lossDays.has(account.day.start), 'risk added on a day past its loss limit').toBe(false);
      expect(wasPaused || account.paused, 'risk added while paused').toBe(false);
    } else {
      seen.exits++;
    }
  }
}

describe('evaluateRisk over random order sequences and price paths', () => {
  it('keeps every account within its position limit, its daily loss limit and its pause', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 20, maxLength: 200, size: 'max' }), fc.boolean(), limitsArb, (steps, job, limits) => run(steps, job, limits)),
      { numRuns: 150 },
    );
    // The runs reached every guard: the properties were tested, not vacuously true.
    expect(seen.riskAdded).toBeGreaterThan(100);
    expect(seen.exits).toBeGreaterThan(100);
    expect(seen.blockedDailyLoss).toBeGreaterThan(10);
    expect(seen.blockedPaused).toBeGreaterThan(10);
    expect(seen.blockedPosition).toBeGreaterThan(10);
    expect(seen.paused).toBeGreaterThan(0);
  });
});
