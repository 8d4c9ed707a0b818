import { dec, decString, floorToStep, minDec, type Decimal } from '../shared/decimal.js';
import type { ErrorParams } from '../shared/errors.js';
import { formatAmount, formatMoney, formatPrice } from '../shared/number-format.js';
import type { RiskFacts, RiskTrade } from './facts.js';
import type { RiskLimits } from './limits.js';
import { positionRoom } from './position-size.rule.js';
import { pct } from './risk-text.js';

/** A long position from `entry` with a protective stop at `stop`: what it loses if the stop fills. */
export interface StopTrade {
  amount: Decimal;
  /** Expected entry price (quote per base). */
  entry: Decimal;
  /** Stop price (quote per base). */
  stop: Decimal;
  /** Taker fee as a fraction: paid on the entry and again when the stop sells at market. */
  feeRate: Decimal;
  /** Value of one unit of the quote in the reference currency (1 for a USDT market). */
  quoteValue: Decimal;
}

export interface OrderRisk {
  /** Loss per unit of base at the stop, fees on both sides included: (entry − stop) + f·(entry + stop). */
  perUnit: Decimal;
  /** What the order risks, in the quote asset: amount × (entry − stop) + fees. Negative: the stop locks in a profit. */
  quote: Decimal;
  /** The same in the reference currency. */
  value: Decimal;
  /** As a share of the portfolio, in percent; null without a positive portfolio value. */
  pctOfEquity: number | null;
}

/**
 * How much an order with a stop risks: buying `amount` at `entry` pays entry·(1 + f) a unit, the
 * stop sells it at stop·(1 − f), so a unit loses (entry − stop) + f·(entry + stop). Slippage past
 * the stop is not included: a market sell in a fast fall can fill below it.
 */
export function orderRisk(trade: StopTrade, equity: Decimal): OrderRisk {
  const perUnit = trade.entry.minus(trade.stop).plus(trade.feeRate.mul(trade.entry.plus(trade.stop)));
  const quote = trade.amount.mul(perUnit);
  const value = quote.mul(trade.quoteValue);
  return { perUnit, quote, value, pctOfEquity: equity.gt(0) ? value.div(equity).mul(100).toNumber() : null };
}

export interface SizingRequest {
  /** What to risk, in percent of the portfolio (1 = 1 %). */
  riskPct: number;
  base: string;
  quote: string;
  entry: Decimal;
  stop: Decimal;
  feeRate: Decimal;
  amountStep: Decimal;
  /** The market's minimum order amount, when it has one. */
  minAmount?: Decimal;
  quoteValue: Decimal;
}

export type SizingResult =
  | {
      ok: true;
      /** The base amount to buy, on the market's step. */
      amount: Decimal;
      /** Its value at the entry, in the reference currency. */
      value: Decimal;
      /** What it risks at the stop (never more than asked). */
      risk: OrderRisk;
      /** What the risk alone would allow, before the position limit. */
      riskAmount: Decimal;
      /** 'position_size' when the position limit made it smaller than the risk allows. */
      cappedBy: 'risk' | 'position_size';
      /** A sentence for the preview. */
      message: string;
    }
  | { ok: false; code: string; params: ErrorParams; message: string };

/**
 * "Risk 1 % on BTC with a stop at 58k": the amount whose loss at the stop, fees on both sides
 * included, is `riskPct` of the portfolio — rounded down to the market's step, and capped by the
 * position-size limit (the same arithmetic as that rule, so a sized order always passes it).
 */
export function sizeByRisk(request: SizingRequest, facts: Pick<RiskFacts, 'equity' | 'holdings' | 'openOrders' | 'cash'>, limits: Pick<RiskLimits, 'maxPositionPct'>): SizingResult {
  const { entry, stop, base } = request;
  const fail = (reason: string, message: string, params: ErrorParams = {}) => ({ ok: false as const, code: `risk.sizing.${reason}`, params, message });
  if (!(request.riskPct > 0 && request.riskPct <= 100)) return fail('bad_risk', 'The risk must be a percentage above 0 and at most 100.', { riskPct: request.riskPct });
  if (!entry.gt(0) || !stop.gt(0)) return fail('bad_price', 'The entry and the stop must be positive prices.');
  if (stop.gte(entry)) {
    return fail('stop_not_below_entry', `A stop at ${formatPrice(stop)} is not below the entry (${formatPrice(entry)}): it would sell at once.`, { stop: stop.toFixed(), entry: entry.toFixed() });
  }
  if (!facts.equity.gt(0)) return fail('no_equity', 'Your portfolio has no value to risk a share of.');
  const budget = facts.equity.mul(dec(request.riskPct).div(100));
  const perUnitValue = orderRisk({ amount: dec(1), entry, stop, feeRate: request.feeRate, quoteValue: request.quoteValue }, facts.equity).value;
  const riskAmount = floorToStep(budget.div(perUnitValue), request.amountStep);
  const asTrade: RiskTrade = {
    kind: 'trade',
    symbol: `${base}/${request.quote}`,
    base,
    quote: request.quote,
    side: 'buy',
    type: 'market',
    amount: riskAmount,
    price: entry,
    marketPrice: entry,
    feeRate: request.feeRate,
    amountStep: request.amountStep,
    quoteValue: request.quoteValue,
  };
  const room = positionRoom(asTrade, base, facts, limits);
  const amount = minDec(riskAmount, room.maxAmount);
  const cappedBy = amount.lt(riskAmount) ? ('position_size' as const) : ('risk' as const);
  if (amount.lte(0)) {
    return cappedBy === 'position_size'
      ? fail('position_full', `${base} already fills its position limit (${pct(limits.maxPositionPct)} of your portfolio): there is no room to buy more.`, { asset: base, limitPct: limits.maxPositionPct })
      : fail('below_step', `Risking ${pct(request.riskPct, 2)} with a stop at ${formatPrice(stop)} buys less than the smallest amount ${base} trades (${formatAmount(request.amountStep)}).`, { riskPct: request.riskPct });
  }
  if (request.minAmount && amount.lt(request.minAmount)) {
    return fail('below_minimum', `That comes to ${formatAmount(amount)} ${base}, below the minimum order of ${formatAmount(request.minAmount)} ${base}.`, { amount: decString(amount), minAmount: decString(request.minAmount) });
  }
  const risk = orderRisk({ amount, entry, stop, feeRate: request.feeRate, quoteValue: request.quoteValue }, facts.equity);
  const value = amount.mul(entry).mul(request.quoteValue);
  const riskText = `${formatAmount(amount)} ${base} (${formatMoney(value, facts.cash)}) loses ${formatMoney(risk.value, facts.cash)} at the stop, fees included: ${pct(risk.pctOfEquity ?? 0, 2)} of your portfolio.`;
  const message =
    cappedBy === 'position_size'
      ? `${riskText} Risking the full ${pct(request.riskPct, 2)} would take ${formatAmount(riskAmount)} ${base}, above the ${pct(limits.maxPositionPct)} position limit.`
      : riskText;
  return { ok: true, amount, value, risk, riskAmount, cappedBy, message };
}
