import { Bot } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/logger.js';
import type { ParleyContext } from './context.js';
import { refuseImpossibleUpdates } from './update-shape.js';

const me: UserFromGetMe = {
  id: 7_000_000_001, is_bot: true, first_name: 'Parley', username: 'parley_bot', can_join_groups: true, can_read_all_group_messages: false,
  supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false,
} as UserFromGetMe;
const alice = { id: 101, is_bot: false, first_name: 'Alice' };
const bob = { id: 102, is_bot: false, first_name: 'Bob' };
const dmOf = (user: { id: number; first_name: string }) => ({ id: user.id, type: 'private' as const, first_name: user.first_name });

/** The bot as every delivery path reaches it (long polling and the playground call handleUpdate). */
function botWithCheck() {
  const bot = new Bot<ParleyContext>('7000000001:not_a_real_token_00000000000000000', { botInfo: me });
  const warnings: unknown[] = [];
  bot.use(refuseImpossibleUpdates({ ...silentLogger(), warn: (fields: unknown) => warnings.push(fields) }));
  const handled: number[] = [];
  bot.use((ctx) => void handled.push(ctx.update.update_id));
  return { bot, handled, warnings };
}

const message = (updateId: number, from: typeof alice, chat: ReturnType<typeof dmOf> | { id: number; type: 'group'; title: string }): Update =>
  ({ update_id: updateId, message: { message_id: 1, date: 1_700_000_000, from, chat, text: '/start', entities: [{ type: 'bot_command', offset: 0, length: 6 }] } }) as Update;

describe('refusing updates that cannot be real, whatever delivered them', () => {
  it('refuses a private chat that is not the sender’s (a message, or a button pressed there)', async () => {
    const { bot, handled, warnings } = botWithCheck();
    await bot.handleUpdate(message(1, bob, dmOf(alice)));
    await bot.handleUpdate({ update_id: 2, callback_query: { id: 'q', from: bob, chat_instance: 'i', data: 'x', message: { message_id: 1, date: 1_700_000_000, chat: dmOf(alice) } } } as Update);
    expect(handled).toEqual([]);
    expect(warnings).toEqual([
      { updateId: 1, problems: ['message: a private chat of another user'] },
      { updateId: 2, problems: ['callback_query: a private chat of another user'] },
    ]);
  });

  it('refuses a malformed update that did not come through the webhook (long polling, the playground)', async () => {
    const { bot, handled, warnings } = botWithCheck();
    await bot.handleUpdate({ update_id: 3, callback_query: { id: 'q', chat_instance: 'i', data: 'x' } } as unknown as Update);
    await bot.handleUpdate({ update_id: 4, message: { message_id: 1, date: 1, from: alice, chat: dmOf(alice), text: 42 } } as unknown as Update);
    expect(handled).toEqual([]);
    expect(warnings).toHaveLength(2);
  });

  it('handles real updates: a private chat with its user, a group with anyone, a press with no message', async () => {
    const { bot, handled, warnings } = botWithCheck();
    await bot.handleUpdate(message(5, alice, dmOf(alice)));
    await bot.handleUpdate(message(6, bob, { id: -1001, type: 'group', title: 'traders' }));
    await bot.handleUpdate({ update_id: 7, callback_query: { id: 'q', from: bob, chat_instance: 'i', inline_message_id: 'm', data: 'x' } } as Update);
    expect(handled).toEqual([5, 6, 7]);
    expect(warnings).toEqual([]);
  });
});
