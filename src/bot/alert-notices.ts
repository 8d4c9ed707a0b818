import type { Api } from 'grammy';
import type { AlertService } from '../alerts/alert-service.js';
import type { Logger } from '../shared/logger.js';
import { alertFiredMessage } from './format/alert-messages.js';

/** The `alerts.check` job: every few seconds. */
export const CHECK_ALERTS_JOB = 'alerts.check';

/**
 * One checking pass, then a message to the chat each fired alert was set in. An alert is marked
 * fired before its message goes out (that is what makes it fire once across instances), so a
 * message Telegram refuses for good (the user blocked the bot) is logged, not retried.
 */
export async function checkAlertsAndNotify(alerts: AlertService, api: Api, logger: Logger): Promise<number> {
  const fired = await alerts.check();
  for (const f of fired) {
    await api.sendMessage(f.alert.chatId, alertFiredMessage(f), { parse_mode: 'HTML' }).catch((error: unknown) => {
      logger.warn({ err: error, alertId: f.alert.id }, 'could not deliver a price alert');
    });
  }
  return fired.length;
}
