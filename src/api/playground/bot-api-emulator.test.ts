import type { Chat, Message, User } from 'grammy/types';
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.js';
import { EmulatorInputError } from './bot-api-errors.js';
import { BotApiEmulator, type EmulatorEvent } from './bot-api-emulator.js';

const alice: User = { id: 1001, is_bot: false, first_name: 'Alice' };
const bob: User = { id: 1002, is_bot: false, first_name: 'Bob' };
const group: Chat = { id: -5001, type: 'group', title: 'Desk' };
const keyboard = (data = 'confirm:1') => ({ inline_keyboard: [[{ text: 'Confirm', callback_data: data }]] });

describe('BotApiEmulator', () => {
  let clock: ManualClock;
  let tg: BotApiEmulator;
  let events: EmulatorEvent[];

  beforeEach(() => {
    clock = new ManualClock(1_700_000_000_000);
    tg = new BotApiEmulator({ clock });
    events = [];
    tg.subscribe((event) => events.push(event));
    tg.userSendsText(alice, group, 'hello');
  });

  const call = (method: string, params: Record<string, unknown> = {}) => tg.handleCall(method, params);
  async function send(params: Record<string, unknown>): Promise<Message> {
    const response = await call('sendMessage', { chat_id: group.id, ...params });
    if (!response.ok) throw new Error(response.description);
    return response.result as Message;
  }

  it('answers getMe with the bot as Telegram describes it', async () => {
    expect(await call('getMe')).toEqual({ ok: true, result: expect.objectContaining({ id: 7000000001, is_bot: true, username: 'parley_playground_bot', can_join_groups: true }) });
  });

  it('sends messages with increasing ids per chat, parsed HTML and the keyboard, and tells observers', async () => {
    const first = await send({ text: '<b>Buy</b> 0.01 BTC?', parse_mode: 'HTML', reply_markup: keyboard() });
    const second = await send({ text: 'plain' });
    expect(first).toEqual({
      message_id: 2, date: 1_700_000_000, text: 'Buy 0.01 BTC?', entities: [{ type: 'bold', offset: 0, length: 3 }],
      from: { id: 7000000001, is_bot: true, first_name: 'Parley', username: 'parley_playground_bot' }, chat: group, reply_markup: keyboard(),
    });
    expect(second.message_id).toBe(3);
    expect(second).not.toHaveProperty('entities');
    expect(events.map((event) => event.type)).toEqual(['message', 'message', 'message']);
    expect(tg.history(group.id).map((message) => message.text)).toEqual(['hello', 'Buy 0.01 BTC?', 'plain']);
  });

  it("refuses a chat it does not know, bad HTML, long text and callback_data over 64 bytes, with Telegram's errors", async () => {
    expect(await call('sendMessage', { chat_id: 42, text: 'x' })).toEqual({ ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    expect(await call('sendMessage', { chat_id: group.id, text: 'BTC < 5', parse_mode: 'HTML' })).toMatchObject({
      ok: false, error_code: 400, description: expect.stringContaining("Bad Request: can't parse entities:"),
    });
    expect(await call('sendMessage', { chat_id: group.id, text: 'x'.repeat(4097) })).toMatchObject({ description: 'Bad Request: message is too long' });
    expect(await call('sendMessage', { chat_id: group.id, text: 'x', reply_markup: keyboard('é'.repeat(33)) })).toMatchObject({
      error_code: 400, description: 'Bad Request: BUTTON_DATA_INVALID',
    });
    expect((await call('sendMessage', { chat_id: group.id, text: 'x', reply_markup: keyboard('é'.repeat(32)) })).ok).toBe(true);
    expect(tg.history(group.id)).toHaveLength(2);
  });

  it('replies to a message, and refuses a reply to a missing one unless told to send anyway', async () => {
    const reply = await send({ text: 'hi', reply_parameters: { message_id: 1 } });
    expect(reply.reply_to_message).toMatchObject({ message_id: 1, text: 'hello', from: alice });
    expect(await call('sendMessage', { chat_id: group.id, text: 'x', reply_to_message_id: 99 })).toMatchObject({
      description: 'Bad Request: message to be replied not found',
    });
    const anyway = await send({ text: 'x', reply_parameters: { message_id: 99, allow_sending_without_reply: true } });
    expect(anyway).not.toHaveProperty('reply_to_message');
  });

  it('edits in place, refuses an edit that changes nothing, and drops the keyboard when an edit omits it', async () => {
    const sent = await send({ text: '<b>Confirm?</b>', parse_mode: 'HTML', reply_markup: keyboard() });
    const same = { chat_id: group.id, message_id: sent.message_id, text: '<b>Confirm?</b>', parse_mode: 'HTML', reply_markup: keyboard() };
    expect(await call('editMessageText', same)).toEqual({
      ok: false, error_code: 400,
      description: 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    });
    clock.advance(5_000);
    const edited = await call('editMessageText', { ...same, reply_markup: undefined, text: 'Done ✅' });
    expect(edited).toMatchObject({ ok: true, result: { message_id: sent.message_id, text: 'Done ✅', edit_date: 1_700_000_005 } });
    expect(tg.message(group.id, sent.message_id)).not.toHaveProperty('reply_markup');
    expect(tg.message(group.id, sent.message_id)).not.toHaveProperty('entities');
    expect(events.at(-1)).toMatchObject({ type: 'edited', message: { message_id: sent.message_id, text: 'Done ✅' } });

    expect(await call('editMessageReplyMarkup', { chat_id: group.id, message_id: sent.message_id })).toMatchObject({ description: expect.stringContaining('message is not modified') });
    expect(await call('editMessageReplyMarkup', { chat_id: group.id, message_id: sent.message_id, reply_markup: keyboard('again') })).toMatchObject({
      ok: true, result: { reply_markup: keyboard('again'), text: 'Done ✅' },
    });
  });

  it("refuses to edit a missing message or a user's message", async () => {
    expect(await call('editMessageText', { chat_id: group.id, message_id: 77, text: 'x' })).toMatchObject({ description: 'Bad Request: message to edit not found' });
    expect(await call('editMessageText', { chat_id: group.id, message_id: 1, text: 'x' })).toMatchObject({ description: "Bad Request: message can't be edited" });
  });

  it('deletes a message once; afterwards it can be neither edited nor deleted', async () => {
    const sent = await send({ text: 'bye' });
    expect(await call('deleteMessage', { chat_id: group.id, message_id: sent.message_id })).toEqual({ ok: true, result: true });
    expect(events.at(-1)).toEqual({ type: 'deleted', chatId: group.id, messageId: sent.message_id });
    expect(await call('deleteMessage', { chat_id: group.id, message_id: sent.message_id })).toMatchObject({ description: 'Bad Request: message to delete not found' });
    expect(await call('editMessageText', { chat_id: group.id, message_id: sent.message_id, text: 'x' })).toMatchObject({ description: 'Bad Request: message to edit not found' });
  });

  it('builds a callback query with the message as it is now, and records the answer once', async () => {
    const sent = await send({ text: 'Confirm?', reply_markup: keyboard() });
    await call('editMessageText', { chat_id: group.id, message_id: sent.message_id, text: 'Confirm now?', reply_markup: keyboard() });
    const update = tg.userPressesButton(bob, group, sent.message_id, 'confirm:1');
    expect(update.update_id).toBeGreaterThan(0);
    expect(update.callback_query).toMatchObject({ from: bob, data: 'confirm:1', message: { message_id: sent.message_id, text: 'Confirm now?' } });
    const id = update.callback_query?.id ?? '';
    expect(await call('answerCallbackQuery', { callback_query_id: id, text: 'Not yours', show_alert: true })).toEqual({ ok: true, result: true });
    expect(tg.callbackAnswer(id)).toEqual({ callbackQueryId: id, fromUserId: bob.id, chatId: group.id, messageId: sent.message_id, data: 'confirm:1', text: 'Not yours', showAlert: true });
    expect(events.at(-1)).toMatchObject({ type: 'callbackAnswered', answer: { text: 'Not yours', showAlert: true } });
    expect(await call('answerCallbackQuery', { callback_query_id: id })).toMatchObject({ error_code: 400 });
  });

  it('only lets users press buttons a message really shows, unless forging is asked for', async () => {
    const sent = await send({ text: 'Confirm?', reply_markup: keyboard() });
    expect(() => tg.userPressesButton(alice, group, sent.message_id, 'other')).toThrow(EmulatorInputError);
    expect(() => tg.userPressesButton(alice, group, 999, 'confirm:1')).toThrow(/not in chat/);
    expect(tg.userPressesButton(alice, group.id, sent.message_id, 'forged', { allowUnknownData: true }).callback_query?.data).toBe('forged');
  });

  it('marks /commands in what users type, and numbers updates upwards', () => {
    const first = tg.userSendsText(alice, group, '/start');
    const second = tg.userSendsText(alice, group, 'then /buy@parley_playground_bot 1');
    expect(first.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect(second.message?.entities).toEqual([{ type: 'bot_command', offset: 5, length: 26 }]);
    expect(second.update_id).toBe(first.update_id + 1);
    expect(() => tg.userSendsText(alice, group, '   ')).toThrow(EmulatorInputError);
  });

  it('keeps command lists per scope and language', async () => {
    const commands = [{ command: 'start', description: 'Start' }];
    expect(await call('setMyCommands', { commands })).toEqual({ ok: true, result: true });
    await call('setMyCommands', { commands: [{ command: 'buy', description: 'Buy' }], scope: { type: 'chat', chat_id: 1 }, language_code: 'de' });
    expect(await call('getMyCommands')).toEqual({ ok: true, result: commands });
    expect(await call('getMyCommands', { language_code: 'de', scope: { chat_id: 1, type: 'chat' } })).toEqual({ ok: true, result: [{ command: 'buy', description: 'Buy' }] });
    expect(tg.commands({ type: 'chat', chat_id: 1 }, 'de')).toEqual([{ command: 'buy', description: 'Buy' }]);
    expect(await call('setMyCommands', { commands: [{ command: 'Bad Command', description: 'x' }] })).toMatchObject({ description: 'Bad Request: BOT_COMMAND_INVALID' });
    await call('deleteMyCommands');
    expect(await call('getMyCommands')).toEqual({ ok: true, result: [] });
  });

  it('records the webhook and its secret, hides the secret in getWebhookInfo, and refuses getUpdates meanwhile', async () => {
    expect(await call('setWebhook', { url: 'http://127.0.0.1:9/hook', secret_token: 's3cr3t', allowed_updates: ['message'] })).toEqual({ ok: true, result: true });
    expect(tg.webhook).toEqual({ url: 'http://127.0.0.1:9/hook', secretToken: 's3cr3t', allowedUpdates: ['message'] });
    expect(await call('getWebhookInfo')).toEqual({ ok: true, result: { url: 'http://127.0.0.1:9/hook', has_custom_certificate: false, pending_update_count: 1, allowed_updates: ['message'] } });
    expect(await call('getUpdates')).toMatchObject({ ok: false, error_code: 409 });
    expect(await call('setWebhook', { url: 'http://x/', secret_token: 'no spaces' })).toMatchObject({ error_code: 400 });
    await call('deleteWebhook', { drop_pending_updates: true });
    expect(await call('getWebhookInfo')).toMatchObject({ result: { url: '', pending_update_count: 0 } });
  });

  it("reports chat actions, refuses unknown ones and unknown methods, and fails like Telegram when the user blocked the bot", async () => {
    expect(await call('sendChatAction', { chat_id: group.id, action: 'typing' })).toEqual({ ok: true, result: true });
    expect(events.at(-1)).toEqual({ type: 'chatAction', chatId: group.id, action: 'typing' });
    expect(await call('sendChatAction', { chat_id: group.id, action: 'dancing' })).toMatchObject({ error_code: 400 });
    expect(await call('sendSticker', { chat_id: group.id })).toEqual({ ok: false, error_code: 404, description: 'Not Found: method not found' });
    const dm: Chat = { id: alice.id, type: 'private', first_name: 'Alice' };
    tg.userSendsText(alice, dm, 'hi');
    tg.userBlocksBot(alice);
    expect(await call('sendMessage', { chat_id: alice.id, text: 'x' })).toEqual({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
  });
});
