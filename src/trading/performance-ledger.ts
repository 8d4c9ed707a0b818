// Realized and unrealized P&L and fees per asset from a list of fills, with the average-cost
// method of position-accounting.ts (the method the portfolio shows): a buy's fee is part of the
// cost basis, a sale's fee comes off its proceeds, and a sale realizes proceeds − average cost.
import { ZERO, type Decimal } from '../shared/decimal.js';
import type { ClosedTrade } from './performance.js';
import { applyTrade, CASH_ASSET, type TradeLegs } from './position-accounting.js';
import type { Position } from './types.js';

export interface LedgerFill extends TradeLegs {
  at: number;
  /** Fills of one order make one closed trade. */
  orderId?: string | number;
}

export interface AssetPnl {
  asset: string;
  amount: Decimal;
  avgEntryUsdt: Decimal;
  /** Price now; null when it could not be priced. */
  price: Decimal | null;
  valueUsdt: Decimal | null;
  realizedPnlUsdt: Decimal;
  /** (price − average entry) × amount (no exit fee, as the portfolio shows it); null when unpriced. */
  unrealizedPnlUsdt: Decimal | null;
  /** Fees paid on this asset's trades (the base of each fill), in USDT. Already inside the P&L: shown, not subtracted again. */
  feesUsdt: Decimal;
}

export interface PnlLedger {
  assets: AssetPnl[];
  realizedPnlUsdt: Decimal;
  unrealizedPnlUsdt: Decimal;
  totalPnlUsdt: Decimal;
  feesUsdt: Decimal;
  positions: Position[];
  /**
   * Each order that disposed of a coin (a sale, or a buy paid in another coin), with the P&L its
   * fills realized. Buys paid in USDT close nothing, even when their fee in a third asset (BNB)
   * realizes that asset's cost: that loss is in the realized total, not in a trade.
   */
  closedTrades: ClosedTrade[];
}

/**
 * Folds `fills` (in time order) into `start` positions and values what is held at `prices`
 * (USDT per unit; null or missing: unpriced).
 */
export function pnlLedger(start: readonly Position[], fills: readonly LedgerFill[], prices: (asset: string) => Decimal | null | undefined): PnlLedger {
  let positions = start.map((p) => ({ ...p }));
  const fees = new Map<string, Decimal>();
  const trades = new Map<string, ClosedTrade>();
  const ordered = fills.map((fill, i) => ({ fill, i })).sort((a, b) => a.fill.at - b.fill.at || a.i - b.i);
  for (const { fill, i } of ordered) {
    const before = new Map(positions.map((p) => [p.asset, p]));
    const feeUsdt = feeValue(fill, before);
    fees.set(fill.base, (fees.get(fill.base) ?? ZERO).plus(feeUsdt));
    positions = applyTrade(positions, fill);
    const disposed = fill.side === 'sell' ? fill.base : fill.quote;
    if (disposed === CASH_ASSET || !(before.get(disposed)?.amount.gt(0) ?? false)) continue;
    const realized = positions.reduce((sum, p) => sum.plus(p.realizedPnlUsdt).minus(before.get(p.asset)?.realizedPnlUsdt ?? ZERO), ZERO);
    const key = fill.orderId === undefined ? `fill:${i}` : `order:${fill.orderId}`;
    const trade = trades.get(key);
    trades.set(key, { closedAt: fill.at, pnl: (trade?.pnl ?? ZERO).plus(realized), asset: disposed });
  }

  const assets: AssetPnl[] = positions.map((p) => {
    const price = prices(p.asset) ?? null;
    const held = p.amount.gt(0);
    return {
      asset: p.asset,
      amount: p.amount,
      avgEntryUsdt: p.avgEntryUsdt,
      price,
      valueUsdt: price ? p.amount.mul(price) : null,
      realizedPnlUsdt: p.realizedPnlUsdt,
      unrealizedPnlUsdt: !held ? ZERO : price ? price.minus(p.avgEntryUsdt).mul(p.amount) : null,
      feesUsdt: fees.get(p.asset) ?? ZERO,
    };
  });
  const realized = assets.reduce((sum, a) => sum.plus(a.realizedPnlUsdt), ZERO);
  const unrealized = assets.reduce((sum, a) => sum.plus(a.unrealizedPnlUsdt ?? ZERO), ZERO);
  return {
    assets,
    realizedPnlUsdt: realized,
    unrealizedPnlUsdt: unrealized,
    totalPnlUsdt: realized.plus(unrealized),
    feesUsdt: [...fees.values()].reduce((sum, f) => sum.plus(f), ZERO),
    positions,
    closedTrades: [...trades.values()].sort((a, b) => a.closedAt - b.closedAt),
  };
}

/** A fill's fee in USDT: in the quote at the quote's value, in the base at the fill's price, in a third asset at that asset's average cost (what applyTrade realizes). */
function feeValue(fill: LedgerFill, before: ReadonlyMap<string, Position>): Decimal {
  if (fill.fee.isZero()) return ZERO;
  if (fill.feeCurrency === fill.quote) return fill.fee.mul(fill.quoteUsdt);
  if (fill.feeCurrency === fill.base) return fill.amount.gt(0) ? fill.fee.mul(fill.cost).div(fill.amount).mul(fill.quoteUsdt) : ZERO;
  if (fill.feeCurrency === CASH_ASSET) return fill.fee;
  return fill.fee.mul(before.get(fill.feeCurrency)?.avgEntryUsdt ?? ZERO);
}
