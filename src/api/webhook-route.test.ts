import Fastify from 'fastify';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { retryLaterOf, RetryUpdateLater } from '../bot/middleware/dedupe-updates.js';
import { silentLogger } from '../shared/logger.js';
import { registerWebhookRoute } from './webhook-route.js';

const SECRET = 'route_test_secret_0123456789';

const alice = { id: 101, is_bot: false, first_name: 'Alice' };
const group = { id: -1001, type: 'group', title: 'traders' };
/** A text message as Telegram sends it. */
const textUpdate = (updateId: number, text = 'price of btc') => ({ update_id: updateId, message: { message_id: 1, date: 1_700_000_000, chat: group, from: alice, text } });

async function routeWith(handle: (update: Update) => Promise<void>, logger = silentLogger(), answerWithinMs?: number) {
  const app = Fastify();
  registerWebhookRoute(app, { path: '/hook', secret: SECRET, handle, ready: () => true, retryLater: (error) => retryLaterOf(error)?.retryAfterSeconds, logger, ...(answerWithinMs ? { answerWithinMs } : {}) });
  await app.ready();
  const post = (body: unknown, secret = SECRET) =>
    app.inject({ method: 'POST', url: '/hook', headers: { 'x-telegram-bot-api-secret-token': secret, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  return { app, post };
}

describe('the webhook route', () => {
  it('asks Telegram to send an update again later while another process holds it', async () => {
    // grammY wraps middleware errors in a BotError that keeps the original as `error`.
    const { app, post } = await routeWith(() => Promise.reject(Object.assign(new Error('wrapped'), { error: new RetryUpdateLater(5, 15, 'another process is handling it') })));
    const response = await post(textUpdate(5));
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('15');
    await app.close();
  });

  it('answers 200 to a handled update and to one whose handling failed (a retry would fail the same way)', async () => {
    for (const handle of [() => Promise.resolve(), () => Promise.reject(new Error('boom'))]) {
      const { app, post } = await routeWith(handle);
      expect((await post(textUpdate(6))).statusCode).toBe(200);
      await app.close();
    }
  });

  it('says so when an update already answered (it ran late) is given up after all: Telegram will not send it again', async () => {
    const errors: unknown[] = [];
    const logger = { ...silentLogger(), error: (fields: unknown) => void errors.push(fields) };
    let giveUp!: () => void;
    const { app, post } = await routeWith(() => new Promise((_resolve, reject) => (giveUp = () => reject(new RetryUpdateLater(8, 30, 'the Bot API did not take a call')))), logger, 20);
    expect((await post(textUpdate(8))).statusCode).toBe(200);
    giveUp();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors).toEqual([{ updateId: 8 }]);
    await app.close();
  });

  it('refuses a wrong secret (401) and a body that is not an update (400)', async () => {
    const { app, post } = await routeWith(() => Promise.resolve());
    expect((await post({ update_id: 7 }, 'wrong')).statusCode).toBe(401);
    expect((await post({ message: 'hi' })).statusCode).toBe(400);
    await app.close();
  });

  it('answers 200 to what cannot be a Telegram update and hands it to nobody, logging what is wrong but not the content', async () => {
    const handled: Update[] = [];
    const warnings: unknown[] = [];
    const logger = { ...silentLogger(), warn: (fields: unknown) => warnings.push(fields) };
    const { app, post } = await routeWith(async (update) => void handled.push(update), logger);
    const press = { id: '77', from: alice, chat_instance: '1', data: 'c:abc', message: { message_id: 3, date: 1_700_000_000, chat: group } };
    const { from: _from, ...pressWithoutFrom } = press;
    const { chat: _chat, ...messageWithoutChat } = textUpdate(0).message;
    const malformed: Record<string, unknown> = {
      'a callback query without from': { update_id: 10, callback_query: pressWithoutFrom },
      'a text that is a number': { update_id: 11, message: { ...textUpdate(0).message, text: 31337 } },
      'a message without a chat': { update_id: 12, message: messageWithoutChat },
      'a user id that is a string': { update_id: 13, message: { ...textUpdate(0).message, from: { ...alice, id: '101' } } },
      'a chat of no known type': { update_id: 14, message: { ...textUpdate(0).message, chat: { id: 5, type: 'secret-vault' } } },
      'a message and a callback query at once': { update_id: 15, message: textUpdate(0).message, callback_query: press },
      'nothing but an update id': { update_id: 16 },
      'another kind of update whose from is not a user': { update_id: 17, my_chat_member: { chat: group, from: 'alice', date: 1 } },
    };
    for (const [name, body] of Object.entries(malformed)) {
      const response = await post(body);
      expect(response.statusCode, name).toBe(200);
    }
    expect(handled).toEqual([]);
    expect(warnings).toHaveLength(Object.keys(malformed).length);
    expect(warnings[0]).toMatchObject({ updateId: 10, problems: ['callback_query.from: expected object'] });
    expect(warnings[1]).toMatchObject({ updateId: 11, problems: ['message.text: expected string'] });
    expect(warnings[2]).toMatchObject({ updateId: 12, problems: ['message.chat: expected object'] });
    expect(JSON.stringify(warnings)).not.toContain('31337');

    // What Telegram really sends still goes through, fields Parley does not read included.
    expect((await post({ ...textUpdate(20), message: { ...textUpdate(0).message, via_bot: { id: 1, is_bot: true, first_name: 'b' } } })).statusCode).toBe(200);
    expect((await post({ update_id: 21, callback_query: press })).statusCode).toBe(200);
    expect((await post({ update_id: 22, my_chat_member: { chat: group, from: alice, date: 1 } })).statusCode).toBe(200);
    expect(handled.map((u) => u.update_id)).toEqual([20, 21, 22]);
    await app.close();
  });
});
