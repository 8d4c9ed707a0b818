import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AppError } from '../shared/errors.js';

/**
 * A candle series held as columns of Float64Array: ~48 bytes per candle, scanned by index
 * without allocating an object per candle (the replay feed and backtests walk these a lot).
 */
export interface CandleSeries {
  /** BASE/QUOTE, taken from the file name (`binance_BTC-USDT_1h.csv.gz` → BTC/USDT). */
  readonly symbol: string;
  readonly timeframe: string;
  readonly timeframeMs: number;
  /** Where the series came from, for error messages. */
  readonly source: string;
  readonly length: number;
  readonly timestamp: Float64Array; // open time, ms UTC
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array; // base asset
}

export class CandleFileError extends AppError {
  constructor(readonly file: string, detail: string) {
    super('market.bad_candle_file', `Candle file ${file} is invalid: ${detail}`);
  }
}

const HEADER = 'timestamp,open,high,low,close,volume';
const FILE_NAME = /^(?:[a-z0-9]+_)?([A-Z0-9]+)-([A-Z0-9]+)_(\d+[mhdw])\.csv(?:\.gz)?$/;

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** '1h' → 3 600 000; undefined for anything else. */
export function timeframeToMs(timeframe: string): number | undefined {
  const match = /^(\d+)([mhdw])$/.exec(timeframe);
  if (!match) return undefined;
  const n = Number(match[1]);
  const unit = UNIT_MS[match[2] as string];
  return n > 0 && unit !== undefined ? n * unit : undefined;
}

/** `binance_BTC-USDT_1h.csv.gz` → { symbol: 'BTC/USDT', timeframe: '1h' }. */
export function parseCandleFileName(file: string): { symbol: string; timeframe: string } | undefined {
  const match = FILE_NAME.exec(basename(file));
  if (!match) return undefined;
  return { symbol: `${match[1]}/${match[2]}`, timeframe: match[3] as string };
}

export function candleFileName(symbol: string, timeframe: string, exchange = 'binance'): string {
  return `${exchange}_${symbol.replace('/', '-')}_${timeframe}.csv.gz`;
}

/**
 * Parses `timestamp,open,high,low,close,volume` text. Validation is strict because a silently
 * bad row would show up much later as a wrong price in a chat: every field must be a finite
 * number, timestamps strictly increasing and aligned to the timeframe, low ≤ open/close ≤ high,
 * volume ≥ 0. Errors name the source and the line.
 */
export function parseCandleCsv(text: string, source: string, meta: { symbol: string; timeframe: string }): CandleSeries {
  const timeframeMs = timeframeToMs(meta.timeframe);
  if (timeframeMs === undefined) throw new CandleFileError(source, `unknown timeframe "${meta.timeframe}"`);
  let pos = text.indexOf('\n');
  const header = (pos < 0 ? text : text.slice(0, pos)).trim();
  if (header !== HEADER) throw new CandleFileError(source, `expected header "${HEADER}", found "${header.slice(0, 80)}"`);
  // Upper bound on rows, so the columns are allocated once.
  let capacity = 0;
  for (let i = pos; i !== -1 && i < text.length; i = text.indexOf('\n', i + 1)) capacity++;
  const cols = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(capacity));
  const [ts, open, high, low, close, volume] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  let n = 0;
  let line = 1;
  while (pos !== -1 && pos < text.length) {
    const start = pos + 1;
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    pos = end === text.length ? -1 : end;
    line++;
    let rowEnd = end;
    if (rowEnd > start && text.charCodeAt(rowEnd - 1) === 13) rowEnd--; // CRLF
    if (rowEnd === start) continue; // blank line (usually the last one)
    let fieldStart = start;
    for (let f = 0; f < 6; f++) {
      const comma = f < 5 ? text.indexOf(',', fieldStart) : rowEnd;
      if (comma === -1 || comma > rowEnd) throw new CandleFileError(source, `line ${line}: expected 6 fields`);
      // Number('') is 0 and Number('1,2') is NaN: an empty field must not pass as a zero price,
      // and a seventh field shows up as a volume that is not a number.
      const value = Number(text.slice(fieldStart, comma));
      if (!Number.isFinite(value) || comma === fieldStart) {
        throw new CandleFileError(source, `line ${line}: field ${HEADER.split(',')[f]} is not a number`);
      }
      (cols[f] as Float64Array)[n] = value;
      fieldStart = comma + 1;
    }
    const t = ts[n] as number;
    // Weekly candles open on Mondays, which are not multiples of a week since the epoch.
    if (timeframeMs <= 86_400_000 && t % timeframeMs !== 0) throw new CandleFileError(source, `line ${line}: timestamp ${t} is not aligned to ${meta.timeframe}`);
    if (n > 0 && t <= (ts[n - 1] as number)) throw new CandleFileError(source, `line ${line}: timestamps are not strictly increasing (${t} after ${ts[n - 1]})`);
    const o = open[n] as number, h = high[n] as number, l = low[n] as number, c = close[n] as number;
    if (!(l <= o && l <= c && h >= o && h >= c && l > 0)) throw new CandleFileError(source, `line ${line}: low/high do not bracket open/close`);
    if ((volume[n] as number) < 0) throw new CandleFileError(source, `line ${line}: negative volume`);
    n++;
  }
  if (n === 0) throw new CandleFileError(source, 'no candles');
  return {
    symbol: meta.symbol,
    timeframe: meta.timeframe,
    timeframeMs,
    source,
    length: n,
    timestamp: ts.subarray(0, n),
    open: open.subarray(0, n),
    high: high.subarray(0, n),
    low: low.subarray(0, n),
    close: close.subarray(0, n),
    volume: volume.subarray(0, n),
  };
}

/** Reads one `.csv` or `.csv.gz` file; symbol and timeframe come from its name unless given. */
export async function loadCandleFile(path: string, meta?: { symbol: string; timeframe: string }): Promise<CandleSeries> {
  const info = meta ?? parseCandleFileName(path);
  if (!info) throw new CandleFileError(path, 'the name must look like binance_BTC-USDT_1h.csv(.gz)');
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
    if (path.endsWith('.gz')) bytes = gunzipSync(bytes);
  } catch (error) {
    throw new CandleFileError(path, error instanceof Error ? error.message : String(error));
  }
  return parseCandleCsv(bytes.toString('utf8'), path, info);
}

/** Every candle file of one timeframe in a folder (not recursive), sorted by symbol. */
export async function loadCandleDir(dir: string, timeframe = '1h'): Promise<CandleSeries[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new CandleFileError(dir, error instanceof Error ? error.message : String(error));
  }
  const files = names.filter((name) => parseCandleFileName(name)?.timeframe === timeframe).sort();
  if (files.length === 0) throw new CandleFileError(dir, `no ${timeframe} candle files (binance_BASE-QUOTE_${timeframe}.csv.gz)`);
  return Promise.all(files.map((name) => loadCandleFile(join(dir, name))));
}
