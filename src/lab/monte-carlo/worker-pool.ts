// Spreads scenarios over worker threads: each worker gets the context once, then asks for the next
// range of scenarios whenever it is done with one. Every scenario's randomness depends only on the
// seed and its index, so the rows are the same whichever worker ran them, and in the same place.
import { Worker } from 'node:worker_threads';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { scenarioRunner, WIDTH, type ScenarioContext } from './scenario.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/**
 * The worker thread. Compiled (dist/), it is scenario-worker.js. From source, Node 20 does not load
 * `--import tsx` in worker threads, so the thread registers tsx's loader itself and then imports
 * the TypeScript entry (this works under `node --import tsx` and under vitest alike).
 */
function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './scenario-worker.ts' : './scenario-worker.js', import.meta.url);
  if (!fromSource) return new Worker(entry);
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true });
}

/**
 * Runs scenarios [0, scenarios) on `workers` threads and on this one: a thread takes ~1 s to start
 * under tsx and longer to warm up, and this thread is warm, so it works meanwhile (yielding between
 * ranges so the workers' messages are handled) instead of waiting for them.
 */
export async function runInWorkers(context: ScenarioContext, scenarios: number, workers: number, thisThreadToo = true): Promise<Float64Array> {
  const rows = new Float64Array(scenarios * WIDTH);
  // Small ranges keep every thread busy to the end and this one answering its workers often;
  // large enough that the messages cost nothing.
  const chunk = Math.max(1, Math.min(20, Math.ceil(scenarios / ((workers + 1) * 8))));
  let next = 0;
  const started: Worker[] = [];
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const worker = startWorker();
      started.push(worker);
      let finished = false;
      const send = (message: ToWorker) => worker.postMessage(message);
      const give = () => {
        if (next >= scenarios) {
          finished = true;
          void worker.terminate().then(() => resolve(), reject);
          return;
        }
        const from = next;
        next = Math.min(scenarios, from + chunk);
        send({ type: 'run', from, to: next });
      };
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'error') {
          finished = true;
          reject(new Error(`Monte Carlo worker: ${message.message}`));
          return;
        }
        if (message.type === 'done') rows.set(message.rows, message.from * WIDTH);
        give();
      });
      worker.on('error', (error) => {
        finished = true;
        reject(error);
      });
      worker.on('exit', (code) => {
        if (!finished) reject(new Error(`Monte Carlo worker stopped (exit code ${code})`));
      });
      send({ type: 'setup', context });
    });
  let failed = false;
  const here = async () => {
    if (!thisThreadToo) return;
    const runner = scenarioRunner(context);
    while (next < scenarios && !failed) {
      const from = next;
      next = Math.min(scenarios, from + chunk);
      runner.run(from, next, rows.subarray(from * WIDTH, next * WIDTH));
      await nextTurn();
    }
  };
  try {
    await Promise.all([
      here(),
      ...Array.from({ length: Math.min(workers, scenarios) }, () =>
        one().catch((error: unknown) => {
          failed = true;
          throw error;
        }),
      ),
    ]);
  } finally {
    await Promise.all(started.map((w) => w.terminate()));
  }
  return rows;
}
