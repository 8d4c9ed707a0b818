// The backtest CLI as a user runs it (a real process), checked against an independent, deliberately
// plain implementation of the same EMA-cross rules written here: its own CSV reading, its own EMA,
// one loop, floats. If the two disagree, one of them misreads the rules.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath, projectRoot } from '../shared/project-paths.js';
import { parseBacktestArgs, UsageError } from './backtest-args.js';

const BTC = 'data/candles/binance_BTC-USDT_1h.csv.gz';

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', projectPath('src/lab/backtest-cli.ts'), ...args], { cwd: projectRoot(), maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface Reference {
  trades: number;
  wins: number;
  finalEquity: number;
  maxDrawdown: number;
}

/**
 * The rules, plainly: EMA seeded with the mean of the first `period` closes, then
 * ema = close·k + ema·(1 − k), k = 2/(period + 1). A cross up is fast ≤ slow on the previous close
 * and fast > slow on this one (down: the mirror). A cross seen at close i acts at open i + 1:
 * buy with all the cash (fee on the notional, so notional = cash / (1 + fee)), or sell everything
 * (fee on the notional). Equity marked at every close; drawdown from the running peak, which starts
 * at the starting cash. A trade wins if it got back more than it paid, fees included.
 */
function referenceEmaCross(open: number[], close: number[], fast: number, slow: number, fee: number, cash: number): Reference {
  const n = close.length;
  const ema = (period: number): number[] => {
    const out: number[] = new Array(n).fill(NaN);
    let sum = 0;
    for (let i = 0; i < period; i++) sum += close[i]!;
    out[period - 1] = sum / period;
    const k = 2 / (period + 1);
    for (let i = period; i < n; i++) out[i] = close[i]! * k + out[i - 1]! * (1 - k);
    return out;
  };
  const f = ema(fast);
  const s = ema(slow);
  let amount = 0;
  let paid = 0;
  let trades = 0;
  let wins = 0;
  let peak = cash;
  let maxDrawdown = 0;
  let equity = cash;
  for (let i = 0; i < n; i++) {
    if (i >= 2) {
      const j = i - 1; // the close the signal was seen at
      const up = f[j - 1]! <= s[j - 1]! && f[j]! > s[j]!;
      const down = f[j - 1]! >= s[j - 1]! && f[j]! < s[j]!;
      if (up && amount === 0) {
        const notional = cash / (1 + fee);
        amount = notional / open[i]!;
        paid = cash;
        cash = 0;
      } else if (down && amount > 0) {
        const notional = amount * open[i]!;
        cash = notional - notional * fee;
        amount = 0;
        trades++;
        if (cash > paid) wins++;
      }
    }
    equity = cash + amount * close[i]!;
    peak = Math.max(peak, equity);
    maxDrawdown = Math.max(maxDrawdown, (peak - equity) / peak);
  }
  return { trades, wins, finalEquity: equity, maxDrawdown };
}

function readCsvGz(path: string): { open: number[]; close: number[] } {
  const lines = gunzipSync(readFileSync(projectPath(path))).toString('utf8').trim().split('\n').slice(1);
  const open: number[] = [];
  const close: number[] = [];
  for (const line of lines) {
    const cells = line.split(',');
    open.push(Number(cells[1]));
    close.push(Number(cells[4]));
  }
  return { open, close };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-backtest-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run -s backtest -- --csv FILE --strategy ema-cross … --json', () => {
  it('agrees with a plain re-implementation of the rules on real BTC candles: trades, equity to the cent, drawdown, win rate', async () => {
    const [json, fast] = await Promise.all([
      run('--csv', BTC, '--strategy', 'ema-cross', '--fast', '12', '--slow', '26', '--fee', '0.001', '--cash', '10000', '--json'),
      run('--csv', BTC, '--strategy', 'ema-cross', '--fast', '5', '--slow', '50', '--fee', '0.0025', '--cash', '2500', '--json'),
    ]);
    const { open, close } = readCsvGz(BTC);
    for (const [result, [f, s, fee, cash]] of [
      [json, [12, 26, 0.001, 10_000]],
      [fast, [5, 50, 0.0025, 2_500]],
    ] as const) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.trim().split('\n')).toHaveLength(1); // one JSON object
      const report = JSON.parse(result.stdout);
      const ref = referenceEmaCross(open, close, f, s, fee, cash);
      expect(ref.trades).toBeGreaterThan(20);
      expect(report.trades_closed).toBe(ref.trades);
      expect(Math.abs(report.final_equity - ref.finalEquity)).toBeLessThan(0.005);
      expect(report.max_drawdown).toBeCloseTo(ref.maxDrawdown, 9);
      expect(report.win_rate).toBeCloseTo(ref.wins / ref.trades, 12);
      expect(report.total_return).toBeCloseTo(ref.finalEquity / cash - 1, 9);
      expect(report.candles).toBe(close.length);
      for (const key of ['sharpe', 'sortino', 'cagr', 'calmar', 'profit_factor', 'expectancy', 'avg_trade_hours', 'exposure', 'buy_and_hold_return', 'period', 'lookahead']) expect(report).toHaveProperty(key);
      expect(report.lookahead.flagged).toEqual([]);
      expect(report.slippage).toBe('none');
    }
  });

  it('prints a short table without --json, with the buy-and-hold baseline beside the strategy', async () => {
    const result = await run('--csv', BTC, '--strategy', 'rsi-reversion', '--period', '14', '--lower', '25', '--upper', '75');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^rsi-reversion \(period=14 lower=25 upper=75\) on BTC\/USDT 1h, 2020-12-01 00:00 → 2021-07-17 21:00 UTC, 5,482 candles/);
    expect(result.stdout).toMatch(/total return\s+[+-][\d.]+ %\s+\+60\.9 %/);
    expect(result.stdout).toMatch(/look-ahead guard: 16 prefix cuts re-run, no signal changed/);
    expect(result.stdout.split('\n').length).toBeLessThan(30);
  });

  it('answers bad arguments and bad files with one line on stderr and a non-zero exit', async () => {
    const bad = join(dir, 'binance_BTC-USDT_1h.csv');
    await writeFile(bad, 'timestamp,open,high,low,close,volume\n1606780800000,1,2,0.5,1.5,10\n1606784400000,1,2,0.5,oops,10\n');
    const cases: [string[], number, RegExp][] = [
      [[], 2, /^backtest: --csv FILE is required; usage: npm run -s backtest -- --csv FILE --strategy ema-cross\|rsi-reversion/],
      [['--csv', BTC, '--strategy', 'ema-cross', '--fast', '26', '--slow', '12'], 2, /^backtest: ema-cross: fast \(26\) must be shorter than slow \(12\); usage:/],
      [['--csv', join(dir, 'nope.csv.gz'), '--strategy', 'ema-cross'], 1, /^backtest: .*nope\.csv\.gz: no such file$/],
      [['--csv', bad, '--strategy', 'ema-cross'], 1, /^backtest: Candle file .* is invalid: line 3: field close is not a number$/],
    ];
    const results = await Promise.all(cases.map(([args]) => run(...args)));
    results.forEach((result, i) => {
      const [, code, message] = cases[i]!;
      expect(result.code, cases[i]![0].join(' ')).toBe(code);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  });
});

