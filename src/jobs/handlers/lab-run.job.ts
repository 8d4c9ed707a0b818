import type { LabService } from '../../lab/lab-service.js';
import type { JobHandler } from '../job-queue.js';

/** The job's data: JSON, so BullMQ can carry it. */
export interface LabRunJobData {
  runId: string;
}

/** Runs one queued lab run (a backtest, a Monte Carlo, the RL agent) to its end; the run stores its own progress and outcome. */
export function labRunJob(lab: Pick<LabService, 'execute'>): JobHandler<LabRunJobData> {
  return async (data) => {
    if (typeof data?.runId !== 'string') return;
    await lab.execute(data.runId);
  };
}
