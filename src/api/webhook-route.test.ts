import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { retryLaterOf, RetryUpdateLater } from '../bot/middleware/dedupe-updates.js';
import { silentLogger } from '../shared/logger.js';
import { registerWebhookRoute } from './webhook-route.js';

const SECRET = 'route_test_secret_0123456789';

async function routeWith(handle: () => Promise<void>) {
  const app = Fastify();
  registerWebhookRoute(app, { path: '/hook', secret: SECRET, handle, ready: () => true, retryLater: (error) => retryLaterOf(error)?.retryAfterSeconds, logger: silentLogger() });
  await app.ready();
  const post = (body: unknown, secret = SECRET) =>
    app.inject({ method: 'POST', url: '/hook', headers: { 'x-telegram-bot-api-secret-token': secret, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  return { app, post };
}

describe('the webhook route', () => {
  it('asks Telegram to send an update again later while another process holds it', async () => {
    // grammY wraps middleware errors in a BotError that keeps the original as `error`.
    const { app, post } = await routeWith(() => Promise.reject(Object.assign(new Error('wrapped'), { error: new RetryUpdateLater(5, 15, 'another process is handling it') })));
    const response = await post({ update_id: 5 });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('15');
    await app.close();
  });

  it('answers 200 to a handled update and to one whose handling failed (a retry would fail the same way)', async () => {
    for (const handle of [() => Promise.resolve(), () => Promise.reject(new Error('boom'))]) {
      const { app, post } = await routeWith(handle);
      expect((await post({ update_id: 6 })).statusCode).toBe(200);
      await app.close();
    }
  });

  it('refuses a wrong secret (401) and a body that is not an update (400)', async () => {
    const { app, post } = await routeWith(() => Promise.resolve());
    expect((await post({ update_id: 7 }, 'wrong')).statusCode).toBe(401);
    expect((await post({ message: 'hi' })).statusCode).toBe(400);
    await app.close();
  });
});
