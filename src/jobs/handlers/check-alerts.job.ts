import type { AlertService } from '../../alerts/alert-service.js';
import type { JobHandler } from '../job-queue.js';

/** One checking pass over the price alerts; each fired alert's notice is written with its firing. */
export function checkAlertsJob(alerts: Pick<AlertService, 'check'>): JobHandler {
  return async () => {
    await alerts.check();
  };
}
