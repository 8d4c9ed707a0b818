import type { NotificationService } from '../../notifications/notification-service.js';
import type { JobHandler } from '../job-queue.js';

/** Held non-urgent news becomes one digest per user once it is old enough for their choice. */
export function gatherDigestsJob(notifications: Pick<NotificationService, 'gatherDigests'>): JobHandler {
  return async () => {
    await notifications.gatherDigests();
  };
}
