import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AppError } from '../shared/errors.js';
import type { BookLevel } from './types.js';

/*
 * A recorded L2 order book (one snapshot of the top levels per second) and the trades of the
 * same window, as bundled in data/orderbook (see its README): the market the paper exchange
 * fills against when MARKET_DATA=book, and what `fill-sim` reads.
 *
 * The recording is short (~11 minutes), so it is replayed in a loop on the wall clock: wall time
 * `w` shows the recording at `first + (w mod span)`, the same in every process at the same
 * moment. A snapshot holds the book after every change up to its second, so the book at any
 * moment is the last snapshot at or before it.
 */

export interface RecordedSnapshot {
  /** Unix ms of the whole second the book stands for. */
  ts: number;
  bids: BookLevel[]; // best (highest) first
  asks: BookLevel[]; // best (lowest) first
}

export interface RecordedTrade {
  ts: number;
  price: number;
  /** Base amount. */
  qty: number;
  /** The taker's side: 'sell' hit the bids, 'buy' lifted the asks. */
  side: 'buy' | 'sell';
}

export class RecordedBookError extends AppError {
  constructor(readonly file: string, detail: string) {
    super('market.bad_book_file', `Order book file ${file} is invalid: ${detail}`);
  }
}

export class RecordedBook {
  /** Recorded time of the first snapshot; the loop starts there. */
  readonly first: number;
  /** Length of one loop in ms: the snapshots' span plus one interval. */
  readonly spanMs: number;
  readonly intervalMs: number;
  /** Sorted by ts; only those inside the loop [first, first + span) are kept. */
  readonly trades: readonly RecordedTrade[];

  constructor(
    readonly symbol: string,
    readonly snapshots: readonly RecordedSnapshot[],
    trades: readonly RecordedTrade[],
  ) {
    if (snapshots.length === 0) throw new RecordedBookError(symbol, 'no snapshots');
    const first = snapshots[0]!.ts;
    const interval = snapshots.length > 1 ? snapshots[1]!.ts - first : 1000;
    for (let i = 1; i < snapshots.length; i++) {
      if (snapshots[i]!.ts - snapshots[i - 1]!.ts !== interval) throw new RecordedBookError(symbol, `snapshot ${i} is not ${interval} ms after the one before`);
    }
    this.first = first;
    this.intervalMs = interval;
    this.spanMs = snapshots.length * interval;
    this.trades = trades.filter((t) => t.ts >= first && t.ts < first + this.spanMs);
    for (let i = 1; i < this.trades.length; i++) {
      if (this.trades[i]!.ts < this.trades[i - 1]!.ts) throw new RecordedBookError(symbol, `trade ${i} is older than the one before`);
    }
  }

  /** The snapshot in force at recorded time `ts` (clamped to the recording). */
  snapshotAt(ts: number): RecordedSnapshot {
    const i = Math.floor((ts - this.first) / this.intervalMs);
    return this.snapshots[Math.max(0, Math.min(this.snapshots.length - 1, i))]!;
  }

  /**
   * Price of the last trade at or before recorded time `ts`; before the loop's first trade, the
   * loop's last one (the loop before ended there). Null when the recording has no trades.
   */
  lastPriceAt(ts: number): number | null {
    const i = lowerBound(this.trades, ts + 1) - 1;
    return (this.trades[i] ?? this.trades[this.trades.length - 1])?.price ?? null;
  }

  /** Recorded time shown at wall time `wallMs`. */
  recordedTime(wallMs: number): number {
    return this.first + mod(wallMs - this.first, this.spanMs);
  }

  /** The book at wall time `wallMs`, looping. */
  bookAtWall(wallMs: number): RecordedSnapshot {
    return this.snapshotAt(this.recordedTime(wallMs));
  }

  /**
   * The trades that happened in the wall interval (fromMs, toMs], each with the wall time it is
   * replayed at, oldest first. Follows the loop across its end (several times over a long interval).
   */
  *tradesBetweenWall(fromMs: number, toMs: number): Generator<RecordedTrade & { wallTs: number }> {
    if (!(toMs > fromMs)) return;
    // Wall time at which the loop containing fromMs began.
    let loopStart = fromMs - mod(fromMs - this.first, this.spanMs);
    while (loopStart <= toMs) {
      const lo = fromMs - loopStart + this.first; // recorded bounds for this loop: (lo, hi]
      const hi = toMs - loopStart + this.first;
      for (let i = lowerBound(this.trades, lo); i < this.trades.length; i++) {
        const trade = this.trades[i]!;
        if (trade.ts <= lo) continue;
        if (trade.ts > hi) break;
        yield { ...trade, wallTs: loopStart + trade.ts - this.first };
      }
      loopStart += this.spanMs;
    }
  }
}

