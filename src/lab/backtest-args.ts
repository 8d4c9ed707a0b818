// The backtest CLI's arguments: parsed and checked before any file is read, so a typo costs nothing.
import { parseArgs } from 'node:util';
import { timeframeToMs } from '../market/candle-file.js';
import { STRATEGIES, strategyDefinition, type Strategy } from '../signals/strategies/index.js';
import type { SlippageModel } from './fill-model.js';
import { DEFAULT_LOOKAHEAD_CUTS } from './lookahead.js';
import { METHODS, MAX_SCENARIOS, type MethodChoice } from './monte-carlo/monte-carlo.js';
import { UsageError } from '../shared/cli.js';

export const USAGE =
  'usage: npm run -s backtest -- --csv FILE --strategy ' +
  STRATEGIES.map((s) => s.name).join('|') +
  ' [strategy options] [--fee 0.001] [--cash 10000] [--slippage 0|book] [--from DATE] [--to DATE] [--timeframe 1h] [--json]' +
  ' [--monte-carlo N [--seed S] [--method mixed|' +
  METHODS.join('|') +
  '] [--workers W] [--ruin 0.5]]';

export { UsageError };

export interface BacktestPlan {
  csv: string;
  strategy: Strategy;
  feeRate: string;
  cash: string;
  slippage: SlippageModel;
  json: boolean;
  /** Candles opening at or after `from` and before `to` (ms, UTC), when given. */
  from?: number;
  to?: number;
  timeframe?: string;
  lookaheadCuts: number;
  monteCarlo?: { scenarios: number; seed: number; method: MethodChoice; workers?: number; ruinThreshold: number };
}

/** What the command line asks for: a run, or the help text. */
export type BacktestArgs = ({ help: false } & BacktestPlan) | { help: true };

const PARAM_NAMES = [...new Set(STRATEGIES.flatMap((s) => s.params.map((p) => p.name)))];

/** A number written plainly (no empty string, no "0x", no trailing garbage). */
function numberArg(name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim())) throw new UsageError(`--${name} must be a number, got "${text}"`);
  return value;
}

function integerArg(name: string, text: string, min: number, max: number): number {
  const value = numberArg(name, text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${text}`);
  return value;
}

function dateArg(name: string, text: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?Z?$/.exec(text);
  const ms = match ? Date.parse(`${match[1]}T${match[2] ?? '00:00'}Z`) : NaN;
  if (!Number.isFinite(ms)) throw new UsageError(`--${name} must be a UTC date like 2021-01-31 or 2021-01-31T12:00, got "${text}"`);
  return ms;
}

export function parseBacktestArgs(argv: string[]): BacktestArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        csv: { type: 'string' },
        strategy: { type: 'string' },
        fee: { type: 'string' },
        cash: { type: 'string' },
        slippage: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        timeframe: { type: 'string' },
        json: { type: 'boolean' },
        'lookahead-cuts': { type: 'string' },
        'monte-carlo': { type: 'string' },
        seed: { type: 'string' },
        method: { type: 'string' },
        workers: { type: 'string' },
        ruin: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(PARAM_NAMES.map((name) => [name, { type: 'string' as const }])),
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error));
  }
  const str = (name: string) => values[name] as string | undefined;
  if (values.help) return { help: true };
  const csv = str('csv');
  if (!csv) throw new UsageError('--csv FILE is required');
  const name = str('strategy');
  if (!name) throw new UsageError('--strategy is required');
  const definition = strategyDefinition(name);
  const params: Record<string, number> = {};
  for (const p of PARAM_NAMES) {
    const text = str(p);
    if (text === undefined) continue;
    if (!definition.params.some((q) => q.name === p)) throw new UsageError(`--${p} is not an option of ${name} (its options: ${definition.params.map((q) => `--${q.name}`).join(', ')})`);
    params[p] = numberArg(p, text);
  }
  const strategy = definition.create(params);

  const fee = str('fee') ?? '0.001';
  const feeValue = numberArg('fee', fee);
  if (feeValue < 0 || feeValue >= 1) throw new UsageError(`--fee is a rate: at least 0 and below 1 (0.001 = 0.1 %), got ${fee}`);
  const cash = str('cash') ?? '10000';
  if (!(numberArg('cash', cash) > 0)) throw new UsageError(`--cash must be above 0, got ${cash}`);
  const slippageText = str('slippage') ?? '0';
  const slippage: SlippageModel | undefined = slippageText === '0' || slippageText === 'none' ? 'none' : slippageText === 'book' ? 'book' : undefined;
  if (!slippage) throw new UsageError(`--slippage must be 0 (none) or book (walk the paper exchange's synthetic order book), got "${slippageText}"`);
  const timeframe = str('timeframe');
  if (timeframe !== undefined && timeframeToMs(timeframe) === undefined) throw new UsageError(`--timeframe must look like 1m, 5m, 1h, 1d, got "${timeframe}"`);
  const from = str('from') === undefined ? undefined : dateArg('from', str('from')!);
  const to = str('to') === undefined ? undefined : dateArg('to', str('to')!);
  if (from !== undefined && to !== undefined && from >= to) throw new UsageError('--from must be before --to');

  const plan: BacktestPlan = {
    csv,
    strategy,
    feeRate: fee,
    cash,
    slippage,
    json: values.json === true,
    from,
    to,
    timeframe,
    lookaheadCuts: str('lookahead-cuts') === undefined ? DEFAULT_LOOKAHEAD_CUTS : integerArg('lookahead-cuts', str('lookahead-cuts')!, 0, 1000),
  };
  const mc = str('monte-carlo');
  if (mc === undefined) {
    for (const only of ['seed', 'method', 'workers', 'ruin']) if (str(only) !== undefined) throw new UsageError(`--${only} goes with --monte-carlo N`);
    return { help: false, ...plan };
  }
  const method = str('method') ?? 'mixed';
  if (method !== 'mixed' && !(METHODS as readonly string[]).includes(method)) throw new UsageError(`--method must be mixed, ${METHODS.join(', ')}; got "${method}"`);
  const ruin = str('ruin') === undefined ? 0.5 : numberArg('ruin', str('ruin')!);
  if (!(ruin > 0 && ruin < 1)) throw new UsageError(`--ruin is a share of the starting equity, between 0 and 1 (0.5 = half), got ${ruin}`);
  plan.monteCarlo = {
    scenarios: integerArg('monte-carlo', mc, 1, MAX_SCENARIOS),
    seed: str('seed') === undefined ? 1 : integerArg('seed', str('seed')!, 0, 0xffffffff),
    method: method as MethodChoice,
    workers: str('workers') === undefined ? undefined : integerArg('workers', str('workers')!, 0, 64),
    ruinThreshold: ruin,
  };
  return { help: false, ...plan };
}

/** The --help text: the usage line and each strategy's options with their defaults. */
export function helpText(): string {
  const lines = [USAGE, '', 'strategies:'];
  for (const s of STRATEGIES) {
    lines.push(`  ${s.name}: ${s.summary}`);
    for (const p of s.params) lines.push(`    --${p.name} ${p.default}  ${p.doc}`);
  }
  return lines.join('\n') + '\n';
}
