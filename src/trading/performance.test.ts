import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import { performanceReport, type EquityPoint } from './performance.js';

const DAY = 86_400_000;
const D0 = Date.UTC(2024, 2, 1);
const series = (values: readonly (number | [number, number])[]): EquityPoint[] =>
  values.map((v, k) => (Array.isArray(v) ? { at: D0 + k * DAY, equity: dec(v[0]), flow: dec(v[1]) } : { at: D0 + k * DAY, equity: dec(v) }));

describe('performanceReport', () => {
  it('computes return, drawdown, Sharpe and Sortino by hand on a three-day curve', () => {
    // 100 → 110 → 121 → 108.9: daily returns +10 %, +10 %, −10 %.
    //   total 108.9 / 100 − 1 = 8.9 %; drawdown 121 → 108.9 = 10 %.
    //   mean 0.0333…; sample sd √((0.0667² + 0.0667² + 0.1333²) / 2) = 0.11547 → Sharpe 0.288675 × √365 = 5.5151.
    //   downside deviation √(0.1² / 3) = 0.057735 → Sortino 0.57735 × √365 = 11.0303.
    const p = performanceReport(D0 + 3 * DAY, series([100, 110, 121, 108.9]), []).all;
    expect(p.totalReturn).toBeCloseTo(0.089, 12);
    expect(p.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(p.sharpe).toBeCloseTo(5.5151, 4);
    expect(p.sortino).toBeCloseTo(11.0303, 4);
    expect(p.returns).toBe(3);
    expect(p.pnl!.toFixed()).toBe('8.9');
  });

  const equity = series([1000, 1010, 990, 1020, 1020, 1050, 1000, 1030, 1040, 1060]);
  const now = D0 + 9 * DAY + 12 * 3_600_000;
  const trades = [
    { closedAt: D0 - 100 * DAY, pnl: dec(-40) },
    { closedAt: D0 + 5 * DAY, pnl: dec(25) },
    { closedAt: D0 + 9 * DAY + 3_600_000, pnl: dec(10) },
  ];
  const report = performanceReport(now, equity, trades);

  it('measures each period from the equity at its start', () => {
    // 1d: from D8 (1,040) to D9 (1,060). 7d: from D2 (990). 30d, 1y: the history starts at D0 (partial).
    expect(report['1d']).toMatchObject({ from: D0 + 8 * DAY, to: D0 + 9 * DAY, partial: false, returns: 1, sharpe: null, sortino: null, maxDrawdown: 0 });
    expect(report['1d'].totalReturn).toBeCloseTo(20 / 1040, 12);
    expect(report['7d']).toMatchObject({ from: D0 + 2 * DAY, partial: false, returns: 7 });
    expect(report['7d'].totalReturn).toBeCloseTo(1060 / 990 - 1, 12);
    expect(report['7d'].pnl!.toFixed()).toBe('70');
    expect(report['7d'].maxDrawdown).toBeCloseTo(50 / 1050, 12); // 1,050 → 1,000
    expect(report['30d']).toMatchObject({ from: D0, partial: true, returns: 9 });
    expect(report['1y'].partial).toBe(true);
    expect(report.all).toMatchObject({ from: D0, partial: false });
    expect(report.all.totalReturn).toBeCloseTo(0.06, 12);
  });

  it('annualises the daily Sharpe and Sortino with √365, no risk-free rate', () => {
    const r = [1010 / 1000, 990 / 1010, 1020 / 990, 1, 1050 / 1020, 1000 / 1050, 1030 / 1000, 1040 / 1030, 1060 / 1040].map((x) => x - 1);
    const mean = r.reduce((s, x) => s + x, 0) / r.length;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / (r.length - 1));
    const down = Math.sqrt(r.reduce((s, x) => s + Math.min(0, x) ** 2, 0) / r.length);
    expect(report.all.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365), 10);
    expect(report.all.sortino).toBeCloseTo((mean / down) * Math.sqrt(365), 10);
  });

  it('counts the trades closed within each period', () => {
    expect([report['1d'].trades, report['7d'].trades, report['30d'].trades, report['1y'].trades, report.all.trades]).toEqual([1, 2, 2, 3, 3]);
    expect(report.all).toMatchObject({ winRate: 2 / 3 });
    expect(report.all.profitFactor).toBeCloseTo(35 / 40, 12);
    expect(report.all.expectancy!.toFixed(2)).toBe('-1.67'); // (25 + 10 − 40) / 3
    expect(report['7d'].profitFactor).toBeNull(); // nothing lost: a UI shows ∞
  });

  it('takes deposits and withdrawals out of the returns and the P&L', () => {
    // 1,000 → 1,100 (+10 %) → 1,600 with 500 deposited (0 %) → 1,540 with 100 withdrawn (1,640 / 1,600 = +2.5 %).
    const p = performanceReport(D0 + 3 * DAY, series([1000, 1100, [1600, 500], [1540, -100]]), []).all;
    expect(p.totalReturn).toBeCloseTo(1.1 * 1.025 - 1, 12);
    expect(p.pnl!.toFixed()).toBe('140'); // 1,540 − 1,000 − (500 − 100)
  });

  it('says nothing it cannot know', () => {
    const empty = performanceReport(now, [], []).all;
    expect(empty).toMatchObject({ from: null, totalReturn: null, maxDrawdown: null, sharpe: null, trades: 0, winRate: null, profitFactor: null, expectancy: null, best: null, worst: null });
    expect(performanceReport(now, series([1000]), []).all.totalReturn).toBeNull();
  });
});
