import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../../test/support/in-process-app.js';

/** POST /orders with venue "best": the preview carries the route, the confirmation the combined fill. */
describe('routing over the REST API', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  let token: string;
  beforeAll(async () => {
    h = await inProcessApp();
    const registered = await h.app.server.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email: 'route@example.com', password: 'correct horse battery' } });
    expect(registered.statusCode).toBe(201);
    token = registered.json().access_token;
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const post = (url: string, payload: unknown) => h.app.server.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });

  it('previews and confirms a routed order once', async () => {
    const preview = await post('/api/v1/orders', { symbol: 'BTC/USDT', side: 'buy', amount: '0.01', venue: 'best' });
    expect(preview.statusCode).toBe(201);
    const body = preview.json();
    expect(body.route.venues).toHaveLength(4);
    expect(body.route.legs.map((l: { venue: string }) => l.venue)).toEqual(['binance']);
    expect(body.route.legs[0].confirmation_id).toBe(body.confirmation_id);
    const confirmed = await post(`/api/v1/orders/${body.confirmation_id}/confirm`, {});
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().route).toMatchObject({ amount: '0.01', filled: '0.01', complete: true, legs: [{ venue: 'binance', outcome: 'executed' }] });
    const again = await post(`/api/v1/orders/${body.confirmation_id}/confirm`, {});
    expect(again.json()).toMatchObject({ status: 'filled' });
    const orders = await h.app.server.inject({ method: 'GET', url: '/api/v1/orders', headers: { authorization: `Bearer ${token}` } });
    expect(orders.json().total).toBe(1);
  });

  it('refuses an unknown venue and a routed limit order clearly', async () => {
    const unknown = await post('/api/v1/orders', { symbol: 'BTC/USDT', side: 'buy', amount: '0.01', venue: 'nowhere' });
    expect([unknown.statusCode, unknown.json().error?.code ?? unknown.json().code]).toEqual([expect.any(Number), 'route.unknown_venue']);
    expect(unknown.statusCode).toBeLessThan(500);
    const limit = await post('/api/v1/orders', { symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '1000', amount: '0.01', venue: 'best' });
    expect(limit.statusCode).toBeLessThan(500);
    expect(JSON.stringify(limit.json())).toContain('route.market_only');
  });
});
