import { Script } from 'node:vm';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Update } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../shared/logger.js';
import { BotApiEmulator } from './bot-api-emulator.js';
import { PLAYGROUND_SCRIPT } from './playground-page-script.js';
import { DEFAULT_PLAYGROUND_CHAT, registerPlayground } from './playground-routes.js';

describe('playground routes', () => {
  let app: FastifyInstance;
  let emulator: BotApiEmulator;
  let delivered: Update[];
  let deliverUpdate: (update: Update) => Promise<void>;

  beforeEach(async () => {
    emulator = new BotApiEmulator({ queueForPolling: false });
    delivered = [];
    deliverUpdate = async (update) => {
      delivered.push(update);
    };
    app = Fastify();
    await registerPlayground(app, { emulator, deliverUpdate: (update) => deliverUpdate(update), logger: silentLogger() });
  });

  afterEach(async () => {
    await app.close();
  });

  const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });

  it('serves a self-contained page with a strict content security policy', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'sha256-[^']+'/);
    expect(response.body).toContain('<ol id="log"');
    expect(response.body).not.toMatch(/<script[^>]+src=|https?:\/\//);
    // The browser test is skipped where Chromium is missing; a syntax error in the page script must still fail here.
    expect(() => new Script(PLAYGROUND_SCRIPT)).not.toThrow();
  });

  it('turns a typed message into an update from the chosen user and delivers it (202)', async () => {
    const response = await post('/playground/api/messages', { text: '/start', user: 'bob' });
    expect(response.statusCode).toBe(202);
    await vi.waitFor(() => expect(delivered).toHaveLength(1));
    expect(delivered[0]).toMatchObject({
      update_id: response.json<{ update_id: number }>().update_id,
      message: { text: '/start', from: { first_name: 'Bob' }, chat: DEFAULT_PLAYGROUND_CHAT, entities: [{ type: 'bot_command', offset: 0, length: 6 }] },
    });
    expect((await post('/playground/api/messages', { text: 'hi' })).statusCode).toBe(202);
    await vi.waitFor(() => expect(delivered[1]?.message?.from?.first_name).toBe('Alice'));
  });

  it.each([
    ['no body', undefined, /body/],
    ['empty text', { text: '   ' }, /text must not be empty/],
    ['text too long', { text: 'x'.repeat(4097) }, /at most 4096/],
    ['text not a string', { text: 42 }, /text/],
  ])('answers 400 with a clear JSON error for %s', async (_case, payload, message) => {
    const response = await app.inject({ method: 'POST', url: '/playground/api/messages', ...(payload === undefined ? {} : { payload }) });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_body', message: expect.stringMatching(message) });
    expect(delivered).toHaveLength(0);
  });

  it('refuses a user who is not in the playground', async () => {
    const response = await post('/playground/api/messages', { text: 'hi', user: 'mallory' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'unknown_user', message: expect.stringContaining('alice, bob') });
  });

  it('turns a press into a callback query, and refuses presses on missing messages or buttons', async () => {
    await post('/playground/api/messages', { text: 'hi' });
    const sent = await emulator.handleCall('sendMessage', {
      chat_id: DEFAULT_PLAYGROUND_CHAT.id, text: 'Confirm?', reply_markup: { inline_keyboard: [[{ text: 'Yes', callback_data: 'yes' }]] },
    });
    const messageId = sent.ok ? (sent.result as { message_id: number }).message_id : 0;

    const pressed = await post('/playground/api/press', { messageId, data: 'yes', user: 'bob' });
    expect(pressed.statusCode).toBe(202);
    await vi.waitFor(() => expect(delivered.at(-1)?.callback_query).toMatchObject({ data: 'yes', from: { first_name: 'Bob' }, message: { message_id: messageId } }));

    expect((await post('/playground/api/press', { messageId: 999, data: 'yes' })).json()).toMatchObject({ error: 'unknown_message' });
    const wrongButton = await post('/playground/api/press', { messageId, data: 'no' });
    expect(wrongButton.statusCode).toBe(400);
    expect(wrongButton.json()).toMatchObject({ error: 'unknown_button' });
    const tooLong = await post('/playground/api/press', { messageId, data: 'x'.repeat(65) });
    expect(tooLong.json()).toEqual({ error: 'invalid_body', message: 'data: data holds at most 64 bytes' });
    expect((await post('/playground/api/press', { messageId: 'one', data: 'yes' })).statusCode).toBe(400);
  });

  it('delivers updates one at a time, in order, and keeps going after a failure', async () => {
    const order: string[] = [];
    deliverUpdate = async (update) => {
      const text = update.message?.text ?? '';
      order.push(`start ${text}`);
      await new Promise((resolve) => setTimeout(resolve, text === 'first' ? 30 : 0));
      order.push(`end ${text}`);
      if (text === 'first') throw new Error('bot crashed');
    };
    await post('/playground/api/messages', { text: 'first' });
    await post('/playground/api/messages', { text: 'second' });
    await vi.waitFor(() => expect(order).toEqual(['start first', 'end first', 'start second', 'end second']));
  });

  it('returns the history with the bot, the chat and who can type', async () => {
    await post('/playground/api/messages', { text: 'hello' });
    const history = (await app.inject({ method: 'GET', url: '/playground/api/history' })).json();
    expect(history).toMatchObject({
      bot: { first_name: 'Parley', username: 'parley_playground_bot' },
      chat: DEFAULT_PLAYGROUND_CHAT,
      participants: [{ key: 'alice', first_name: 'Alice' }, { key: 'bob', first_name: 'Bob' }],
      messages: [{ message_id: 1, text: 'hello' }],
    });
  });

  it("streams the chat's events to the page and lets app.close() end the stream", async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${address}/playground/api/events`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await post('/playground/api/messages', { text: 'streamed' });
    let received = '';
    while (!received.includes('streamed')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += new TextDecoder().decode(chunk.value);
    }
    expect(received).toMatch(/^retry: \d+/);
    expect(received).toContain('data: {"type":"message","message":{"message_id":1');
    await app.close();
    expect((await reader.read()).done).toBe(true);
  });
});
