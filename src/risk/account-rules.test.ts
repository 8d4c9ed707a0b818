import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import { cooldownRule } from './cooldown.rule.js';
import { dailyLossRule } from './daily-loss.rule.js';
import { DEFAULT_RISK_LIMITS as LIMITS } from './limits.js';
import { maxDrawdownRule } from './max-drawdown.rule.js';
import { openOrdersRule } from './open-orders.rule.js';
import { pausedRule } from './paused.rule.js';
import { riskStatus } from './risk-status.js';
import { utcDayStart } from './risk-text.js';
import { buy, facts, holding, HOUR, NOW, sell } from './test-facts.js';

const entry = buy('BTC/USDT', '0.01', 60_000);
const held = { holdings: [holding('BTC', '0.1', 60_000)] };
const exits = [sell('BTC/USDT', '0.1', 60_000), sell('BTC/USDT', '0.1', 55_000, { type: 'stop_loss' }), sell('BTC/USDT', '0.1', 65_000, { type: 'take_profit' }), { kind: 'cancel' as const }];

describe('paused', () => {
  it('allows everything while the account is not paused', () => {
    expect(pausedRule(NOW, entry, facts()).kind).toBe('allow');
  });
  it('blocks new risk while paused, and lets exits through', () => {
    const paused = facts({ paused: true, ...held });
    const v = pausedRule(NOW, entry, paused);
    expect(v).toMatchObject({ kind: 'block', code: 'risk.paused.account_paused' });
    expect(v.message).toContain('resume');
    for (const exit of exits) expect(pausedRule(NOW, exit, paused).kind).toBe('allow');
  });
});

describe('max_drawdown', () => {
  // Peak 12,000: the 15 % limit is at 10,200.
  it('allows above the limit', () => {
    expect(maxDrawdownRule(NOW, entry, facts({ equity: dec(10_201), peakEquity: dec(12_000) }), LIMITS).kind).toBe('allow');
  });
  it('pauses at the limit, saying how far below the peak', () => {
    const v = maxDrawdownRule(NOW, entry, facts({ equity: dec(10_200), peakEquity: dec(12_000) }), LIMITS);
    expect(v).toMatchObject({ kind: 'pause', code: 'risk.max_drawdown.breached', params: { drawdownPct: 15, limitPct: 15, peak: '12000' } });
    expect(v.message).toBe(
      'Your equity (10,200.00 USDT) is 15% below its peak of 12,000.00 USDT (the limit is 15%): the account is paused and takes no new risk until you resume it. Selling, stops and cancels still work.',
    );
  });
  it('on an exit, only warns that the account is being paused', () => {
    const down = facts({ equity: dec(9_000), peakEquity: dec(12_000), ...held });
    for (const exit of exits) expect(maxDrawdownRule(NOW, exit, down, LIMITS)).toMatchObject({ kind: 'warn', code: 'risk.max_drawdown.pausing' });
  });
  it('leaves an account already paused to the paused rule', () => {
    expect(maxDrawdownRule(NOW, entry, facts({ equity: dec(9_000), peakEquity: dec(12_000), paused: true }), LIMITS).code).toBe('risk.max_drawdown.already_paused');
  });
  it('takes equity above the tracked peak as the peak', () => {
    expect(maxDrawdownRule(NOW, entry, facts({ equity: dec(13_000), peakEquity: dec(12_000) }), LIMITS).kind).toBe('allow');
    expect(maxDrawdownRule(NOW, entry, facts({ peakEquity: null }), LIMITS).kind).toBe('allow');
  });
});

describe('daily_loss', () => {
  const day = (equity: number, low?: number) => ({ start: utcDayStart(NOW), equity: dec(equity), ...(low === undefined ? {} : { low: dec(low) }) });

  it('allows a loss under the limit', () => {
    expect(dailyLossRule(NOW, entry, facts({ equity: dec(9_501), day: day(10_000) }), LIMITS).kind).toBe('allow');
  });
  it('blocks new risk at 5 % down until the next UTC day, and says when', () => {
    const v = dailyLossRule(NOW, entry, facts({ equity: dec(9_500), day: day(10_000) }), LIMITS);
    expect(v).toMatchObject({ kind: 'block', code: 'risk.daily_loss.limit_hit', params: { lossPct: 5, limitPct: 5, until: '2024-05-02T00:00:00.000Z' } });
    expect(v.message).toBe(
      'Your equity fell 5% today (from 10,000.00 USDT at 00:00 UTC to 9,500.00 USDT; the daily limit is 5%): new risk is blocked until 2024-05-02 00:00 UTC (in 7 h 12 min). Selling, stops and cancels still work.',
    );
  });
  it('stays blocked for the day when equity recovers after hitting the limit', () => {
    expect(dailyLossRule(NOW, entry, facts({ equity: dec(9_900), day: day(10_000, 9_400) }), LIMITS).kind).toBe('block');
  });
  it('lets exits through', () => {
    const hit = facts({ equity: dec(9_000), day: day(10_000), ...held });
    for (const exit of exits) expect(dailyLossRule(NOW, exit, hit, LIMITS).kind).toBe('allow');
  });
  it('judges nothing on a snapshot from another day; a new day starts afresh', () => {
    const yesterday = { start: utcDayStart(NOW) - 24 * HOUR, equity: dec(10_000), low: dec(9_000) };
    expect(dailyLossRule(NOW, entry, facts({ equity: dec(9_000), day: yesterday }), LIMITS).code).toBe('risk.daily_loss.no_snapshot');
    expect(dailyLossRule(NOW, entry, facts({ day: null }), LIMITS).code).toBe('risk.daily_loss.no_snapshot');
    const tomorrow = utcDayStart(NOW) + 24 * HOUR;
    expect(dailyLossRule(tomorrow + 60_000, entry, facts({ equity: dec(9_000), day: { start: tomorrow, equity: dec(9_000) } }), LIMITS).kind).toBe('allow');
  });
});

