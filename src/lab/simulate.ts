// The backtester's execution loop: a strategy's targets become orders at the next candle's open,
// filled by the fill model, and the account is marked at every close.
import type { CandleSeries } from '../market/candle-file.js';
import { LONG } from '../signals/strategies/index.js';
import { ZERO, type Decimal } from '../shared/decimal.js';
import type { FillModel } from './fill-model.js';

/** One round trip (or an open position at the end: exitIndex −1). */
export interface Trade {
  /** Candle at whose open the entry filled (the one after the signal). */
  entryIndex: number;
  /** Candle at whose open the position was closed; −1 while open. */
  exitIndex: number;
  /** Base bought. */
  amount: Decimal;
  /** Quote paid, fee included. */
  paid: Decimal;
  /** Quote received, fee deducted (0 while open). */
  received: Decimal;
  fees: Decimal;
  /** Average fill prices (before fees). */
  entryPrice: number;
  exitPrice: number;
}

export interface Simulation {
  /** Equity (cash + position at the close) after each candle, as floats for the statistics. */
  equity: Float64Array;
  /** Final equity in decimal: cash + position × last close. */
  finalEquity: Decimal;
  trades: Trade[];
  /** Closed trades (exitIndex ≥ 0) come first in `trades`, in order; the open one, if any, is last. */
  closed: number;
  /** Candles that ended with a position. */
  candlesInMarket: number;
  fees: Decimal;
  /** Fills the book could not complete (book slippage only). */
  partialFills: number;
}

/**
 * Walks the candles once. At the open of candle i the account acts on targets[i − 1] (the signal
 * seen at the previous close): LONG while flat → buy with all the cash (fee included, fractional
 * amount); FLAT while holding → sell everything. Nothing happens at the first open (no signal yet),
 * and a signal at the last close has no next open to act on. A buy the book could only partly fill
 * leaves the rest as cash until the exit; a partly filled sell sells the rest at the next open.
 */
export function simulate(candles: CandleSeries, targets: Uint8Array, cash: Decimal, fills: FillModel): Simulation {
  const n = candles.length;
  const close = candles.close;
  const equity = new Float64Array(n);
  const trades: Trade[] = [];
  let fees = ZERO;
  let amount = ZERO;
  let cashNumber = cash.toNumber();
  let amountNumber = 0;
  let open: Trade | undefined;
  let exitValue = 0;
  let exitAmount = 0;
  let inMarket = 0;
  let partialFills = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      const want = targets[i - 1];
      if (want === LONG && amountNumber === 0 && cash.gt(0)) {
        const fill = fills.buy(i, cash);
        if (fill.amount.gt(0)) {
          const paid = fill.cost.plus(fill.fee);
          cash = cash.minus(paid);
          amount = fill.amount;
          fees = fees.plus(fill.fee);
          open = { entryIndex: i, exitIndex: -1, amount: fill.amount, paid, received: ZERO, fees: fill.fee, entryPrice: fill.price, exitPrice: NaN };
          trades.push(open);
          if (fill.partial) partialFills++;
          cashNumber = cash.toNumber();
          amountNumber = amount.toNumber();
        }
      } else if (want !== LONG && amountNumber !== 0 && open) {
        const fill = fills.sell(i, amount);
        const received = fill.cost.minus(fill.fee);
        cash = cash.plus(received);
        amount = fill.partial ? amount.minus(fill.amount) : ZERO;
        fees = fees.plus(fill.fee);
        open.received = open.received.plus(received);
        open.fees = open.fees.plus(fill.fee);
        if (fill.partial) partialFills++;
        const sold = fill.amount.toNumber();
        exitValue += fill.price * sold;
        exitAmount += sold;
        if (amount.isZero()) {
          // Average over every fill of the exit (one, unless the book ran out).
          open.exitPrice = exitValue / exitAmount;
          open.exitIndex = i;
          exitValue = 0;
          exitAmount = 0;
          open = undefined;
        }
        cashNumber = cash.toNumber();
        amountNumber = amount.toNumber();
      }
    }
    if (amountNumber !== 0) inMarket++;
    equity[i] = cashNumber + amountNumber * close[i]!;
  }
  return {
    equity,
    finalEquity: cash.plus(amount.mul(close[n - 1]!)),
    trades,
    closed: open ? trades.length - 1 : trades.length,
    candlesInMarket: inMarket,
    fees,
    partialFills,
  };
}