describe('parseBacktestArgs', () => {
  const base = ['--csv', 'f.csv', '--strategy', 'ema-cross'];
  it.each([
    [['--strategy', 'ema-cross'], /--csv FILE is required/],
    [['--csv', 'f.csv'], /--strategy is required/],
    [['--csv', 'f.csv', '--strategy', 'moon'], /unknown strategy "moon" \(known: ema-cross, rsi-reversion\)/],
    [[...base, '--fast', 'abc'], /--fast must be a number, got "abc"/],
    [[...base, '--fast', '0x10'], /--fast must be a number/],
    [[...base, '--fast', '2.5'], /fast must be an integer/],
    [[...base, '--period', '14'], /--period is not an option of ema-cross \(its options: --fast, --slow\)/],
    [[...base, '--fee', '1.5'], /--fee is a rate/],
    [[...base, '--cash=-5'], /--cash must be above 0/],
    [[...base, '--cash', '0'], /--cash must be above 0/],
    [[...base, '--slippage', '5'], /--slippage must be 0 \(none\) or book/],
    [[...base, '--from', 'yesterday'], /--from must be a UTC date/],
    [[...base, '--from', '2021-02-01', '--to', '2021-01-01'], /--from must be before --to/],
    [[...base, '--seed', '3'], /--seed goes with --monte-carlo N/],
    [[...base, '--monte-carlo', '0'], /--monte-carlo must be an integer from 1/],
    [[...base, '--monte-carlo', '10', '--method', 'dice'], /--method must be mixed, bootstrap, noise, regime/],
    [[...base, '--monte-carlo', '10', '--ruin', '1'], /--ruin is a share/],
    [[...base, '--bogus'], /Unknown option '--bogus'/],
  ])('%j → %s', (argv, message) => {
    expect(() => parseBacktestArgs(argv)).toThrow(message);
  });

  it('takes the documented defaults', () => {
    const plan = parseBacktestArgs(base);
    if (plan.help) throw new Error('not help');
    expect(plan).toMatchObject({ csv: 'f.csv', feeRate: '0.001', cash: '10000', slippage: 'none', json: false, lookaheadCuts: 16 });
    expect(plan.strategy.params).toEqual({ fast: 12, slow: 26 });
    expect(plan.monteCarlo).toBeUndefined();
    expect(parseBacktestArgs(['--help'])).toEqual({ help: true });
    expect(parseBacktestArgs([...base, '--slippage', 'book', '--monte-carlo', '100', '--from', '2021-01-01', '--to', '2021-02-01T12:00'])).toHaveProperty('monteCarlo', { scenarios: 100, seed: 1, method: 'mixed', workers: undefined, ruinThreshold: 0.5 });
    expect(parseBacktestArgs([...base, '--to', '2021-02-01T12:00'])).toHaveProperty('to', Date.UTC(2021, 1, 1, 12));
  });

  it('raises argument errors as such (exit code 2), strategy ones included', () => {
    expect(() => parseBacktestArgs([])).toThrow(UsageError);
  });
});