/** Parses the bundled JSON format (see data/orderbook/README.md); `file` names it in errors. */
export function parseRecordedBook(file: string, snapshotsJson: string, tradesJson: string): RecordedBook {
  const snap = parseJson(file, snapshotsJson) as { symbol?: unknown; kind?: unknown; snapshots?: unknown };
  const tr = parseJson(file, tradesJson) as { symbol?: unknown; kind?: unknown; trades?: unknown };
  if (snap.kind !== 'l2_snapshots' || !Array.isArray(snap.snapshots)) throw new RecordedBookError(file, 'not an l2_snapshots file');
  if (tr.kind !== 'trades' || !Array.isArray(tr.trades)) throw new RecordedBookError(file, 'its trades file is not a trades file');
  if (typeof snap.symbol !== 'string' || snap.symbol !== tr.symbol) throw new RecordedBookError(file, 'the book and the trades are of different symbols');
  const snapshots = snap.snapshots.map((s: unknown, i: number): RecordedSnapshot => {
    const { ts, bids, asks } = s as { ts: unknown; bids: unknown; asks: unknown };
    if (!isTime(ts)) throw new RecordedBookError(file, `snapshot ${i} has no ts`);
    const side = (levels: unknown, name: string, better: (a: number, b: number) => boolean): BookLevel[] => {
      if (!Array.isArray(levels)) throw new RecordedBookError(file, `snapshot ${i} has no ${name}`);
      return levels.map((l: unknown, j: number) => {
        const [price, qty] = Array.isArray(l) ? (l as unknown[]) : [];
        if (!isPositive(price) || !isPositive(qty)) throw new RecordedBookError(file, `snapshot ${i} ${name}[${j}] is not [price, quantity]`);
        const previous = j > 0 ? (levels[j - 1] as number[])[0]! : undefined;
        if (previous !== undefined && !better(previous, price)) throw new RecordedBookError(file, `snapshot ${i} ${name} are not best first`);
        return [price, qty] as const;
      });
    };
    const bidLevels = side(bids, 'bids', (a, b) => a > b);
    const askLevels = side(asks, 'asks', (a, b) => a < b);
    if (bidLevels[0] && askLevels[0] && bidLevels[0][0] >= askLevels[0][0]) throw new RecordedBookError(file, `snapshot ${i} is crossed`);
    return { ts, bids: bidLevels, asks: askLevels };
  });
  const trades = tr.trades.map((t: unknown, i: number): RecordedTrade => {
    const { ts, price, qty, side } = t as Record<string, unknown>;
    if (!isTime(ts) || !isPositive(price) || !isPositive(qty) || (side !== 'buy' && side !== 'sell')) {
      throw new RecordedBookError(file, `trade ${i} is not {ts, price, qty, side}`);
    }
    return { ts, price, qty, side };
  });
  return new RecordedBook(snap.symbol, snapshots, trades);
}

/**
 * Reads `…_l2-top20-1s_….json[.gz]` and the trades file beside it (`…_trades_….json[.gz]`,
 * found by name). Gzipped or plain alike.
 */
export async function loadRecordedBook(bookFile: string): Promise<RecordedBook> {
  const tradesFile = tradesFileFor(bookFile);
  const read = async (file: string) => {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new RecordedBookError(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error));
    }
    return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  };
  const [book, trades] = await Promise.all([read(bookFile), read(tradesFile)]);
  return parseRecordedBook(basename(bookFile), book, trades);
}

/** binance_BTC-USDT_l2-top20-1s_20240808.json.gz → binance_BTC-USDT_trades_20240808.json.gz */
export function tradesFileFor(bookFile: string): string {
  const name = basename(bookFile);
  const replaced = name.replace(/_l2-[^_]+_/, '_trades_');
  if (replaced === name) throw new RecordedBookError(bookFile, 'the name does not say it is an l2 book file (…_l2-top20-1s_….json)');
  return bookFile.slice(0, bookFile.length - name.length) + replaced;
}

/** Best bid and ask averaged; null on a one-sided book. */
export function midOf(snapshot: Pick<RecordedSnapshot, 'bids' | 'asks'>): number | null {
  const bid = snapshot.bids[0]?.[0];
  const ask = snapshot.asks[0]?.[0];
  return bid !== undefined && ask !== undefined ? (bid + ask) / 2 : null;
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RecordedBookError(file, `not JSON (${(error as Error).message})`);
  }
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Index of the first trade with ts ≥ `ts`. */
function lowerBound(trades: readonly RecordedTrade[], ts: number): number {
  let lo = 0;
  let hi = trades.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (trades[mid]!.ts < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
