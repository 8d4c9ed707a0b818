import { Bot, type ApiClientOptions } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { botApiUnavailable, boundedRetry } from './bot-api-retry.js';
import { errorText } from './format/error-text.js';
import type { ParleyContext } from './context.js';
import type { BotDeps } from './deps.js';
import { installConversations } from './conversations/install.js';
import { registerAccountCommands } from './handlers/account-commands.js';
import { registerAdvisorCommands } from './handlers/advisor-commands.js';
import { registerAlertButtons } from './handlers/alert-buttons.js';
import { registerCommands } from './handlers/commands.js';
import { registerHistoryButtons } from './handlers/history-buttons.js';
import { registerOrderPicker } from './handlers/order-picker-buttons.js';
import { registerPerformanceCommand } from './handlers/performance-command.js';
import { registerLabCommands } from './handlers/lab-commands.js';
import { registerVenueCommand } from './handlers/venue-command.js';
import { registerWebCommand } from './handlers/web-command.js';
import { registerReconcileButtons } from './handlers/reconcile-buttons.js';
import { registerRiskCommands, riskMenu } from './handlers/risk-commands.js';
import { registerTextMessages } from './handlers/text-messages.js';
import { registerTradeButtons } from './handlers/trade-buttons.js';
import { dedupeUpdates, RetryUpdateLater } from './middleware/dedupe-updates.js';
import { sequentializePerChat } from './middleware/sequentialize.js';
import { identifyUser } from './middleware/identify-user.js';
import { recordHistory } from './middleware/record-history.js';
import { refuseImpossibleUpdates } from './update-shape.js';

export interface BotOptions {
  token: string;
  client?: ApiClientOptions;
  botInfo?: UserFromGetMe;
}

/** How long to wait before handling an update again after the Bot API gave up on its calls. */
const BOT_API_AWAY_SECONDS = 30;

/** The bot: the same code behind Telegram (webhook or polling), the playground and the tests. */
export function createBot(options: BotOptions, deps: BotDeps): Bot<ParleyContext> {
  const bot = new Bot<ParleyContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { timeoutSeconds: 30, ...options.client },
  });
  // 429: wait retry_after and try again. 5xx/network: a few retries, then give up and say so.
  bot.api.config.use(boundedRetry({ logger: deps.logger }));

  bot.use(refuseImpossibleUpdates(deps.logger));
  bot.use(dedupeUpdates(deps.dedupe, deps.logger));
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (botApiUnavailable(error)) {
        // The retries logged the call that failed. Telegram takes no calls now, so no error reply
        // either: the update is released and sent back, to be handled again when it does.
        throw new RetryUpdateLater(ctx.update.update_id, BOT_API_AWAY_SECONDS, 'the Bot API did not take a call', { cause: error });
      }
      deps.logger.error({ err: error, updateId: ctx.update.update_id }, 'update failed');
      const text = errorText(error);
      // The user always hears back, even when something broke.
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: text.slice(0, 190) }).catch(() => {});
      else if (ctx.chat) await ctx.reply(text).catch(() => {});
    }
  });
  bot.use(sequentializePerChat());
  bot.use(identifyUser(deps.accounts));
  bot.use(recordHistory(deps.history, deps.logger));
  // ✅ / ✖ on a preview stand alone (the confirmation holds everything), so they come before the
  // conversations: a press neither waits for a conversation's state to be read nor disturbs one.
  registerTradeButtons(bot, deps);
  // The /risk menu's presses stand alone too (the menu plugin also renders it into the messages that show it).
  const risk = riskMenu(deps);
  bot.use(risk);
  installConversations(bot, deps);

  registerCommands(bot, deps);
  registerRiskCommands(bot, deps, risk);
  registerPerformanceCommand(bot, deps);
  registerVenueCommand(bot, deps);
  registerWebCommand(bot, deps);
  registerAccountCommands(bot, deps);
  registerOrderPicker(bot, deps);
  registerHistoryButtons(bot, deps);
  registerReconcileButtons(bot, deps);
  registerAlertButtons(bot, deps);
  registerAdvisorCommands(bot, deps);
  // Before free text: lab requests are read ahead of the command parser (the parse contract has no lab intent).
  registerLabCommands(bot, deps);
  registerTextMessages(bot, deps);
  // Anything else (old or forged buttons) still gets an answer, so the spinner stops.
  bot.on('callback_query:data', (ctx) => ctx.answerCallbackQuery({ text: 'This button is no longer valid.' }));

  bot.catch((error) => deps.logger.error({ err: error.error, updateId: error.ctx.update.update_id }, 'unhandled bot error'));
  return bot;
}
