import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startAppProcess, type AppProcess } from '../support/app-process.js';

/**
 * The REST API's flow over real HTTP against the app as its own process (npm start's entry, the
 * embedded database, replayed prices): register, login, refresh, accounts, preview and confirm
 * (twice: one order) with the portfolio websocket receiving the order's update, orders, cancel,
 * portfolio, performance, ai/process, prices, signals.
 */
describe('REST API v1, end to end', () => {
  let app: AppProcess;
  let base: string;

  beforeAll(async () => {
    app = await startAppProcess({ DATA_DIR: ':memory:', MARKET_DATA: 'replay', JWT_SECRET: 'e2e-secret-of-at-least-thirty-two-characters' }, { readyTimeoutMs: 60_000 });
    base = `${app.url}/api/v1`;
  }, 90_000);
  afterAll(async () => {
    await app?.stop();
  });

  async function call(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads JSON answers loosely
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as Record<string, any> };
  }

  const ana = { email: 'ana@example.com', password: 'a long enough password' };
  let token = '';
  let otherToken = '';

  it('registers, refuses the same address twice, logs in, and refreshes with rotation', async () => {
    const registered = await call('POST', '/auth/register', { body: ana });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, user_id: expect.any(Number) });
    expect((await call('POST', '/auth/register', { body: { ...ana, email: 'ANA@example.com' } })).body.error.code).toBe('auth.email_taken');
    expect((await call('POST', '/auth/login', { body: { ...ana, password: 'not the password' } })).status).toBe(401);

    const login = await call('POST', '/auth/login', { body: ana });
    expect(login.status).toBe(200);
    expect(login.body.user_id).toBe(registered.body.user_id);
    const refreshed = await call('POST', '/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(login.body.refresh_token);
    // The rotated token again: refused, and the whole login with it.
    const reused = await call('POST', '/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('auth.refresh_reused');
    expect((await call('GET', '/exchanges', { token: refreshed.body.access_token })).status).toBe(401);

    token = (await call('POST', '/auth/login', { body: ana })).body.access_token;
    otherToken = (await call('POST', '/auth/register', { body: { email: 'bo@example.com', password: 'another long password' } })).body.access_token;
    expect((await call('GET', '/exchanges')).body.error.code).toBe('auth.missing_token');
  });

  it('lists the paper account with its id, never a key', async () => {
    const { status, body } = await call('GET', '/exchanges', { token });
    expect(status).toBe(200);
    expect(body.exchanges).toEqual([expect.objectContaining({ id: expect.any(Number), exchange: 'paper', mode: 'paper', is_default: true })]);
    expect(JSON.stringify(body)).not.toMatch(/key|secret/i);
  });

  let orderId = 0;
  /** The portfolio websocket, signed in with an access token as its first message; collects what arrives. */
  async function portfolioSocket(accessToken: string) {
    const socket = new WebSocket(`${base.replace('http', 'ws')}/ws/portfolio`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads JSON messages loosely
    const messages: Array<Record<string, any>> = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'auth', token: accessToken }));
    return { socket, messages };
  }

  it('previews an order and executes it once, however many times it is confirmed', async () => {
    const live = await portfolioSocket(token);
    await expect.poll(() => live.messages.filter((m) => m.type === 'portfolio').length, { timeout: 15_000 }).toBe(1);
    expect(live.messages[0]!.data.positions).toEqual([]);
    const preview = await call('POST', '/orders', { token, body: { symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' } });
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01', paper: true, confirmation_id: expect.any(String), expires_at: expect.any(String) });
    expect(Number(preview.body.est_total)).toBeGreaterThan(0);
    const id = preview.body.confirmation_id as string;

    // Someone else cannot confirm it.
    expect((await call('POST', `/orders/${id}/confirm`, { token: otherToken })).status).toBe(404);
    // Two confirms at once: one executes; the other answers with that order, or — while it is still
    // being placed — 202 "submitting" with no second order.
    const both = await Promise.all([call('POST', `/orders/${id}/confirm`, { token }), call('POST', `/orders/${id}/confirm`, { token })]);
    const first = both.find((r) => r.status === 200)!;
    const second = both.find((r) => r !== first)!;
    expect(first.body.order_id).toEqual(expect.any(Number));
    expect(first.body.status).toBe('filled');
    if (second.status === 202) expect(second.body).toMatchObject({ order_id: null, status: 'submitting' });
    else {
      expect(second.status).toBe(200);
      expect(second.body.order_id).toBe(first.body.order_id);
    }
    orderId = first.body.order_id;
    // The websocket hears of it, then shows the new position.
    await expect.poll(() => live.messages.some((m) => m.type === 'event'), { timeout: 15_000 }).toBe(true);
    await expect
      .poll(() => live.messages.filter((m) => m.type === 'portfolio').at(-1)?.data.positions.map((p: { asset: string }) => p.asset), { timeout: 15_000 })
      .toEqual(['BTC']);
    live.socket.close();
    const again = await call('POST', `/orders/${id}/confirm`, { token });
    expect(again.body.order_id).toBe(orderId);

    const list = await call('GET', '/orders', { token });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.orders).toEqual([expect.objectContaining({ id: orderId, symbol: 'BTC/USDT', status: 'filled', filled: '0.01' })]);
    expect((await call('GET', '/orders', { token: otherToken })).body).toEqual({ orders: [], total: 0 });
  });

  it('honours an Idempotency-Key: the same preview again, not a second one', async () => {
    const body = { symbol: 'ETH', side: 'buy', type: 'market', amount: 0.1 };
    const headers = { 'idempotency-key': 'preview-eth-1' };
    const a = await call('POST', '/orders', { token, body, headers });
    const b = await call('POST', '/orders', { token, body, headers });
    expect(a.status).toBe(201);
    expect(b.body.confirmation_id).toBe(a.body.confirmation_id);
    expect((await call('POST', '/orders', { token, body: { ...body, amount: 0.2 }, headers })).body.error.code).toBe('idempotency.key_reused');
  });

  it('cancels an open limit order through the cancel preview; someone else’s order is not found', async () => {
    const last = (await call('GET', '/market/prices?symbols=BTC/USDT', { token })).body.prices[0].last as number;
    const preview = await call('POST', '/orders', { token, body: { symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '0.001', price: String(Math.round(last * 0.9)) } });
    expect(preview.body.error).toBeUndefined();
    expect(preview.status).toBe(201);
    const placed = await call('POST', `/orders/${preview.body.confirmation_id}/confirm`, { token });
    expect(placed.body.status).toBe('open');
    expect((await call('DELETE', `/orders/${placed.body.order_id}`, { token: otherToken })).status).toBe(404);
    const cancelled = await call('DELETE', `/orders/${placed.body.order_id}`, { token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await call('GET', '/orders?status=cancelled', { token })).body.total).toBe(1);
  });

  it('shows the portfolio and its performance', async () => {
    const portfolio = await call('GET', '/portfolio', { token });
    expect(portfolio.status).toBe(200);
    expect(Number(portfolio.body.total_value)).toBeGreaterThan(9000);
    expect(portfolio.body.positions).toEqual(expect.arrayContaining([expect.objectContaining({ asset: 'BTC', amount: '0.01' })]));
    expect(portfolio.body).toHaveProperty('daily_pnl');
    expect(portfolio.body).toHaveProperty('total_pnl');
    const performance = await call('GET', '/portfolio/performance?period=7d', { token });
    expect(performance.status).toBe(200);
    expect(Object.keys(performance.body.metrics)).toEqual(expect.arrayContaining(['total_return', 'sharpe_ratio', 'max_drawdown', 'win_rate']));
    expect((await call('GET', '/portfolio/performance?period=2w', { token })).status).toBe(400);
  });

  it('reads a message as the chat does; execute=true previews and never trades', async () => {
    const read = await call('POST', '/ai/process', { token, body: { command: 'buy 0.02 eth' } });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ intent: 'buy_market', entities: { symbol: 'ETH/USDT', amount: 0.02 }, result: null, suggested_action: { action: 'preview_order', path: '/api/v1/orders' } });
    expect(read.body.confidence).toBeGreaterThan(0.4);
    const executed = await call('POST', '/ai/process', { token, body: { command: 'buy 0.02 eth', execute: true } });
    expect(executed.body.result).toMatchObject({ kind: 'preview', confirmation_id: expect.any(String) });
    expect((await call('GET', '/orders?symbol=ETH/USDT', { token })).body.total).toBe(0);
  });

  it('gives prices and the signals the chat gives', async () => {
    const prices = await call('GET', '/market/prices?symbols=BTC/USDT,eth', { token });
    expect(prices.status).toBe(200);
    expect(prices.body.prices.map((p: { symbol: string }) => p.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(prices.body.prices[0].last).toBeGreaterThan(0);
    expect((await call('GET', '/market/prices?symbols=NOPE/USDT', { token })).status).toBe(400);
    const signals = await call('GET', '/market/signals?symbol=BTC/USDT&timeframe=1h', { token });
    expect(signals.status).toBe(200);
    // The chat's combined call for the pair, with the sentence that says what it rests on.
    expect(signals.body.signals).toEqual([
      { symbol: 'BTC/USDT', timeframe: '1h', type: expect.stringMatching(/^(buy|sell|hold)$/), strength: expect.any(Number), confidence: expect.any(Number), source: 'combined', generated_at: expect.any(String) },
    ]);
    expect(signals.body.note).toEqual(expect.any(String));
    const unsupported = await call('GET', '/market/signals?symbol=BTC/USDT&timeframe=7x', { token });
    expect(unsupported.status).toBeLessThan(500);
  });

  it('answers unknown routes and bad bodies in the one error shape, with security headers and CORS closed', async () => {
    const missing = await call('GET', '/nope', { token });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    const bad = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{"email":' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('request.invalid');
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
    expect(bad.headers.get('x-content-type-options')).toBe('nosniff');
    const docs = await fetch(`${base}/docs`);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(await docs.text()).toContain('/api/v1/orders/{confirmation}/confirm');
  });
});
