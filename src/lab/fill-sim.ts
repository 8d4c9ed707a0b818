import type { RecordedBook } from '../market/recorded-book.js';
import { marketFill } from '../market/recorded-fills.js';
import { UsageError, type FillSimPlan } from './fill-sim-args.js';

export interface FillSimReport {
  symbol: string;
  at: number;
  /** The recorded second whose book was walked. */
  book_ts: number;
  side: 'buy' | 'sell';
  amount: string;
  filled_amount: string;
  /** To 8 decimals; null when nothing filled. */
  avg_price: string | null;
  cost: string;
  fee: string;
  mid: string;
  /** To 4 decimals; positive is worse than the mid. */
  slippage_bps: string | null;
  levels_used: number;
  exhausted: boolean;
}

/** The fill-sim answer for a loaded book. A moment outside the recording is a usage error. */
export function fillSimulation(book: RecordedBook, plan: Pick<FillSimPlan, 'at' | 'side' | 'amount' | 'fee'>): FillSimReport {
  const last = book.first + book.spanMs - 1;
  if (plan.at < book.first || plan.at > last) {
    throw new UsageError(`--at ${plan.at} is outside the recording of ${book.symbol} (${book.first} … ${last}, ${new Date(book.first).toISOString()} → ${new Date(last).toISOString()})`);
  }
  const snapshot = book.snapshotAt(plan.at);
  const fill = marketFill(snapshot, plan.side, plan.amount, plan.fee);
  return {
    symbol: book.symbol,
    at: plan.at,
    book_ts: snapshot.ts,
    side: plan.side,
    amount: plan.amount.toFixed(),
    filled_amount: fill.filled.toFixed(),
    avg_price: fill.averagePrice ? fill.averagePrice.toDecimalPlaces(8).toFixed() : null,
    cost: fill.cost.toFixed(),
    fee: fill.fee.toFixed(),
    mid: fill.mid.toFixed(),
    slippage_bps: fill.slippageBps ? fill.slippageBps.toDecimalPlaces(4).toFixed() : null,
    levels_used: fill.levelsUsed,
    exhausted: fill.exhausted,
  };
}
