import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../../test/support/in-process-app.js';

/** Every 429 the API gives says when to come back, whichever limit refused. */
describe('REST API v1: rate limits', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  let base = '';

  beforeAll(async () => {
    // 50 a minute per address and per user; sign-in gets a tenth of it, at least 5.
    h = await inProcessApp({ API_RATE_LIMIT_PER_MINUTE: '50', JWT_SECRET: 'rate-limit-secret-of-at-least-32-chars' });
    base = `${await h.app.server.listen({ port: 0, host: '127.0.0.1' })}/api/v1`;
  }, 60_000);
  afterAll(async () => {
    await h?.app.server.close();
    await h?.close();
  });

  const login = () => fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'nobody@example.com', password: 'not the password' }) });

  it('the strict sign-in limit answers 429 with Retry-After after 5 tries', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login()).status);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    const refused = await login();
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining('Too many requests') } });
  });

  it('the per-address limit answers 429 with Retry-After', async () => {
    let refused: Response | undefined;
    for (let i = 0; i < 60 && !refused; i++) {
      const response = await fetch(`${base}/market/prices?symbols=BTC/USDT`);
      if (response.status === 429) refused = response;
      else await response.arrayBuffer();
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
