// The rl CLI as a user runs it (a real process), on a small piece of the bundled BTC candles: one
// short training episode (this tests the wiring, not the agent), and the baseline checked by hand.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath, projectRoot } from '../../shared/project-paths.js';

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', projectPath('src/lab/rl/rl-cli.ts'), ...args], { cwd: projectRoot(), maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
let csv: string;
let rows: number[][];

beforeAll(async () => {
  const lines = gunzipSync(readFileSync(projectPath('data/candles/binance_BTC-USDT_1h.csv.gz'))).toString('utf8').trim().split('\n');
  const piece = lines.slice(0, 401);
  rows = piece.slice(1).map((l) => l.split(',').map(Number));
  dir = await mkdtemp(join(tmpdir(), 'parley-rl-'));
  csv = join(dir, 'binance_BTC-USDT_1h.csv');
  await writeFile(csv, piece.join('\n') + '\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run -s rl', () => {
  it('trains before --train-until and reports the later candles beside buy-and-hold and the EMA cross', async () => {
    const split = rows[250]![0]!;
    const { code, stdout, stderr } = await run('--csv', csv, '--train-until', new Date(split).toISOString(), '--episodes', '1', '--seed', '7', '--fee', '0.001', '--cash', '1000', '--json');
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/^episode 1\/1: 224 steps/);
    const report = JSON.parse(stdout);
    expect(report.test).toEqual({ from: split, to: rows[399]![0], candles: 150 });
    expect(report.train.candles).toBe(225);
    expect(report.seed).toBe(7);
    // Buy-and-hold by hand: 1000 in at the first test open (fee on the notional), out at the last close.
    const held = 1000 / 1.001 / rows[250]![1]!;
    expect(report.buyAndHold.totalReturn).toBeCloseTo((held * rows[399]![4]!) / 1000 - 1, 10);
    for (const o of [report.agent, report.buyAndHold, report.emaCross]) expect(Number.isFinite(o.totalReturn) && o.maxDrawdown >= 0 && o.maxDrawdown < 1).toBe(true);
    expect(Object.values(report.actions as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(150);
  }, 90_000);

  it('answers bad arguments with one line and exit 2', async () => {
    // Each case is its own process: run them side by side.
    const cases = [['--train-until', '2021-01-01'], ['--csv', csv, '--train-until', 'soon'], ['--csv', csv, '--train-until', '2021-01-01', '--episodes', '0']];
    const [missing, ...results] = await Promise.all([run('--csv', join(dir, 'nope.csv'), '--train-until', '2021-01-01'), ...cases.map((args) => run(...args))]);
    results.forEach(({ code, stderr }, k) => {
      expect(code, cases[k]!.join(' ')).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
    expect(missing!.code).toBe(1);
    expect(missing!.stderr).toMatch(/no such file/);
  }, 90_000);
});
