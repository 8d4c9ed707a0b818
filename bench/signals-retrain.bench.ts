// `npm run -s bench signals-retrain`: does the retrain job leave the chat alone? The whole app in
// this process (playground mode, PGlite in memory, the replayed market, the bundled models) answers
// "should I buy btc?" one after another while idle, then while the retrain runs in its worker
// thread on every bundled pair, then — the baseline — while one pair is retrained on the main
// thread. Main-thread timer lateness (a 20 ms interval) is measured in each phase.
//   --idle=N (60)   questions in the idle phase
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { User } from 'grammy/types';
import { inProcessApp } from '../test/support/in-process-app.js';
import { retrainInWorker } from '../src/jobs/retrain-in-worker.js';
import { loadCandleDir } from '../src/market/candle-file.js';
import { systemClock } from '../src/shared/clock.js';
import { projectPath } from '../src/shared/project-paths.js';
import { TfjsDirectionTrainer } from '../src/signals/ml/tfjs-direction-model.js';
import { tfjsRuntime } from '../src/signals/ml/tfjs-runtime.js';
import { retrainSignals } from '../src/signals/retrain-signals.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=') ?? fallback;
const IDLE = Number(arg('idle', '60'));
const TICK_MS = 20;

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Lateness of a 20 ms interval timer on this thread while `during` runs. */
async function withTimer<T>(during: () => Promise<T>): Promise<{ result: T; lateness: number[] }> {
  const lateness: number[] = [];
  let expected = performance.now() + TICK_MS;
  const timer = setInterval(() => {
    const now = performance.now();
    lateness.push(Math.max(0, now - expected));
    expected = now + TICK_MS;
  }, TICK_MS);
  try {
    return { result: await during(), lateness };
  } finally {
    clearInterval(timer);
  }
}

const h = await inProcessApp();
const user: User = { id: 990_001, is_bot: false, first_name: 'Bench' };
await h.say(user, '/start');
const ask = async (): Promise<number> => {
  const started = performance.now();
  const reply = await h.say(user, 'should I buy btc?');
  const took = performance.now() - started;
  if (!reply?.text?.includes('Not financial advice')) throw new Error(`unexpected answer: ${reply?.text}`);
  return took;
};
// Warm-up: tfjs and the model load on the first question.
for (let i = 0; i < 5; i++) await ask();

const idle = await withTimer(async () => {
  const times: number[] = [];
  for (let i = 0; i < IDLE; i++) times.push(await ask());
  return times;
});

const out = mkdtempSync(join(tmpdir(), 'parley-retrain-'));
const worker = await withTimer(async () => {
  const times: number[] = [];
  const started = performance.now();
  let done = false;
  const retrain = retrainInWorker({ candlesDir: projectPath('data/candles'), outDir: out }).finally(() => (done = true));
  while (!done) times.push(await ask());
  const summary = await retrain;
  return { times, summary, wallMs: performance.now() - started };
});

// The baseline: one pair retrained on this thread, questions asked meanwhile.
const btc = (await loadCandleDir(projectPath('data/candles'), '1h')).filter((s) => s.symbol === 'BTC/USDT');
const main = await withTimer(async () => {
  const times: number[] = [];
  let done = false;
  const started = performance.now();
  const trainer = new TfjsDirectionTrainer(tfjsRuntime());
  const retrain = retrainSignals({ history: { history: async () => btc[0]! }, trainer, clock: systemClock }, { pairs: [{ symbol: 'BTC/USDT', timeframe: '1h' }] }).finally(() => (done = true));
  while (!done) times.push(await ask());
  await retrain;
  return { times, wallMs: performance.now() - started };
});
rmSync(out, { recursive: true, force: true });
await h.close();

const line = (name: string, times: number[], lateness: number[]) =>
  `${name.padEnd(30)} answers ${String(times.length).padStart(4)} · p50 ${ms(quantile(times, 0.5))} · p99 ${ms(quantile(times, 0.99))} · timer lateness p99 ${ms(quantile(lateness, 0.99))}, max ${ms(Math.max(0, ...lateness))}`;
console.log(line('idle', idle.result, idle.lateness));
console.log(line(`retrain in a worker (${worker.result.summary.pairs} pairs)`, worker.result.times, worker.lateness));
console.log(line('retrain on the main thread (1)', main.result.times, main.lateness));
console.log(`worker retrain: ${worker.result.summary.pairs} pairs, ${worker.result.summary.folds} folds, ${(worker.result.wallMs / 1000).toFixed(1)} s wall (${worker.result.summary.model}); main-thread baseline: BTC/USDT only, ${(main.result.wallMs / 1000).toFixed(1)} s`);
const p99 = (xs: number[]) => quantile(xs, 0.99);
console.log(
  `signals-retrain: answer-p99 idle=${p99(idle.result).toFixed(1)}ms worker-retrain=${p99(worker.result.times).toFixed(1)}ms (x${(p99(worker.result.times) / p99(idle.result)).toFixed(2)}) main-thread-retrain=${p99(main.result.times).toFixed(1)}ms (x${(p99(main.result.times) / p99(idle.result)).toFixed(2)}) timer-lateness-p99 idle=${p99(idle.lateness).toFixed(1)}ms worker=${p99(worker.lateness).toFixed(1)}ms main=${p99(main.lateness).toFixed(1)}ms`,
);
process.exit(0);
