import { conversations, createConversation, type VersionedState } from '@grammyjs/conversations';
import type { Bot, Context } from 'grammy';
import { boundedRetry } from '../bot-api-retry.js';
import type { BaseContext, ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { ALERT_PRICE, alertPriceConversation } from './ask-alert-price.js';
import { ASK_PREFIX, COMPLETE_TRADE, completeTradeConversation } from './complete-trade.js';
import { CONNECT_EXCHANGE, connectExchangeConversation } from './connect-exchange.js';
import { scrubSecrets } from '../middleware/scrub-secrets.js';
import { openQuestionKey } from './question-kit.js';

/**
 * Conversations: state in the database keyed by chat and user (two people in a group each
 * have their own), /cancel leaves any of them, and questions whose conversation is gone
 * answer that they are stale instead of spinning.
 */
export function installConversations(bot: Bot<ParleyContext>, deps: BotDeps): void {
  const store = deps.conversationStore;
  const retry = boundedRetry({ logger: deps.logger });
  bot.use(
    conversations<BaseContext, Context>({
      storage: {
        type: 'key',
        version: 1,
        getStorageKey: (ctx) => (ctx.chatId !== undefined && ctx.from ? `${ctx.chatId}:${ctx.from.id}` : undefined),
        adapter: {
          read: async (key) => (await store.read(key)) as VersionedState<never> | undefined,
          write: (key, state) => store.write(key, state),
          delete: (key) => store.delete(key),
        },
      },
      // Conversations build their own Api objects: the outside retry handling does not reach them.
      plugins: [
        async (ctx, next) => {
          ctx.api.config.use(retry);
          await next();
        },
      ],
    }),
  );

  bot.use(scrubSecrets());

  bot.command('cancel', async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length;
    await ctx.conversation.exitAll();
    // The question's buttons go with it: pressed later they would only say "closed".
    if (ctx.from) {
      const key = openQuestionKey(ctx.chat.id, ctx.from.id);
      const open = (await store.read(key)) as { messageId?: number } | undefined;
      if (active > 0 && open?.messageId) await ctx.api.editMessageReplyMarkup(ctx.chat.id, open.messageId).catch(() => {});
      if (open) await store.delete(key);
    }
    await ctx.reply(active > 0 ? 'Cancelled. Nothing was executed.' : 'Nothing to cancel.');
  });

  bot.use(createConversation<BaseContext, Context>(completeTradeConversation(deps), COMPLETE_TRADE));
  bot.use(createConversation<BaseContext, Context>(connectExchangeConversation(deps), CONNECT_EXCHANGE));
  bot.use(createConversation<BaseContext, Context>(alertPriceConversation(deps), ALERT_PRICE));

  bot.callbackQuery(new RegExp(`^${ASK_PREFIX}`), (ctx) =>
    ctx.answerCallbackQuery({ text: 'This question is closed (answered, cancelled or not yours). Send your order again.' }),
  );
}
