import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, type ApiClientOptions } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { userMessageOf } from '../shared/errors.js';
import type { ParleyContext } from './context.js';
import type { BotDeps } from './deps.js';
import { installConversations } from './conversations/install.js';
import { registerCommands } from './handlers/commands.js';
import { registerTextMessages } from './handlers/text-messages.js';
import { registerTradeButtons } from './handlers/trade-buttons.js';
import { dedupeUpdates } from './middleware/dedupe-updates.js';
import { identifyUser } from './middleware/identify-user.js';
import { recordHistory } from './middleware/record-history.js';

export interface BotOptions {
  token: string;
  client?: ApiClientOptions;
  botInfo?: UserFromGetMe;
}

/** The bot: the same code behind Telegram (webhook or polling), the playground and the tests. */
export function createBot(options: BotOptions, deps: BotDeps): Bot<ParleyContext> {
  const bot = new Bot<ParleyContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { timeoutSeconds: 30, ...options.client },
  });
  // 429: wait retry_after and try again, never drop. 5xx/network: a few retries.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));

  bot.use(dedupeUpdates(deps.dedupe, deps.logger));
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      deps.logger.error({ err: error, updateId: ctx.update.update_id }, 'update failed');
      const text = userMessageOf(error);
      // The user always hears back, even when something broke.
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: text.slice(0, 190) }).catch(() => {});
      else if (ctx.chat) await ctx.reply(text).catch(() => {});
    }
  });
  bot.use(identifyUser(deps.trading, deps.clock));
  bot.use(recordHistory(deps.history, deps.logger));
  installConversations(bot, deps);

  registerCommands(bot, deps);
  registerTradeButtons(bot, deps);
  registerTextMessages(bot, deps);

  bot.catch((error) => deps.logger.error({ err: error.error, updateId: error.ctx.update.update_id }, 'unhandled bot error'));
  return bot;
}
