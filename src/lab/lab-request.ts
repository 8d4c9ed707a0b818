// What a person can ask the lab for, from the chat or the API: a backtest of a strategy on a coin
// over a period, a Monte Carlo run on a backtest, or the RL agent's walk-forward test. Plain JSON
// (it crosses the job queue), checked here once so every interface gets the same errors.
import { AppError } from '../shared/errors.js';
import { STRATEGIES } from '../signals/strategies/index.js';

export type LabKind = 'backtest' | 'monte-carlo' | 'rl';

export interface BacktestRequest {
  /** A strategy name (ema-cross, rsi-reversion) or a short name (ema, rsi). */
  strategy: string;
  /** BTC/USDT, or a bare base (BTC: the quote is USDT). */
  symbol: string;
  /** A calendar year (2021), or from/to as ISO dates (UTC); none: every bundled candle. */
  year?: number;
  from?: string;
  to?: string;
  params?: Record<string, number>;
}

export type LabRequest =
  | { kind: 'backtest'; backtest: BacktestRequest }
  | { kind: 'monte-carlo'; backtest: BacktestRequest; scenarios?: number; seed?: number }
  | { kind: 'rl'; symbol: string; episodes?: number; seed?: number };

/** A lab request that cannot run: the code says which rule, the message says it to a person. */
export class LabError extends AppError {
  constructor(code: 'lab.unknown_strategy' | 'lab.unknown_symbol' | 'lab.no_data' | 'lab.invalid' | 'lab.nothing_before' | 'lab.busy', message: string, params: Record<string, string | number> = {}) {
    super(code, message, { params });
  }
}

/** Short names people use for the strategies the backtester has. */
const STRATEGY_ALIASES: Record<string, string> = {
  rsi: 'rsi-reversion',
  'rsi-reversion': 'rsi-reversion',
  'rsi reversion': 'rsi-reversion',
  'mean-reversion': 'rsi-reversion',
  ema: 'ema-cross',
  'ema-cross': 'ema-cross',
  'ema cross': 'ema-cross',
  'ma-cross': 'ema-cross',
  crossover: 'ema-cross',
};

export const DEFAULT_SCENARIOS = 500;
export const MAX_CHAT_SCENARIOS = 5_000;
/** The seed a Monte Carlo run uses unless told: the same request gives the same figures. */
export const DEFAULT_SEED = 1;
/** DQN training episodes in a chat run: ~5 s each on the bundled hourly candles (measured on the 2-core dev machine). */
export const DEFAULT_RL_EPISODES = 2;
export const MAX_RL_EPISODES = 10;

export function strategyName(given: string): string {
  const key = given.trim().toLowerCase();
  const name = STRATEGY_ALIASES[key] ?? key;
  if (!STRATEGIES.some((s) => s.name === name)) {
    throw new LabError('lab.unknown_strategy', `I can backtest ${STRATEGIES.map((s) => s.name).join(' and ')} (rsi, ema for short), not “${given.slice(0, 40)}”.`, { strategy: given.slice(0, 40) });
  }
  return name;
}

/** BTC → BTC/USDT; btc/usdt → BTC/USDT. */
export function symbolName(given: string): string {
  const upper = given.trim().toUpperCase().replace('-', '/');
  if (!/^[A-Z0-9]{2,10}(\/[A-Z0-9]{2,10})?$/.test(upper)) throw new LabError('lab.unknown_symbol', `“${given.slice(0, 20)}” is not a coin I know.`, { symbol: given.slice(0, 20) });
  return upper.includes('/') ? upper : `${upper}/USDT`;
}

/** The period asked for as [from, to) in ms (UTC); unbounded ends are ±Infinity. */
export function periodOf(request: Pick<BacktestRequest, 'year' | 'from' | 'to'>): { from: number; to: number; label: string } {
  if (request.year !== undefined) {
    if (!Number.isInteger(request.year) || request.year < 2009 || request.year > 2100) throw new LabError('lab.invalid', `The year must be a year like 2021, got ${request.year}.`);
    if (request.from !== undefined || request.to !== undefined) throw new LabError('lab.invalid', 'Give a year, or from and to dates, not both.');
    return { from: Date.UTC(request.year, 0, 1), to: Date.UTC(request.year + 1, 0, 1), label: String(request.year) };
  }
  const date = (name: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?Z?)?$/.exec(text.trim());
    const ms = match ? Date.parse(`${match[1]}T${match[2] ?? '00:00'}Z`) : NaN;
    if (!Number.isFinite(ms)) throw new LabError('lab.invalid', `${name} must be a UTC date like 2021-03-01, got “${text.slice(0, 30)}”.`);
    return ms;
  };
  const from = date('from', request.from, -Infinity);
  const to = date('to', request.to, Infinity);
  if (from >= to) throw new LabError('lab.invalid', 'from must be before to.');
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const label = request.from === undefined && request.to === undefined ? 'all bundled data' : `${request.from === undefined ? 'start' : day(from)} → ${request.to === undefined ? 'end' : day(to)}`;
  return { from, to, label };
}

/** The request with its names made canonical (strategy, symbol), or a LabError. */
export function normalizeRequest(request: LabRequest): LabRequest {
  switch (request.kind) {
    case 'backtest':
    case 'monte-carlo': {
      const b = request.backtest;
      periodOf(b);
      const backtest: BacktestRequest = { ...b, strategy: strategyName(b.strategy), symbol: symbolName(b.symbol) };
      if (request.kind === 'backtest') return { kind: 'backtest', backtest };
      const scenarios = request.scenarios ?? DEFAULT_SCENARIOS;
      if (!Number.isInteger(scenarios) || scenarios < 10 || scenarios > MAX_CHAT_SCENARIOS) throw new LabError('lab.invalid', `A Monte Carlo run takes from 10 to ${MAX_CHAT_SCENARIOS} scenarios, got ${scenarios}.`);
      const seed = request.seed ?? DEFAULT_SEED;
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new LabError('lab.invalid', `The seed must be a whole number from 0 to 4294967295, got ${seed}.`);
      return { kind: 'monte-carlo', backtest, scenarios, seed };
    }
    case 'rl': {
      const episodes = request.episodes ?? DEFAULT_RL_EPISODES;
      if (!Number.isInteger(episodes) || episodes < 1 || episodes > MAX_RL_EPISODES) throw new LabError('lab.invalid', `The RL agent trains for 1 to ${MAX_RL_EPISODES} episodes here, got ${episodes}.`);
      const seed = request.seed ?? DEFAULT_SEED;
      if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 31) throw new LabError('lab.invalid', `The seed must be a whole number from 0 to 2147483647, got ${seed}.`);
      return { kind: 'rl', symbol: symbolName(request.symbol), episodes, seed };
    }
  }
}

/** "RSI reversion on BTC/USDT, 2021": what a run is, in words. */
export function describeRequest(request: LabRequest): string {
  const pretty = (name: string) => (name === 'rsi-reversion' ? 'RSI reversion' : name === 'ema-cross' ? 'EMA cross' : name);
  switch (request.kind) {
    case 'backtest':
      return `${pretty(request.backtest.strategy)} on ${request.backtest.symbol}, ${periodOf(request.backtest).label}`;
    case 'monte-carlo':
      return `Monte Carlo of ${pretty(request.backtest.strategy)} on ${request.backtest.symbol}, ${periodOf(request.backtest).label}`;
    case 'rl':
      return `RL agent on ${request.symbol}, walk-forward`;
  }
}
