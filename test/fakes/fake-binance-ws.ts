import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Enough of Binance's spot market-stream websocket for ccxt pro (watchTicker, watchTrades) on
 * loopback: SUBSCRIBE is acknowledged (`{ result: null, id }`), `<pair>@miniTicker` / `<pair>@ticker` get
 * 24hrMiniTicker / 24hrTicker events and `<pair>@trade` trade events, pushed by the test. Faults: drop every connection
 * (the client sees a close), or go silent (connected, subscribed, nothing sent: a gap).
 * Point ccxt at `url` through `exchange.urls.api.ws.spot`.
 */
export interface FakeBinanceWs {
  /** ws://127.0.0.1:port/ws */
  readonly url: string;
  /** Connections opened so far (a reconnect opens another). */
  readonly connections: number;
  /** Streams currently subscribed on open connections, e.g. 'btcusdt@ticker'. */
  subscribed(): string[];
  /** Resolves once `stream` is subscribed on an open connection (at least `times` subscriptions counted from the start). */
  waitForSubscription(stream: string, times?: number): Promise<void>;
  /** A last price for `symbolId` (BTCUSDT) to every connection subscribed to its ticker stream. */
  ticker(symbolId: string, last: string, at?: number): number;
  /** A trade to every connection subscribed to its trade stream. Returns how many connections got it. */
  trade(symbolId: string, price: string, at?: number): number;
  /** Closes every open connection (the server stays up: the client may reconnect). */
  dropAll(): void;
  /** While silent, subscriptions are acknowledged but nothing is pushed. */
  silent: boolean;
  /** While refusing, every new connection is closed at once (the exchange is down). */
  refusing: boolean;
  close(): Promise<void>;
}

export async function startFakeBinanceWs(): Promise<FakeBinanceWs> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const streams = new Map<WebSocket, Set<string>>();
  let connections = 0;
  const subscriptionCounts = new Map<string, number>();
  const waiters: Array<{ stream: string; times: number; resolve: () => void }> = [];
  let tradeId = 1;

  server.on('connection', (socket) => {
    connections++;
    if (fake.refusing) {
      socket.terminate();
      return;
    }
    streams.set(socket, new Set());
    socket.on('close', () => streams.delete(socket));
    socket.on('message', (raw) => {
      let message: { method?: string; params?: string[]; id?: number };
      try {
        message = JSON.parse(String(raw)) as typeof message;
      } catch {
        return;
      }
      const mine = streams.get(socket);
      if (!mine) return;
      if (message.method === 'SUBSCRIBE') {
        for (const stream of message.params ?? []) {
          mine.add(stream);
          subscriptionCounts.set(stream, (subscriptionCounts.get(stream) ?? 0) + 1);
        }
        socket.send(JSON.stringify({ result: null, id: message.id }));
        for (let i = waiters.length - 1; i >= 0; i--) {
          const w = waiters[i]!;
          if ((subscriptionCounts.get(w.stream) ?? 0) >= w.times && isSubscribed(w.stream)) {
            waiters.splice(i, 1);
            w.resolve();
          }
        }
      } else if (message.method === 'UNSUBSCRIBE') {
        for (const stream of message.params ?? []) mine.delete(stream);
        socket.send(JSON.stringify({ result: null, id: message.id }));
      }
    });
  });

  const isSubscribed = (stream: string) => [...streams.values()].some((s) => s.has(stream));
  const push = (stream: string, payload: unknown): number => {
    if (fake.silent) return 0;
    const text = JSON.stringify(payload);
    let sent = 0;
    for (const [socket, subscribed] of streams) {
      if (subscribed.has(stream) && socket.readyState === socket.OPEN) {
        socket.send(text);
        sent++;
      }
    }
    return sent;
  };

  const fake: FakeBinanceWs = {
    url: `ws://127.0.0.1:${port}/ws`,
    get connections() {
      return connections;
    },
    silent: false,
    refusing: false,
    subscribed: () => [...new Set([...streams.values()].flatMap((s) => [...s]))],
    waitForSubscription(stream, times = 1) {
      if ((subscriptionCounts.get(stream) ?? 0) >= times && isSubscribed(stream)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ stream, times, resolve }));
    },
    ticker(symbolId, last, at = Date.now()) {
      const l = Number(last);
      const id = symbolId.toLowerCase();
      // ccxt's watchTicker subscribes to the mini ticker by default; the full one on request.
      const mini = push(`${id}@miniTicker`, { e: '24hrMiniTicker', E: at, s: symbolId, c: last, o: last, h: last, l: last, v: '1000', q: String(l * 1000) });
      return mini + push(`${id}@ticker`, {
        e: '24hrTicker',
        E: at,
        s: symbolId,
        p: '0',
        P: '0',
        w: last,
        x: last,
        c: last,
        Q: '1',
        b: String(l),
        B: '1',
        a: String(l),
        A: '1',
        o: last,
        h: last,
        l: last,
        v: '1000',
        q: String(l * 1000),
        O: at - 86_400_000,
        C: at,
        F: 1,
        L: 1000,
        n: 1000,
      });
    },
    trade(symbolId, price, at = Date.now()) {
      const id = tradeId++;
      return push(`${symbolId.toLowerCase()}@trade`, { e: 'trade', E: at, s: symbolId, t: id, p: price, q: '0.01', b: id, a: id, T: at, m: false, M: true });
    },
    dropAll() {
      for (const socket of streams.keys()) socket.terminate();
    },
    async close() {
      for (const socket of streams.keys()) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
