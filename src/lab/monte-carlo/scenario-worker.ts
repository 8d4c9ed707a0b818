// Entry point of a Monte Carlo worker thread (started by worker-pool.ts; like main.ts, it starts
// listening when loaded — nothing else should import it). It receives the scenario context once,
// then runs the ranges of scenarios it is given and posts their rows back (transferred, not copied).
import { parentPort } from 'node:worker_threads';
import { scenarioRunner, WIDTH, type ScenarioContext, type ScenarioRunner } from './scenario.js';
import type { ToWorker } from './worker-messages.js';

const port = parentPort;
if (!port) throw new Error('scenario-worker.ts runs as a worker thread (see worker-pool.ts)');
let runner: ScenarioRunner | undefined;

port.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'setup') {
      runner = scenarioRunner(message.context as ScenarioContext);
      port.postMessage({ type: 'ready' });
      return;
    }
    if (!runner) throw new Error('a run before the setup');
    const rows = new Float64Array((message.to - message.from) * WIDTH);
    runner.run(message.from, message.to, rows);
    port.postMessage({ type: 'done', from: message.from, to: message.to, rows }, [rows.buffer]);
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
