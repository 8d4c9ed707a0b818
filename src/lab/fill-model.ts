// How the backtester's market orders fill at a candle's open: the paper exchange's model. The taker
// fee is charged in the quote asset on each fill's notional (cost × fee rate), as
// src/exchange/paper-exchange.ts does; with `book` slippage the order walks the same synthetic order
// book the paper exchange fills against (src/market/synthetic-book.ts: syntheticBook + walkBook),
// centred on the open. Decimal throughout, like the paper ledger.
import type { CandleSeries } from '../market/candle-file.js';
import { replayMarketRules } from '../market/market-rules.js';
import { syntheticBook, walkBook } from '../market/synthetic-book.js';
import { Decimal, dec, type DecimalLike } from '../shared/decimal.js';

/** `none`: every fill at the open exactly. `book`: walk a synthetic order book around the open. */
export type SlippageModel = 'none' | 'book';

export interface Fill {
  /** Base bought or sold. */
  amount: Decimal;
  /** Quote paid (buy) or received (sell), before the fee. */
  cost: Decimal;
  /** Taker fee, in quote. */
  fee: Decimal;
  /** Average price of the fill, as a float (for the trade list; the money is in `cost`). */
  price: number;
  /** The book ran out before the order was done (book slippage only): the rest waits for the next open. */
  partial: boolean;
}

export interface FillModel {
  readonly slippage: SlippageModel;
  /** Buys at the open of candle i with at most `budget` quote, fee included. */
  buy(i: number, budget: Decimal): Fill;
  /** Sells `amount` base at the open of candle i. */
  sell(i: number, amount: Decimal): Fill;
}

export interface FillOptions {
  feeRate: DecimalLike;
  slippage?: SlippageModel;
  /** Price tick and amount step of the book (book slippage): by default the replay market's rules for the symbol, else derived from the price. */
  priceTick?: DecimalLike;
  amountStep?: DecimalLike;
}

/** Candles whose volume makes the "typical" hour the book is scaled against: the 30 days before. */
const TYPICAL_VOLUME_WINDOW_MS = 30 * 86_400_000;
const HOUR_MS = 3_600_000;

export function createFillModel(candles: CandleSeries, options: FillOptions): FillModel {
  const fee = dec(options.feeRate);
  const onePlusFee = fee.plus(1);
  const slippage = options.slippage ?? 'none';
  if (slippage === 'none') {
    return {
      slippage,
      buy(i, budget) {
        const price = candles.open[i]!;
        const cost = budget.div(onePlusFee);
        return { amount: cost.div(price), cost, fee: cost.mul(fee), price, partial: false };
      },
      sell(i, amount) {
        const price = candles.open[i]!;
        const cost = amount.mul(price);
        return { amount, cost, fee: cost.mul(fee), price, partial: false };
      },
    };
  }
  const rules = replayMarketRules().find((m) => m.symbol === candles.symbol);
  const priceTick = dec(options.priceTick ?? rules?.priceTick ?? derivedTick(candles));
  const amountStep = dec(options.amountStep ?? rules?.amountStep ?? derivedStep(candles));
  const window = Math.max(1, Math.round(TYPICAL_VOLUME_WINDOW_MS / candles.timeframeMs));
  const perHour = HOUR_MS / candles.timeframeMs;
  const book = (i: number) =>
    syntheticBook({
      mid: candles.open[i]!,
      priceTick,
      amountStep,
      // The book stands for the hour the fill happens in, as the replay feed's does.
      hourVolume: candles.volume[i]! * perHour,
      typicalHourVolume: trailingMedian(candles.volume, i, window) * perHour,
      timestamp: candles.timestamp[i]!,
      seed: candles.symbol,
    });
  return {
    slippage,
    buy(i, budget) {
      const walk = walkBook(book(i).asks, { quoteAmount: budget.div(onePlusFee) }, { amountStep });
      return { amount: walk.filled, cost: walk.cost, fee: walk.cost.mul(fee), price: walk.averagePrice?.toNumber() ?? NaN, partial: walk.exhausted };
    },
    sell(i, amount) {
      const walk = walkBook(book(i).bids, { amount });
      return { amount: walk.filled, cost: walk.cost, fee: walk.cost.mul(fee), price: walk.averagePrice?.toNumber() ?? NaN, partial: walk.exhausted };
    },
  };
}

/** Median volume of the `window` candles before i (the candle's own volume when there are none). */
function trailingMedian(volume: Float64Array, i: number, window: number): number {
  if (i === 0) return volume[0]!;
  const part = volume.slice(Math.max(0, i - window), i).sort();
  return part[part.length >> 1]!;
}

/** About a millionth of the first open, a power of ten: 0.01 at $30,000 (Binance's BTC tick). */
function derivedTick(candles: CandleSeries): Decimal {
  return new Decimal(10).pow(Math.floor(Math.log10(candles.open[0]!)) - 6);
}

/** A step worth about a thousandth of a quote unit or less at the first open. */
function derivedStep(candles: CandleSeries): Decimal {
  return new Decimal(10).pow(Math.floor(Math.log10(1 / candles.open[0]!)) - 3);
}
