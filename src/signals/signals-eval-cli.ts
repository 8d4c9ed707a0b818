// `npm run -s signals-eval [-- --pairs BTC,SOL --hidden 8 --backend cpu --json --save DIR]`
// The honest evaluation of the signals on the bundled candles (data/candles, Binance 1h): the
// walk-forward model and the technical signal, out of sample, beside the naive guesses, per pair,
// with n, the period, a 95% interval, the weight each earns, the training time and the backend.
// --save DIR also writes what the retrain job stores (DIR/report.json and a model per pair), which
// is how data/signals/ was made. Progress goes to stderr; bad arguments get one line and exit 2.
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCandleDir, type CandleSeries } from '../market/candle-file.js';
import { systemClock } from '../shared/clock.js';
import { projectPath } from '../shared/project-paths.js';
import { formatEvaluation } from './evaluation/format-evaluation.js';
import { DEFAULT_WALK_FORWARD, type WalkForwardConfig } from './evaluation/walk-forward.js';
import { TfjsDirectionTrainer, TfjsModelFolderStore } from './ml/tfjs-direction-model.js';
import { tfjsRuntime } from './ml/tfjs-runtime.js';
import { retrainSignals } from './retrain-signals.js';
import { SignalReportFile } from './signal-report-file.js';
import { runCli, UsageError } from '../shared/cli.js';

const USAGE =
  'usage: npm run -s signals-eval -- [--data DIR] [--pairs BTC,ETH] [--hidden N] [--backend wasm|cpu] [--horizon 4] [--train-window 1440] [--step 168] [--json] [--save DIR] [--quiet]';

function whole(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got "${text}"`);
  return value;
}

async function main(argv: string[]): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        pairs: { type: 'string' },
        hidden: { type: 'string' },
        backend: { type: 'string' },
        horizon: { type: 'string' },
        'train-window': { type: 'string' },
        step: { type: 'string' },
        json: { type: 'boolean' },
        save: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const backend = (values.backend as string | undefined) ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend must be wasm or cpu, got "${backend}"`);
  const walkForward: WalkForwardConfig = {
    horizon: whole('horizon', values.horizon as string | undefined, DEFAULT_WALK_FORWARD.horizon, 1),
    trainWindow: whole('train-window', values['train-window'] as string | undefined, DEFAULT_WALK_FORWARD.trainWindow, 50),
    step: whole('step', values.step as string | undefined, DEFAULT_WALK_FORWARD.step, 1),
  };
  const hidden = whole('hidden', values.hidden as string | undefined, 0, 0);

  const all = await loadCandleDir((values.data as string | undefined) ?? projectPath('data', 'candles'), '1h');
  const wanted = (values.pairs as string | undefined)?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  const series = wanted ? all.filter((s) => wanted.includes(s.symbol.split('/')[0]!) || wanted.includes(s.symbol)) : all;
  if (wanted && series.length !== wanted.length) {
    throw new UsageError(`--pairs: no candles for ${wanted.filter((w) => !series.some((s) => s.symbol === w || s.symbol.startsWith(`${w}/`))).join(', ')} (have ${all.map((s) => s.symbol).join(', ')})`);
  }
  const bySymbol = new Map<string, CandleSeries>(series.map((s) => [s.symbol, s]));

  const loader = tfjsRuntime({ prefer: backend });
  const trainer = new TfjsDirectionTrainer(loader, { hidden });
  const runtime = await trainer.backend();
  if (runtime.fallbackReason && backend === 'wasm') process.stderr.write(`signals-eval: using the cpu backend: ${runtime.fallbackReason}\n`);
  const save = values.save as string | undefined;
  const report = await retrainSignals(
    {
      history: { history: async (symbol) => bySymbol.get(symbol)! },
      trainer,
      models: save ? new TfjsModelFolderStore(loader, join(save, 'models')) : undefined,
      reports: save ? new SignalReportFile(join(save, 'report.json')) : undefined,
      clock: systemClock,
      stopwatch: () => performance.now(),
    },
    {
      pairs: series.map((s) => ({ symbol: s.symbol, timeframe: s.timeframe })),
      walkForward,
      // A progress line rewritten in place, on a terminal only (a log would get every fold).
      onProgress: values.quiet || !process.stderr.isTTY ? undefined : (line) => process.stderr.write(`\r${line}   `),
    },
  );
  if (!values.quiet && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatEvaluation(report));
  if (save) process.stderr.write(`signals-eval: wrote ${join(save, 'report.json')} and ${report.pairs.length} models under ${join(save, 'models')}\n`);
}

runCli('signals-eval', USAGE, () => main(process.argv.slice(2)), { exitWhenDone: true });
