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
});
