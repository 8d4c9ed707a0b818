// The fill-sim CLI's arguments: parsed and checked before any file is read.
import { parseArgs } from 'node:util';
import { dec, type Decimal } from '../shared/decimal.js';
import { UsageError } from '../shared/cli.js';

export const USAGE = 'usage: npm run -s fill-sim -- --book FILE --at UNIX_MS --side buy|sell --amount A [--fee 0.001]';

export { UsageError };

export interface FillSimPlan {
  book: string;
  /** Unix ms: the book in force then (the last snapshot at or before it) is walked. */
  at: number;
  side: 'buy' | 'sell';
  /** Base amount. */
  amount: Decimal;
  /** Taker fee as a fraction of the cost (0.001 = 0.1 %). */
  fee: Decimal;
}

export type FillSimArgs = ({ help: false } & FillSimPlan) | { help: true };

const DECIMAL = /^(\d+\.?\d*|\.\d+)$/;

function decimalArg(name: string, text: string | undefined): Decimal {
  if (text === undefined) throw new UsageError(`--${name} is required`);
  if (!DECIMAL.test(text.trim())) throw new UsageError(`--${name} must be a plain positive decimal number like 0.5, got "${text}"`);
  return dec(text.trim());
}

export function parseFillSimArgs(argv: string[]): FillSimArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        book: { type: 'string' },
        at: { type: 'string' },
        side: { type: 'string' },
        amount: { type: 'string' },
        fee: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // node's words for "--amount -1": the value looks like an option.
    const ambiguous = /Option '--(\w+)' argument is ambiguous/.exec((error as Error).message);
    if (ambiguous) throw new UsageError(`--${ambiguous[1]} must be a plain positive decimal number, not a value starting with "-"`);
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, ''));
  }
  if (values.help) return { help: true };
  const book = values.book;
  if (typeof book !== 'string' || book.trim() === '') throw new UsageError('--book FILE is required (e.g. data/orderbook/binance_BTC-USDT_l2-top20-1s_20240808.json.gz)');
  const atText = values.at;
  if (typeof atText !== 'string') throw new UsageError('--at UNIX_MS is required');
  if (!/^\d{1,16}$/.test(atText.trim())) throw new UsageError(`--at must be a Unix time in milliseconds, got "${atText}"`);
  const side = values.side;
  if (side !== 'buy' && side !== 'sell') throw new UsageError(`--side must be buy or sell, got ${side === undefined ? 'nothing' : `"${String(side)}"`}`);
  const amount = decimalArg('amount', values.amount as string | undefined);
  if (amount.lte(0)) throw new UsageError('--amount must be more than 0');
  const fee = values.fee === undefined ? dec('0.001') : decimalArg('fee', values.fee as string);
  if (fee.gte(1)) throw new UsageError('--fee is a fraction of the cost (0.001 = 0.1 %) and must be below 1');
  return { help: false, book, at: Number(atText.trim()), side, amount, fee };
}

export function helpText(): string {
  return [
    USAGE,
    '',
    'Prints what a market order would have cost on a recorded order book at a moment, as one JSON',
    'object: avg_price, filled_amount, slippage_bps (against the mid: positive is worse), fee (in',
    'the quote asset), cost, mid, levels_used, exhausted (the recorded depth ran out). The book is the',
    'last snapshot at or before --at; the trades file beside it is read too. The same engine fills',
    'paper orders when MARKET_DATA=book.',
    '',
  ].join('\n');
}
