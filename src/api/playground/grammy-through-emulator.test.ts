import type { Bot } from 'grammy';
import type { Chat, Message, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEchoBot } from '../../../test/fakes/echo-bot.js';
import { BotApiEmulator, type EmulatorEvent } from './bot-api-emulator.js';
import { asGrammyFetch } from './bot-api-fetch.js';

const alice: User = { id: 1001, is_bot: false, first_name: 'Alice' };
const bob: User = { id: 1002, is_bot: false, first_name: 'Bob' };
const group: Chat = { id: -5001, type: 'group', title: 'Desk' };
const isBotMessage = (event: EmulatorEvent): event is { type: 'message'; message: Message } =>
  event.type === 'message' && event.message.from?.is_bot === true;

describe('a real grammY bot through emulator.fetch', () => {
  let tg: BotApiEmulator;
  let bot: Bot;

  beforeEach(() => {
    tg = new BotApiEmulator();
    bot = createEchoBot({ token: tg.token, botInfo: tg.botInfo, client: { fetch: asGrammyFetch(tg.fetch), apiRoot: 'http://playground.local' } });
  });

  afterEach(async () => {
    if (bot.isRunning()) await bot.stop();
  });

  it('replies in HTML with a button, edits in place when the author presses it, and answers others with a toast', async () => {
    await bot.handleUpdate(tg.userSendsText(alice, group, 'buy <0.01> btc'));
    const reply = tg.history(group.id).at(-1);
    expect(reply).toMatchObject({
      text: 'You said: buy <0.01> btc',
      entities: [{ type: 'bold', offset: 10, length: 14 }],
      reply_to_message: { message_id: 1, from: alice },
      reply_markup: { inline_keyboard: [[{ text: '📣 Shout it', callback_data: 'shout:1001' }]] },
    });
    const replyId = reply?.message_id ?? 0;

    const byBob = tg.userPressesButton(bob, group, replyId, 'shout:1001');
    await bot.handleUpdate(byBob);
    expect(tg.callbackAnswer(byBob.callback_query?.id ?? '')).toMatchObject({ fromUserId: bob.id, text: 'Only the author can shout this.', showAlert: false });
    expect(tg.message(group.id, replyId)?.text).toBe('You said: buy <0.01> btc');

    const byAlice = tg.userPressesButton(alice, group, replyId, 'shout:1001');
    await bot.handleUpdate(byAlice);
    expect(tg.callbackAnswer(byAlice.callback_query?.id ?? '')).toMatchObject({ text: 'Shouted!' });
    expect(tg.message(group.id, replyId)).toMatchObject({ message_id: replyId, text: 'YOU SAID: BUY <0.01> BTC', edit_date: expect.any(Number) });
    expect(tg.message(group.id, replyId)).not.toHaveProperty('reply_markup');
    expect(tg.history(group.id)).toHaveLength(2);
  });

  it("surfaces Telegram's errors to grammY as GrammyError", async () => {
    await expect(bot.api.sendMessage(group.id, 'x')).rejects.toMatchObject({ name: 'GrammyError', error_code: 400, description: 'Bad Request: chat not found' });
  });

  it('long-polls with bot.start() and stops cleanly', async () => {
    void bot.start({ timeout: 30 });
    tg.userSendsText(alice, group, 'polled');
    const event = await tg.waitForEvent(isBotMessage);
    expect(event.message.text).toBe('You said: polled');
    await bot.stop();
    expect(bot.isRunning()).toBe(false);
    expect(tg.pendingUpdateCount).toBe(0);
  });
});
