import type { Chat, Message, User } from 'grammy/types';
import { createApp, type App, type AppOverrides } from '../../src/compose/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/shared/logger.js';

/** In-process tests send as fast as they like: the sender's own limits are tested apart. */
const NO_LIMITS = { perSecond: 10_000, chatIntervalMs: 0, groupPerMinute: 10_000 };

/**
 * The whole app in this process, in playground mode (no token): in-memory PGlite, the
 * in-process Bot API, updates handed straight to the bot. For bot tests that need no HTTP.
 */
export async function inProcessApp(env: Record<string, string> = {}, overrides: AppOverrides = {}) {
  const app: App = await createApp(loadConfig({ DATA_DIR: ':memory:', MARKET_DATA: 'replay', ...env }), silentLogger(), { senderLimits: NO_LIMITS, ...overrides });
  await app.jobs.start();
  const emulator = app.emulator!;
  const chatOf = (user: User): Chat => ({ id: user.id, type: 'private', first_name: user.first_name });
  const lastFromBot = (chat: Chat): Message | undefined => emulator.history(chat.id).filter((m) => m.from?.is_bot).at(-1);
  return {
    app,
    emulator,
    /** The user writes; resolves once the bot has handled it, with the bot's last message. */
    async say(user: User, text: string, chat: Chat = chatOf(user)) {
      await app.bot.handleUpdate(emulator.userSendsText(user, chat, text));
      return lastFromBot(chat);
    },
    async press(user: User, message: Message, data: string, chat: Chat = chatOf(user)) {
      await app.bot.handleUpdate(emulator.userPressesButton(user, chat, message.message_id, data, { allowUnknownData: true }));
      return emulator.message(chat.id, message.message_id);
    },
    buttons(message: Message | undefined): Array<{ text: string; data: string }> {
      const keyboard = message?.reply_markup?.inline_keyboard ?? [];
      return keyboard.flat().map((b) => ({ text: b.text, data: 'callback_data' in b ? String(b.callback_data) : '' }));
    },
    /** What the outbox holds now, delivered (a sender pass or two, as the worker runs them). */
    async deliverNotifications(): Promise<number> {
      let sent = 0;
      for (let i = 0; i < 20; i++) {
        const pass = await app.sender!.pass();
        sent += pass.sent;
        if (pass.sent === 0) break;
      }
      return sent;
    },
    async close() {
      await app.jobs.close();
      await app.database.close();
    },
  };
}
