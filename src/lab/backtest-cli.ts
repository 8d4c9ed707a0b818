// `npm run -s backtest -- --csv FILE --strategy ema-cross --fast 12 --slow 26 --fee 0.001 --cash 10000 [--json]`
// Backtests a strategy over a candle file (`timestamp,open,high,low,close,volume`, .csv or .csv.gz)
// and prints the report: a short table, or one JSON object with --json. With --monte-carlo N it
// also runs N scenarios generated from the data (see src/lab/monte-carlo/). Bad arguments or files
// get one line on stderr and a non-zero exit (2: arguments, 1: the file or the run), never a stack.
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadCandleFile, parseCandleFileName, type CandleSeries } from '../market/candle-file.js';
import { AppError } from '../shared/errors.js';
import { helpText, parseBacktestArgs, USAGE, UsageError, type BacktestArgs, type BacktestPlan } from './backtest-args.js';
import { runBacktest } from './backtest.js';
import { candleRange } from './candle-slice.js';
import { formatMonteCarlo, formatReport } from './format-report.js';
import { defaultWorkers, runMonteCarlo } from './monte-carlo/monte-carlo.js';
import { runCli } from '../shared/cli.js';

class InputError extends AppError {
  constructor(message: string) {
    super('backtest.input', message);
  }
}

async function loadCandles(plan: BacktestPlan): Promise<CandleSeries> {
  const info = await stat(plan.csv).catch(() => undefined);
  if (!info) throw new InputError(`${plan.csv}: no such file`);
  if (!info.isFile()) throw new InputError(`${plan.csv}: not a file`);
  const named = parseCandleFileName(plan.csv);
  const timeframe = plan.timeframe ?? named?.timeframe;
  if (!timeframe) throw new InputError(`${plan.csv}: the name does not say the timeframe (binance_BTC-USDT_1h.csv.gz): pass --timeframe 1h`);
  const candles = await loadCandleFile(plan.csv, { symbol: named?.symbol ?? '-', timeframe });
  if (plan.from === undefined && plan.to === undefined) return candles;
  const from = plan.from ?? -Infinity;
  const to = plan.to ?? Infinity;
  let start = 0;
  while (start < candles.length && candles.timestamp[start]! < from) start++;
  let end = start;
  while (end < candles.length && candles.timestamp[end]! < to) end++;
  if (end - start < 2) throw new InputError(`${plan.csv}: fewer than 2 candles between --from and --to`);
  return candleRange(candles, start, end);
}

async function main(argv: string[]): Promise<void> {
  let args: BacktestArgs;
  try {
    args = parseBacktestArgs(argv);
  } catch (error) {
    // Strategy parameter errors are argument errors too.
    throw error instanceof AppError ? new UsageError(error.userMessage) : error;
  }
  if (args.help) {
    process.stdout.write(helpText());
    return;
  }
  const plan: BacktestPlan = args;
  const candles = await loadCandles(plan);
  const { report } = runBacktest(candles, plan.strategy, { cash: plan.cash, feeRate: plan.feeRate, slippage: plan.slippage, lookaheadCuts: plan.lookaheadCuts });
  if (!plan.monteCarlo) {
    process.stdout.write(plan.json ? `${JSON.stringify(report)}\n` : formatReport(report));
    return;
  }
  const mc = plan.monteCarlo;
  const workers = mc.workers ?? defaultWorkers(mc.scenarios, candles.length, availableParallelism());
  const started = performance.now();
  const { report: monteCarlo } = await runMonteCarlo(candles, {
    strategy: { name: plan.strategy.name, params: { ...plan.strategy.params } },
    cash: plan.cash,
    feeRate: plan.feeRate,
    slippage: plan.slippage,
    scenarios: mc.scenarios,
    seed: mc.seed,
    method: mc.method,
    ruinThreshold: mc.ruinThreshold,
    workers,
  });
  const elapsedMs = performance.now() - started;
  if (plan.json) {
    process.stdout.write(`${JSON.stringify({ ...report, monte_carlo: monteCarlo, monte_carlo_timing: { elapsed_ms: Math.round(elapsedMs), workers } })}\n`);
  } else {
    process.stdout.write(formatReport(report) + '\n' + formatMonteCarlo(monteCarlo, { elapsedMs, workers }));
  }
}

runCli('backtest', USAGE, () => main(process.argv.slice(2)));
