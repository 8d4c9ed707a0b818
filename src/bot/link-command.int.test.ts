import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../test/support/in-process-app.js';

/** /link in the chat gives a code; an email login registered with it sees the chat's own account. */
describe('/link', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  let url = '';
  const lea: User = { id: 7_700_001, is_bot: false, first_name: 'Lea' };

  beforeAll(async () => {
    h = await inProcessApp({ JWT_SECRET: 'link-secret-of-at-least-thirty-two-chars' });
    url = await h.app.server.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => {
    await h?.app.server.close();
    await h?.close();
  });

  const register = (body: unknown) =>
    fetch(`${url}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, string> }));

  it('joins the email login to the Telegram user, once', async () => {
    await h.say(lea, 'buy 0.01 btc');
    const reply = await h.say(lea, '/link');
    const code = /link code: ([A-Z0-9]{8})/.exec(reply?.text ?? '')?.[1];
    expect(code, reply?.text).toBeDefined();
    const joined = await register({ email: 'lea@example.com', password: 'lea password', telegram_id: lea.id, link_code: code });
    expect(joined.status).toBe(201);
    const exchanges = await fetch(`${url}/api/v1/exchanges`, { headers: { authorization: `Bearer ${joined.body.access_token}` } }).then((r) => r.json() as Promise<{ exchanges: Array<{ id: number }> }>);
    const session = await h.app.core.accounts.identify({ provider: 'telegram', subject: String(lea.id) });
    expect(exchanges.exchanges.map((e) => e.id)).toEqual([session.account.id]);
    expect(joined.body.user_id).toBe(session.user.id);
    // The code is spent.
    expect((await register({ email: 'lea2@example.com', password: 'lea password', telegram_id: lea.id, link_code: code })).body).toMatchObject({ error: { code: 'auth.link_code_invalid' } });
  });
});
