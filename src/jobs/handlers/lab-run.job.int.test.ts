import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../../../test/support/services.js';
import { CandleFolder } from '../../lab/lab-candles.js';
import type { BacktestRequest } from '../../lab/lab-request.js';
import { LabService, type LabRun } from '../../lab/lab-service.js';
import { silentLogger } from '../../shared/logger.js';
import { projectPath } from '../../shared/project-paths.js';
import { BullmqQueue } from '../bullmq-queue.js';
import { InProcessQueue } from '../in-process-queue.js';
import { JOBS } from '../job-names.js';
import type { JobQueue } from '../job-queue.js';
import { labRunJob, type LabRunJobData } from './lab-run.job.js';

/** A lab run queued by the use case and run by the lab.run job, on each runner (BullMQ carries the job's data as JSON). */
function labOnQueue(name: string, makeQueue: () => JobQueue) {
  describe(`the lab.run job on ${name}`, () => {
    let queue: JobQueue | undefined;
    afterEach(async () => {
      await (queue as BullmqQueue | undefined)?.obliterate?.().catch(() => {});
      await queue?.close();
    });

    it('runs a submitted backtest to done, its result stored for polling', async () => {
      const q = makeQueue();
      queue = q;
      const runs = new Map<string, LabRun>();
      const ended: string[] = [];
      let finished!: () => void;
      const done = new Promise<void>((resolve) => (finished = resolve));
      const lab = new LabService({
        runs: { read: async (id) => structuredClone(runs.get(id)), write: async (id, run) => void runs.set(id, structuredClone(run)) },
        last: { read: async () => undefined as BacktestRequest | undefined, write: async () => {} },
        active: { read: async () => undefined, write: async () => {} },
        outbox: {
          publish: async (n) => {
            for (const x of n) if (x.kind !== 'lab.progress') ended.push(x.kind);
            if (ended.length > 0) finished();
            return n.length;
          },
        },
        enqueue: (runId) => q.add<LabRunJobData>(JOBS.labRun, { runId }, { jobId: runId, attempts: 1 }),
        work: { candles: new CandleFolder(projectPath('data/candles')), train: async () => ({ act: () => 0, describe: () => 'hold', dispose: () => {} }), feeRate: 0.001, cash: 10_000 },
        clock: { now: () => Date.now() },
        newId: () => randomBytes(8).toString('hex'),
        logger: silentLogger(),
      });
      q.register(JOBS.labRun, labRunJob(lab));
      await q.start();
      const run = await lab.submit(9, { kind: 'backtest', backtest: { strategy: 'ema', symbol: 'XRP', year: 2021 } });
      await done;
      expect(ended).toEqual(['lab.finished']);
      expect(await lab.get(9, run.id)).toMatchObject({ status: 'done', progress: 1, result: { kind: 'backtest', report: { symbol: 'XRP/USDT' } } });
    }, 60_000);
  });
}

labOnQueue('the in-process queue', () => new InProcessQueue(silentLogger()));
describe.skipIf(!TEST_REDIS_URL)('(TEST_REDIS_URL)', () => {
  labOnQueue('BullMQ', () => new BullmqQueue({ redisUrl: TEST_REDIS_URL!, queueName: `test-lab-${randomBytes(6).toString('hex')}`, logger: silentLogger() }));
});
