import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import { performanceReport } from './performance.js';
import { pnlLedger, type LedgerFill } from './performance-ledger.js';

const T0 = Date.UTC(2024, 2, 1);
const HOUR = 3_600_000;
let n = 0;
const fill = (side: 'buy' | 'sell', symbol: string, amount: string, price: string, fee: string, feeCurrency: string, orderId?: number): LedgerFill => {
  const [base, quote] = symbol.split('/') as [string, string];
  return { at: T0 + ++n * HOUR, side, base, quote, amount: dec(amount), cost: dec(amount).mul(price), fee: dec(fee), feeCurrency, quoteUsdt: dec(1), ...(orderId === undefined ? {} : { orderId }) };
};

/*
 * The ledger, by hand (average cost; a buy's fee is in its cost, a sale's comes off its proceeds).
 * Cash starts at 100,000 USDT.
 *
 *  #  fill                                      cost basis / proceeds                 realized      cash after
 *  1  buy 0.5 BTC @ 40,000, fee 20 USDT         basis 20,020 → avg 40,040                            79,980.00
 *  2  buy 0.5 BTC @ 44,000, fee 22 USDT         basis 42,042 for 1 BTC → avg 42,042                  57,958.00
 *  3  sell 0.4 BTC @ 50,000 in two fills:
 *     0.25 (fee 12.50) + 0.15 (fee 7.50)        proceeds 19,980 − 0.4 × 42,042 = 16,816.80  +3,163.20  77,938.00
 *  4  buy 10 ETH @ 2,500, fee 25 USDT           basis 25,025 → avg 2,502.50                          52,913.00
 *  5  sell 4 ETH @ 2,400, fee 9.60              proceeds 9,590.40 − 4 × 2,502.50 = 10,010   −419.60  62,503.40
 *  6  sell 0.6 BTC @ 38,000, fee 22.80 (stop)   proceeds 22,777.20 − 0.6 × 42,042 = 25,225.20  −2,448.00  85,280.60
 *  7  buy 1 BNB @ 600, fee 0.60 USDT            basis 600.60                                         84,680.00
 *  8  buy 100 SOL @ 150, fee 0.015 BNB          SOL basis 15,000; the BNB fee realizes
 *                                               0.015 × 600.60 = 9.009 of BNB's cost        −9.009   69,680.00
 *
 * Prices now: ETH 2,600 · BNB 620 · SOL 140 (BTC 45,000, none held).
 *   unrealized  ETH 6 × (2,600 − 2,502.50) = 585.00; BNB 0.985 × (620 − 600.60) = 19.109; SOL 100 × (140 − 150) = −1,000.00
 *   realized    BTC 3,163.20 − 2,448.00 = 715.20; ETH −419.60; BNB −9.009; SOL 0        → 286.591
 *   unrealized  585.00 + 19.109 − 1,000.00                                               → −395.891
 *   total P&L   286.591 − 395.891 = −109.30
 *   check       equity 69,680.00 + 6 × 2,600 + 0.985 × 620 + 100 × 140 = 99,890.70 = 100,000 − 109.30 ✓
 *   fees        BTC 20 + 22 + 12.50 + 7.50 + 22.80 = 84.80; ETH 25 + 9.60 = 34.60; BNB 0.60; SOL 9.009 → 129.009
 */
const fills: LedgerFill[] = [
  fill('buy', 'BTC/USDT', '0.5', '40000', '20', 'USDT'),
  fill('buy', 'BTC/USDT', '0.5', '44000', '22', 'USDT'),
  fill('sell', 'BTC/USDT', '0.25', '50000', '12.5', 'USDT', 3),
  fill('sell', 'BTC/USDT', '0.15', '50000', '7.5', 'USDT', 3),
  fill('buy', 'ETH/USDT', '10', '2500', '25', 'USDT'),
  fill('sell', 'ETH/USDT', '4', '2400', '9.6', 'USDT', 5),
  fill('sell', 'BTC/USDT', '0.6', '38000', '22.8', 'USDT', 6),
  fill('buy', 'BNB/USDT', '1', '600', '0.6', 'USDT'),
  fill('buy', 'SOL/USDT', '100', '150', '0.015', 'BNB'),
];
const prices: Record<string, string> = { BTC: '45000', ETH: '2600', BNB: '620', SOL: '140' };

describe('pnlLedger', () => {
  const ledger = pnlLedger([], fills, (asset) => (prices[asset] ? dec(prices[asset]) : null));
  const row = (asset: string) => ledger.assets.find((a) => a.asset === asset)!;
  const cents = (d: { toFixed(n: number): string }) => d.toFixed(2);

  it('matches the hand-computed ledger to the cent, asset by asset', () => {
    expect(['BTC', 'ETH', 'BNB', 'SOL'].map((a) => [a, row(a).amount.toFixed(), cents(row(a).avgEntryUsdt), cents(row(a).realizedPnlUsdt), cents(row(a).unrealizedPnlUsdt!), cents(row(a).feesUsdt)])).toEqual([
      ['BTC', '0', '0.00', '715.20', '0.00', '84.80'],
      ['ETH', '6', '2502.50', '-419.60', '585.00', '34.60'],
      ['BNB', '0.985', '600.60', '-9.01', '19.11', '0.60'],
      ['SOL', '100', '150.00', '0.00', '-1000.00', '9.01'],
    ]);
  });

  it('has the totals of the ledger, exactly', () => {
    expect(ledger.realizedPnlUsdt.toFixed()).toBe('286.591');
    expect(ledger.unrealizedPnlUsdt.toFixed()).toBe('-395.891');
    expect(ledger.totalPnlUsdt.toFixed()).toBe('-109.3');
    expect(ledger.feesUsdt.toFixed()).toBe('129.009');
  });

  it('makes one closed trade per order that sold a coin, partial fills together', () => {
    expect(ledger.closedTrades.map((t) => [t.asset, t.pnl.toFixed()])).toEqual([
      ['BTC', '3163.2'],
      ['ETH', '-419.6'],
      ['BTC', '-2448'],
    ]);
  });

  it('feeds the trade statistics: win rate, profit factor, expectancy, best and worst', () => {
    const p = performanceReport(T0 + 30 * HOUR, [], ledger.closedTrades).all;
    expect(p.trades).toBe(3);
    expect(p.winRate).toBeCloseTo(1 / 3, 12);
    expect(p.profitFactor).toBeCloseTo(3163.2 / (419.6 + 2448), 12); // 1.1031
    expect(p.expectancy!.toFixed(4)).toBe('98.5333'); // (3,163.20 − 419.60 − 2,448.00) / 3
    expect(p.best!.toFixed()).toBe('3163.2');
    expect(p.worst!.toFixed()).toBe('-2448');
  });

  it('continues from stored positions, and leaves an unpriced holding’s unrealized P&L unknown', () => {
    const half = pnlLedger([], fills.slice(0, 4), () => null);
    const rest = pnlLedger(half.positions, fills.slice(4), (asset) => (prices[asset] ? dec(prices[asset]) : null));
    expect(rest.realizedPnlUsdt.toFixed()).toBe('286.591');
    expect(half.assets.find((a) => a.asset === 'BTC')!.unrealizedPnlUsdt).toBeNull();
  });
});
