import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import { fatFingerRule, usualOrderValue } from './fat-finger.rule.js';
import { DEFAULT_RISK_LIMITS as LIMITS } from './limits.js';
import { buy, facts, holding, HOUR, NOW, sell } from './test-facts.js';

const limitBuy = (price: number, amount = '0.001') => buy('BTC/USDT', amount, price, { type: 'limit', limitPrice: dec(price), marketPrice: dec(60_000) });
const limitSell = (price: number) => sell('BTC/USDT', '0.001', price, { type: 'limit', limitPrice: dec(price), marketPrice: dec(60_000) });
const history = (...values: number[]) => ({ recentOrders: values.map((v, i) => ({ at: NOW - (i + 1) * HOUR, value: dec(v) })) });

describe('fat_finger: price', () => {
  it('asks twice for a limit more than 10 % from the market on the side that fills at once', () => {
    const v = fatFingerRule(NOW, limitBuy(66_001), facts(), LIMITS);
    expect(v).toMatchObject({ kind: 'confirm_twice', code: 'risk.fat_finger.price', params: { awayPct: 10 } });
    expect(v.message).toBe('Your limit of 66,001.00 is 10% above the market (60,000.00): it would buy at once at whatever the book offers. Confirm it a second time if that is what you mean.');
    expect(fatFingerRule(NOW, limitBuy(66_000), facts(), LIMITS).kind).toBe('allow');
  });

  it('asks twice for a sale far below the market, even of what is held (it is not blocked)', () => {
    const v = fatFingerRule(NOW, limitSell(6_000), facts({ holdings: [holding('BTC', 1, 60_000)] }), LIMITS);
    expect(v).toMatchObject({ kind: 'confirm_twice', params: { awayPct: 90 } });
    expect(v.message).toContain('90% below the market');
  });

  it('leaves limits on the resting side alone, however far', () => {
    expect(fatFingerRule(NOW, limitBuy(30_000), facts(), LIMITS).kind).toBe('allow');
    expect(fatFingerRule(NOW, limitSell(90_000), facts(), LIMITS).kind).toBe('allow');
  });
});

describe('fat_finger: size', () => {
  // Median of 80, 90, 100, 100, 100, 110, 120 = 100: the threshold is 500.
  const usual = history(100, 120, 80, 100, 110, 90, 100);

  it('asks twice for an order above 5× the median of the recent ones', () => {
    const v = fatFingerRule(NOW, buy('BTC/USDT', '0.01', 60_000), facts(usual), LIMITS); // 600
    expect(v).toMatchObject({ kind: 'confirm_twice', code: 'risk.fat_finger.size', params: { times: 6, usualValue: '100' } });
    expect(v.message).toBe('This order (600.00 USDT) is 6.0× the median of your recent orders (100.00 USDT). Confirm it a second time if that is what you mean.');
    expect(fatFingerRule(NOW, buy('BTC/USDT', '0.01', 50_000), facts(usual), LIMITS).kind).toBe('allow'); // 500
  });

  it('has no usual size with fewer than 5 orders, and uses only the newest 20', () => {
    expect(fatFingerRule(NOW, buy('BTC/USDT', 1, 60_000), facts(history(10, 10, 10, 10)), LIMITS).kind).toBe('allow');
    const newest = Array<number>(20).fill(1_000);
    const older = Array<number>(30).fill(10);
    expect(usualOrderValue(facts(history(...newest, ...older)), 20)!.toFixed()).toBe('1000');
    expect(fatFingerRule(NOW, buy('BTC/USDT', '0.05', 60_000), facts(history(...newest, ...older)), LIMITS).kind).toBe('allow'); // 3,000
    expect(usualOrderValue(facts(history(1, 2, 3, 4, 5, 6)), 20)!.toFixed()).toBe('3.5');
  });

  it('names both reasons when both apply', () => {
    const v = fatFingerRule(NOW, limitBuy(70_000, '0.01'), facts(history(100, 100, 100, 100, 100)), LIMITS);
    expect(v.code).toBe('risk.fat_finger.price_and_size');
  });

  it('does not judge stops, take-profits or cancels', () => {
    const f = facts({ ...history(1, 1, 1, 1, 1), holdings: [holding('BTC', 1, 60_000)] });
    expect(fatFingerRule(NOW, sell('BTC/USDT', 1, 30_000, { type: 'stop_loss', marketPrice: dec(60_000) }), f, LIMITS).kind).toBe('allow');
    expect(fatFingerRule(NOW, sell('BTC/USDT', 1, 90_000, { type: 'take_profit', marketPrice: dec(60_000) }), f, LIMITS).kind).toBe('allow');
    expect(fatFingerRule(NOW, { kind: 'cancel' }, f, LIMITS).kind).toBe('allow');
  });
});
