// `npm run -s indicators -- --csv FILE`: reads candles (`timestamp,open,high,low,close,volume`,
// plain or .gz, as data/candles/) and prints, on stdout, one CSV row per candle with SMA(50),
// EMA(20), RSI(14), MACD(12,26,9), Bollinger(20, 2) and ATR(14): empty cells during the warm-up,
// numbers at full precision. Bad input gets one line on stderr and a non-zero exit, never a stack.
//
// The timeframe comes from a name like binance_BTC-USDT_1h.csv.gz (timestamps must then be aligned
// to it); for any other name, timestamps need only be whole minutes in milliseconds.
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadCandleFile, parseCandleFileName } from '../market/candle-file.js';
import { AppError } from '../shared/errors.js';
import { INDICATOR_CSV_HEADER, indicatorColumns, indicatorCsvRows } from './indicators-csv.js';
import { runCli, UsageError } from '../shared/cli.js';

const USAGE = 'usage: npm run -s indicators -- --csv FILE (timestamp,open,high,low,close,volume; .csv or .csv.gz)';
const ROWS_PER_WRITE = 4096;

function write(chunk: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(chunk)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

function csvPath(argv: string[]): string {
  let values: { csv?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { csv: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!values.csv) throw new UsageError('--csv FILE is required');
  return values.csv;
}

async function main(argv: string[]): Promise<void> {
  const file = csvPath(argv);
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new AppError('indicators.no_file', `${file}: no such file`);
  if (!info.isFile()) throw new AppError('indicators.no_file', `${file}: not a file`);
  const candles = await loadCandleFile(file, parseCandleFileName(file) ?? { symbol: '-', timeframe: '1m' });
  const columns = indicatorColumns(candles);
  await write(`${INDICATOR_CSV_HEADER}\n`);
  for (let start = 0; start < candles.length; start += ROWS_PER_WRITE) {
    await write(indicatorCsvRows(candles.timestamp, columns, start, Math.min(candles.length, start + ROWS_PER_WRITE)));
  }
}

runCli('indicators', USAGE, () => main(process.argv.slice(2)));
