import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../../test/support/in-process-app.js';

/** Prometheus text: # HELP / # TYPE lines and samples `name{label="value",…} number`. Throws on anything else. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line)) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})?) (-?[0-9.eE+-]+|NaN|[+-]Inf)$/.exec(line);
    if (!match) throw new Error(`not Prometheus text: ${line}`);
    samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

describe('GET /metrics', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  let url = '';
  const TOKEN = 'metrics-token-for-the-test';

  beforeAll(async () => {
    h = await inProcessApp({ METRICS_TOKEN: TOKEN, JWT_SECRET: 'metrics-secret-of-at-least-thirty-two' });
    url = await h.app.server.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => {
    await h?.app.server.close();
    await h?.close();
  });

  const scrape = async () => {
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    return parsePrometheus(await response.text());
  };

  it('needs the token when one is set', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('parses as Prometheus text, and the order counters move when an order is placed', async () => {
    const before = await scrape();
    expect(before.get('parley_websocket_clients')).toBe(0);
    expect([...before.keys()].some((k) => k.startsWith('parley_process_cpu_seconds_total'))).toBe(true);
    for (const name of before.keys()) expect(name).toMatch(/^parley_/);

    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, string>>);
    const { access_token: token } = await post('/auth/register', { email: 'metrics@example.com', password: 'metrics password' });
    const preview = await post('/orders', { symbol: 'BTC/USDT', side: 'buy', amount: '0.001' }, token);
    await post(`/orders/${preview.confirmation_id}/confirm`, {}, token);

    const after = await scrape();
    const filled = 'parley_orders_total{status="filled",exchange="paper"}';
    expect((after.get(filled) ?? 0) - (before.get(filled) ?? 0)).toBe(1);
    expect(after.get('parley_previews_total{kind="order",outcome="ready"}')).toBe((before.get('parley_previews_total{kind="order",outcome="ready"}') ?? 0) + 1);
    expect(after.get('parley_confirm_to_exchange_seconds_count{exchange="paper"}')).toBe((before.get('parley_confirm_to_exchange_seconds_count{exchange="paper"}') ?? 0) + 1);
    // No label carries a user: no user id, email or token anywhere in the text.
    const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(text).not.toContain('metrics@example.com');
    expect(text).not.toMatch(/user(_id)?="/);
  });
});
