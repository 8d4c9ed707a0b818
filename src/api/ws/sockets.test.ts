import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LiveFeed, type LiveFeedSource } from '../../notifications/live-feed.js';
import type { Notification } from '../../notifications/notification.js';
import { silentLogger } from '../../shared/logger.js';
import { registerMarketSocket } from './market-socket.js';
import { registerPortfolioSocket } from './portfolio-socket.js';

class MemoryFeed implements LiveFeedSource {
  rows: Notification[] = [];
  add(userId: number, kind: string): void {
    this.rows.push({ id: this.rows.length + 1, key: `k${this.rows.length}`, userId, kind, subject: 'order:1', payload: {}, urgent: true, deliverAfter: 0, status: 'pending', attempts: 0, createdAt: new Date(0) });
  }
  async after(cursor: number, userIds: readonly number[]) {
    return this.rows.filter((r) => r.id > cursor && userIds.includes(r.userId));
  }
  async lastId() {
    return this.rows.at(-1)?.id ?? 0;
  }
}

const TOKENS: Record<string, number> = { 'token-ada': 1, 'token-ben': 2 };
const authenticate = async (token: string) => (TOKENS[token] ? { userId: TOKENS[token]!, expiresAt: new Date(Date.now() + 60_000) } : null);

/** A client that records what arrives and how the socket closed. */
function client(url: string) {
  const socket = new WebSocket(url);
  const messages: Array<Record<string, unknown>> = [];
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const next = async (type: string, count = 1) => {
    const deadline = Date.now() + 5_000;
    while (messages.filter((m) => m.type === type).length < count) {
      if (Date.now() > deadline) throw new Error(`no ${type} message; got ${JSON.stringify(messages)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return messages.filter((m) => m.type === type)[count - 1]!;
  };
  return { socket, messages, closed, opened, next };
}

describe('the websockets', () => {
  let app: FastifyInstance;
  let base: string;
  const source = new MemoryFeed();
  const feed = new LiveFeed({ source, logger: silentLogger() });
  let snapshots = 0;

  const start = async () => {
    app = Fastify();
    await app.register(websocket);
    registerPortfolioSocket(app, { authenticate, feed, logger: silentLogger(), snapshot: async (userId) => ({ userId, n: ++snapshots }), settleMs: 10, authWaitMs: 300 });
    registerMarketSocket(app, {
      authenticate,
      logger: silentLogger(),
      intervalMs: 50,
      price: async (symbol) => (symbol === 'BTC/USDT' ? { symbol, last: '60000', bid: '59999', ask: '60001', at: 0 } : null),
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    base = address.replace('http', 'ws');
  };
  afterEach(async () => {
    await app?.close();
  });

  it('portfolio: refuses a missing or wrong token with 4001', async () => {
    await start();
    expect(await client(`${base}/api/v1/ws/portfolio?token=nope`).closed).toBe(4001);
    expect(await client(`${base}/api/v1/ws/portfolio`).closed).toBe(4001); // nothing sent within the wait
  });

  it('portfolio: signs in with the first message, sends the portfolio, then each of the user’s events and a fresh portfolio', async () => {
    await start();
    const ada = client(`${base}/api/v1/ws/portfolio`);
    await ada.opened;
    ada.socket.send(JSON.stringify({ type: 'auth', token: 'token-ada' }));
    expect(await ada.next('portfolio')).toMatchObject({ data: { userId: 1 } });
    source.add(2, 'order.filled'); // Ben's: not Ada's business
    source.add(1, 'order.filled');
    await feed.poll();
    expect(await ada.next('event')).toMatchObject({ kind: 'order.filled', subject: 'order:1' });
    expect(await ada.next('portfolio', 2)).toMatchObject({ data: { userId: 1 } });
    expect(ada.messages.filter((m) => m.type === 'event')).toHaveLength(1);
    ada.socket.close();
    await ada.closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(feed.size).toBe(0);
  });

  it('market: streams the subscribed pairs, names the unknown ones, and answers bad messages without closing', async () => {
    await start();
    const ws = client(`${base}/api/v1/ws/market?token=token-ben`);
    await ws.opened;
    ws.socket.send('not json');
    expect(await ws.next('error')).toMatchObject({ code: 'ws.not_json' });
    ws.socket.send(JSON.stringify({ type: 'subscribe', symbols: ['btc/usdt', 'NOPE/USDT', '<script>'] }));
    expect(await ws.next('subscribed')).toEqual({ type: 'subscribed', symbols: ['BTC/USDT'], unknown: ['NOPE/USDT', '<SCRIPT>'] });
    expect(await ws.next('price', 3)).toMatchObject({ symbol: 'BTC/USDT', last: '60000' });
    ws.socket.send(JSON.stringify({ type: 'subscribe', symbols: Array.from({ length: 30 }, (_, i) => `C${i}/USDT`) }));
    expect(await ws.next('error', 2)).toMatchObject({ code: 'ws.too_many' });
    expect(ws.socket.readyState).toBe(WebSocket.OPEN);
    ws.socket.close();
  });

  it('market: needs a token too', async () => {
    await start();
    expect(await client(`${base}/api/v1/ws/market?token=bad`).closed).toBe(4001);
  });
});
