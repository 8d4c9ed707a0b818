// The evaluation CLI as a user runs it: a real process on one bundled pair with a short walk-forward.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectPath, projectRoot } from '../shared/project-paths.js';

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', projectPath('src/signals/signals-eval-cli.ts'), ...args], { cwd: projectRoot(), maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run -s signals-eval', () => {
  // Started together: each process spends most of its ~2 s starting up.
  const table = run('--pairs', 'btc', '--train-window', '500', '--step', '2000', '--quiet');
  const bad = [['--hidden', '-1'], ['--pairs', 'DOGE']].map((args) => run(...args));

  it('prints the table: the model and backend, the period, n, accuracy with its interval, the naive guesses and the weight', async () => {
    const { code, stdout, stderr } = await table;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Model: logistic regression \(TensorFlow\.js [\d.]+, wasm backend\)\. 3 folds trained in [\d.]+ s/m);
    expect(stdout).toMatch(/^BTC\/USDT {2}2020-12-25 → 2021-07-17 +\d{4} {2}\d\d\.\d% \[\d\d\.\d, \d\d\.\d\] +\d\d\.\d% +\d\d\.\d% {3}\d\d\.\d% [a-z ]+ +\d\.\d\d$/m);
    expect(stdout).toMatch(/^Model: (its 95% lower bound clears the bar on 1 of 1|no better than a naive guess on any pair)/m);
  });

  it('answers a bad argument with one line and exit code 2', async () => {
    for (const { code, stdout, stderr } of await Promise.all(bad)) {
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^signals-eval: .+; usage: npm run -s signals-eval/);
    }
  });
});
