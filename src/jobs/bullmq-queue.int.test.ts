import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { TEST_REDIS_URL } from '../../test/support/services.js';
import { silentLogger } from '../shared/logger.js';
import { BullmqQueue } from './bullmq-queue.js';
import { jobQueueContract } from './job-queue.contract.js';

describe.skipIf(!TEST_REDIS_URL)('BullmqQueue on Redis (TEST_REDIS_URL)', () => {
  jobQueueContract(async () => {
    // A unique queue per test: tests never see each other's jobs.
    const queue = new BullmqQueue({ redisUrl: TEST_REDIS_URL!, queueName: `test-${randomBytes(6).toString('hex')}`, logger: silentLogger() });
    const close = queue.close.bind(queue);
    queue.close = async () => {
      await queue.obliterate().catch(() => {});
      await close();
    };
    return queue;
  });
});
