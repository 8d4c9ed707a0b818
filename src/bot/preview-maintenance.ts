import { GrammyError, type Api } from 'grammy';
import type { Logger } from '../shared/logger.js';
import type { TradingService } from '../trading/trading-service.js';
import type { Confirmation } from '../trading/types.js';
import { expiredMessage } from './format/trade-messages.js';
import { outcomeMessage } from './handlers/trade-buttons.js';

/**
 * Background upkeep of previews, run as jobs: expired previews lose their buttons, and
 * confirmations an earlier run left half-way are settled and their messages updated.
 */
export async function expirePreviews(trading: TradingService, api: Api, logger: Logger): Promise<number> {
  const expired = await trading.expireDue(200);
  for (const confirmation of expired) await editPreview(api, confirmation, expiredMessage(confirmation), logger);
  return expired.length;
}

export async function settleStuckConfirmations(trading: TradingService, api: Api, logger: Logger): Promise<number> {
  const outcomes = await trading.resolveStuck();
  for (const outcome of outcomes) {
    if (outcome.outcome === 'unresolved') continue;
    if ('confirmation' in outcome) await editPreview(api, outcome.confirmation, outcomeMessage(outcome), logger);
  }
  return outcomes.length;
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
