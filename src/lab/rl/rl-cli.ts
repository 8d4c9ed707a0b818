// `npm run -s rl -- --csv FILE --train-until ISO --episodes N --seed S [--fee 0.001] [--cash 10000] [--json]`
// Trains the DQN agent on the candles before --train-until and prints its out-of-sample report
// beside buy-and-hold and the EMA cross 12/26 on the later candles (see walk-forward.ts). Training
// progress goes to stderr, one line per episode. Bad arguments get one line on stderr and exit 2;
// a bad file or run exits 1.
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadCandleFile, parseCandleFileName } from '../../market/candle-file.js';
import { AppError } from '../../shared/errors.js';
import { tfjsRuntime } from '../../signals/ml/tfjs-runtime.js';
import { trainDqn } from './tfjs-dqn.js';
import { formatWalkForward, walkForward } from './walk-forward.js';
import { runCli, UsageError } from '../../shared/cli.js';

const USAGE = 'usage: npm run -s rl -- --csv FILE --train-until ISO-DATE [--episodes 5] [--seed 1] [--fee 0.001] [--cash 10000] [--timeframe 1h] [--json]';

function numberOption(name: string, text: string | undefined, fallback: number, check: (n: number) => boolean, what: string): number {
  if (text === undefined) return fallback;
  const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : NaN;
  if (!check(n)) throw new UsageError(`--${name} must be ${what}, got "${text}"`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        csv: { type: 'string' },
        'train-until': { type: 'string' },
        episodes: { type: 'string' },
        seed: { type: 'string' },
        fee: { type: 'string' },
        cash: { type: 'string' },
        timeframe: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.csv) throw new UsageError('--csv FILE is required');
  if (!values['train-until']) throw new UsageError('--train-until ISO-DATE is required (e.g. 2021-05-01)');
  const trainUntil = Date.parse(values['train-until']);
  if (!Number.isFinite(trainUntil)) throw new UsageError(`--train-until must be a date such as 2021-05-01, got "${values['train-until']}"`);
  const episodes = numberOption('episodes', values.episodes, 5, (n) => Number.isInteger(n) && n >= 1 && n <= 1000, 'a whole number from 1 to 1000');
  const seed = numberOption('seed', values.seed, 1, (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 31, 'a whole number ≥ 0');
  const feeRate = numberOption('fee', values.fee, 0.001, (n) => n >= 0 && n < 1, 'at least 0 and below 1 (0.001 = 0.1 %)');
  const cash = numberOption('cash', values.cash, 10_000, (n) => n > 0 && Number.isFinite(n), 'above 0');

  const info = await stat(values.csv).catch(() => undefined);
  if (!info?.isFile()) throw new AppError('rl.input', `${values.csv}: no such file`);
  const named = parseCandleFileName(values.csv);
  const timeframe = values.timeframe ?? named?.timeframe;
  if (!timeframe) throw new UsageError(`${values.csv}: the name does not say the timeframe (binance_BTC-USDT_1h.csv.gz): pass --timeframe 1h`);
  const candles = await loadCandleFile(values.csv, { symbol: named?.symbol ?? '-', timeframe });

  const loader = tfjsRuntime();
  const report = await walkForward({
    candles,
    trainUntil,
    cash,
    feeRate,
    train: (env) =>
      trainDqn(loader, env, {
        episodes,
        onEpisode: (log) =>
          process.stderr.write(`episode ${log.episode}/${episodes}: ${log.steps} steps, reward ${log.totalReward.toFixed(2)}, ε ${log.epsilon.toFixed(2)}, loss ${Number.isNaN(log.loss) ? '—' : log.loss.toFixed(4)}\n`),
      }, { seed }),
  });
  process.stdout.write(values.json ? `${JSON.stringify({ ...report, episodes, seed })}\n` : `${formatWalkForward(report)}(${episodes} training episodes, seed ${seed})\n`);
}

runCli('rl', USAGE, () => main(process.argv.slice(2)));