describe('cooldown', () => {
  const stops = (...hoursAgo: number[]) => ({ stopLosses: hoursAgo.map((h) => ({ at: NOW - h * HOUR })) });

  it('blocks entries for 12 h after the third stop-loss within 24 h', () => {
    const v = cooldownRule(NOW, entry, facts(stops(20, 10, 2)), LIMITS);
    expect(v).toMatchObject({ kind: 'block', code: 'risk.cooldown.after_stop_losses', params: { stopLosses: 3, until: '2024-05-02T02:48:00.000Z' } });
    expect(v.message).toBe('3 stop-losses hit within 24 h (the last at 2024-05-01 14:48 UTC): new entries wait until 2024-05-02 02:48 UTC (in 10 h). Selling, stops and cancels still work.');
  });
  it('allows when the stops are spread over more than the window, or the wait is over', () => {
    expect(cooldownRule(NOW, entry, facts(stops(30, 10, 2)), LIMITS).kind).toBe('allow');
    expect(cooldownRule(NOW, entry, facts(stops(30, 28, 20)), LIMITS).kind).toBe('allow');
    expect(cooldownRule(NOW, entry, facts(stops(20, 10)), LIMITS).kind).toBe('allow');
  });
  it('does not count a stop that closed in profit', () => {
    const f = facts({ stopLosses: [{ at: NOW - 20 * HOUR, pnl: dec(-5) }, { at: NOW - 10 * HOUR, pnl: dec(12) }, { at: NOW - 2 * HOUR, pnl: dec(-3) }] });
    expect(cooldownRule(NOW, entry, f, LIMITS).kind).toBe('allow');
  });
  it('lets exits through', () => {
    for (const exit of exits) expect(cooldownRule(NOW, exit, facts({ ...stops(3, 2, 1), ...held }), LIMITS).kind).toBe('allow');
  });
});

describe('open_orders', () => {
  const open = (n: number) => ({ openOrders: Array.from({ length: n }, () => ({ acquires: 'ETH', value: dec(10) })) });
  const limitBuy = buy('BTC/USDT', '0.01', 55_000, { type: 'limit', limitPrice: dec(55_000) });

  it('allows a resting order below the cap', () => {
    expect(openOrdersRule(NOW, limitBuy, facts(open(19)), LIMITS).kind).toBe('allow');
  });
  it('blocks a new resting order at the cap', () => {
    const v = openOrdersRule(NOW, limitBuy, facts(open(20)), LIMITS);
    expect(v).toMatchObject({ kind: 'block', code: 'risk.open_orders.too_many', params: { openOrders: 20, maxOpenOrders: 20 } });
  });
  it('lets market orders, resting sales, stops and cancels through at the cap', () => {
    const full = facts({ ...open(25), ...held });
    expect(openOrdersRule(NOW, entry, full, LIMITS).kind).toBe('allow');
    expect(openOrdersRule(NOW, sell('BTC/USDT', '0.1', 70_000, { type: 'limit', limitPrice: dec(70_000) }), full, LIMITS).kind).toBe('allow');
    for (const exit of exits) expect(openOrdersRule(NOW, exit, full, LIMITS).kind).toBe('allow');
  });
});

describe('riskStatus', () => {
  it('sums up the account-wide guards for the /risk menu', () => {
    const s = riskStatus(
      NOW,
      facts({ equity: dec(9_400), peakEquity: dec(10_500), day: { start: utcDayStart(NOW), equity: dec(10_000) }, stopLosses: [{ at: NOW - HOUR }] }),
      LIMITS,
    );
    expect(s.paused).toBe(false);
    expect(s.pauseDue).toBe(false);
    expect(s.drawdown.pct).toBeCloseTo(10.476, 3);
    expect(s.dailyLoss).toMatchObject({ hit: true, limitPct: 5, until: Date.parse('2024-05-02T00:00:00Z') });
    expect(s.dailyLoss!.worstPct).toBeCloseTo(6, 10);
    expect(s.cooldownUntil).toBeNull();
    expect(s.newRiskBlocked).toBe(true);
  });
  it('says a pause is due once the drawdown limit is crossed', () => {
    expect(riskStatus(NOW, facts({ equity: dec(8_000), peakEquity: dec(10_000), day: null }), LIMITS)).toMatchObject({ pauseDue: true, newRiskBlocked: true, dailyLoss: null });
  });
});
