import { GrammyError, type Api } from 'grammy';
import type { Logger } from '../shared/logger.js';
import type { TradingService } from '../trading/trading-service.js';
import type { Confirmation } from '../trading/types.js';
import { expiredMessage, settledMessage } from './format/order-outcome.js';
import { orderNotice } from './format/order-notice.js';

/**
 * Background upkeep, run as jobs: expired previews lose their buttons; orders are synced
 * with their exchanges and their owners told about fills, triggers and cancels; previews
 * whose confirmation an interruption left half-way show how it ended.
 */
export async function expirePreviews(trading: TradingService, api: Api, logger: Logger): Promise<number> {
  const expired = await trading.expireDue(200);
  for (const confirmation of expired) await editPreview(api, confirmation, expiredMessage(confirmation), logger);
  return expired.length;
}

export async function syncOrdersAndNotify(trading: TradingService, api: Api, logger: Logger, submittingGraceMs?: number): Promise<number> {
  const changes = await trading.syncOrders(submittingGraceMs === undefined ? {} : { submittingGraceMs });
  for (const change of changes) {
    if (change.settledConfirmation) {
      const confirmation = await trading.getConfirmation(change.settledConfirmation.id);
      const text = confirmation && settledMessage(confirmation);
      if (confirmation && text) await editPreview(api, confirmation, text, logger);
      continue;
    }
    const text = orderNotice(change);
    if (text && change.order.chatId !== null) {
      await api.sendMessage(change.order.chatId, text, { parse_mode: 'HTML' }).catch((error: unknown) => logger.warn({ err: error, orderId: change.order.id }, 'could not notify about an order'));
    }
  }
  return changes.length;
}

/**
 * After a restart: a crash between storing a result and editing its preview would leave the
 * user looking at ✅ / ✖ — so recently settled previews are shown in their final state again
 * ("message is not modified" when they already were).
 */
export async function refreshRecentPreviews(trading: TradingService, api: Api, logger: Logger): Promise<number> {
  const recent = await trading.recentlySettled();
  for (const confirmation of recent) {
    const text = settledMessage(confirmation);
    if (text) await editPreview(api, confirmation, text, logger);
  }
  return recent.length;
}

async function editPreview(api: Api, confirmation: Confirmation, text: string, logger: Logger): Promise<void> {
  if (confirmation.chatId === null || confirmation.messageId === null) return;
  try {
    await api.editMessageText(confirmation.chatId, confirmation.messageId, text, { parse_mode: 'HTML' });
  } catch (error) {
    // The user may have deleted the chat or the message: the stored state is what counts.
    if (error instanceof GrammyError && error.error_code === 400) return;
    logger.warn({ err: error, confirmationId: confirmation.id }, 'could not update a preview message');
  }
}
