import { describe } from 'vitest';
import { silentLogger } from '../shared/logger.js';
import { InProcessQueue } from './in-process-queue.js';
import { jobQueueContract } from './job-queue.contract.js';

describe('InProcessQueue', () => {
  jobQueueContract(async () => new InProcessQueue(silentLogger()));
});
