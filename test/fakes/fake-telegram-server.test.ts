import Fastify, { type FastifyInstance } from 'fastify';
import { GrammyError, webhookCallback, type Bot } from 'grammy';
import type { Chat, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEchoBot } from './echo-bot.js';
import { startFakeTelegram, type FakeTelegram } from './fake-telegram-server.js';

const alice: User = { id: 1001, is_bot: false, first_name: 'Alice' };
const dm: Chat = { id: 1001, type: 'private', first_name: 'Alice' };

describe('the fake Telegram Bot API server', () => {
  let telegram: FakeTelegram;
  let bot: Bot;
  let app: FastifyInstance | undefined;

  beforeEach(async () => {
    telegram = await startFakeTelegram();
    bot = createEchoBot({ token: telegram.token, botInfo: telegram.emulator.botInfo, client: { apiRoot: telegram.apiRoot } });
  });

  afterEach(async () => {
    if (bot.isRunning()) await bot.stop();
    await app?.close();
    app = undefined;
    await telegram.close();
  });

  /** The app side of webhook mode: grammY behind Fastify, checking the secret header. */
  async function startWebhookApp(secretToken: string): Promise<string> {
    app = Fastify();
    app.post('/telegram/webhook', webhookCallback(bot, 'fastify', { secretToken }));
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return `${address}/telegram/webhook`;
  }

  it('serves a grammY bot in webhook mode, sending the secret header Telegram sends', async () => {
    const url = await startWebhookApp('hook-secret_1');
    await bot.api.setWebhook(url, { secret_token: 'hook-secret_1' });
    expect(telegram.callsOf('setWebhook')[0]?.params).toMatchObject({ url, secret_token: 'hook-secret_1' });

    const status = await telegram.sendUpdateToWebhook(telegram.emulator.userSendsText(alice, dm, 'via webhook'));
    expect(status).toBe(200);
    const sent = await telegram.waitFor((call) => call.method === 'sendMessage');
    expect(sent.response).toMatchObject({ ok: true, result: { text: 'You said: via webhook', chat: { id: dm.id } } });
    expect(telegram.callsOf('sendChatAction')).toHaveLength(1);
  });

  it('runs a method call the app returns as its webhook response, as Telegram does', async () => {
    bot = createEchoBot({ token: telegram.token, botInfo: telegram.emulator.botInfo, client: { apiRoot: telegram.apiRoot, canUseWebhookReply: (method) => method === 'sendChatAction' } });
    const url = await startWebhookApp('s');
    await bot.api.setWebhook(url, { secret_token: 's' });
    await telegram.sendUpdateToWebhook(telegram.emulator.userSendsText(alice, dm, 'hi'));
    expect(telegram.callsOf('sendChatAction')).toEqual([{ method: 'sendChatAction', params: { chat_id: dm.id, action: 'typing' }, response: { ok: true, result: true }, injected: false }]);
  });

  it('is refused by an app expecting another secret, so the header really is checked', async () => {
    const url = await startWebhookApp('the-app-secret');
    await bot.api.setWebhook(url, { secret_token: 'another-secret' });
    expect(await telegram.sendUpdateToWebhook(telegram.emulator.userSendsText(alice, dm, 'x'))).toBe(401);
    expect(telegram.callsOf('sendMessage')).toHaveLength(0);
  });

  it('serves a grammY bot in long-polling mode, button presses included', async () => {
    void bot.start({ timeout: 30 });
    telegram.emulator.userSendsText(alice, dm, 'via polling');
    const sent = await telegram.waitFor((call) => call.method === 'sendMessage' && call.response?.ok === true);
    const messageId = (sent.response as { result: { message_id: number } }).result.message_id;

    telegram.emulator.userPressesButton(alice, dm, messageId, 'shout:1001');
    await telegram.waitFor((call) => call.method === 'editMessageText');
    expect(telegram.emulator.message(dm.id, messageId)?.text).toBe('YOU SAID: VIA POLLING');
    expect(telegram.callsOf('answerCallbackQuery')[0]?.params).toMatchObject({ text: 'Shouted!' });
    await bot.stop();
    expect(telegram.callsOf('getUpdates').length).toBeGreaterThanOrEqual(2);
  });

  it('injects 429 with retry_after, and 500, once each', async () => {
    telegram.emulator.userSendsText(alice, dm, 'hi');
    telegram.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 7', retry_after: 7 });
    telegram.failNext('sendmessage', { error_code: 500, description: 'Internal Server Error' });

    const limited = await bot.api.sendMessage(dm.id, 'one').catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(GrammyError);
    expect(limited).toMatchObject({ error_code: 429, parameters: { retry_after: 7 } });
    await expect(bot.api.sendMessage(dm.id, 'two')).rejects.toMatchObject({ error_code: 500 });
    await expect(bot.api.sendMessage(dm.id, 'three')).resolves.toMatchObject({ text: 'three' });

    expect(telegram.callsOf('sendMessage').map((call) => [call.injected, call.response?.ok])).toEqual([[true, false], [true, false], [false, true]]);
    expect(telegram.emulator.history(dm.id).map((message) => message.text)).toEqual(['hi', 'three']);
  });

  it('answers 401 for another token and says when no webhook is set', async () => {
    const response = await fetch(`${telegram.apiRoot}/bot1:wrong/getMe`);
    expect(response.status).toBe(401);
    await expect(telegram.sendUpdateToWebhook(telegram.emulator.userSendsText(alice, dm, 'x'))).rejects.toThrow(/No webhook is set/);
    await expect(telegram.waitFor((call) => call.method === 'never', 50)).rejects.toThrow(/No matching Bot API call within 50 ms/);
  });
});
