import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../test/fakes/fake-binance/index.js';
import { ManualClock } from '../shared/clock.js';
import { REPLAY_ANCHOR_MS } from './replay-timeline.js';
import { createMarketData, type FeedLogger } from './select-feed.js';

function recordingLogger() {
  const lines: { level: 'info' | 'warn'; obj: Record<string, unknown>; msg: string }[] = [];
  const logger: FeedLogger = {
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
  };
  return { logger, lines };
}

/** A port nothing listens on: bind one, note it, close it. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

let fake: FakeBinance;
beforeAll(async () => {
  fake = await startFakeBinance();
});
afterAll(() => fake.close());

describe('createMarketData', () => {
  const clock = new ManualClock(REPLAY_ANCHOR_MS + 123_456_789);

  it('replay: serves replayed prices without touching the network', async () => {
    const { logger, lines } = recordingLogger();
    const feed = await createMarketData({ mode: 'replay', clock, logger, baseUrl: fake.url });
    expect(feed.source).toBe('replay');
    expect((await feed.ticker('BTC/USDT')).last).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(0);
    expect(lines).toEqual([]);
  });

  it('auto: uses the exchange when it answers', async () => {
    const { logger, lines } = recordingLogger();
    const feed = await createMarketData({ mode: 'auto', clock, logger, baseUrl: fake.url, probeTimeoutMs: 2_000 });
    expect(feed.source).toBe('live');
    expect((await feed.ticker('BTC/USDT')).last).toBe(61_828.01);
    expect(lines.map((l) => l.level)).toEqual(['info']);
  });

  it('auto: falls back to the replay with one warning when the exchange is unreachable', async () => {
    const { logger, lines } = recordingLogger();
    const feed = await createMarketData({ mode: 'auto', clock, logger, baseUrl: await closedPortUrl(), probeTimeoutMs: 1_000 });
    expect(feed.source).toBe('replay');
    expect((await feed.ticker('ETH/BTC')).last).toBeGreaterThan(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe('warn');
    expect(lines[0]!.msg).toMatch(/Live market data unreachable \(.*(ECONNREFUSED|fetch failed).*\); replaying/);
    expect(lines[0]!.obj).toMatchObject({ marketData: 'replay' });
  });

  it('auto: falls back when the exchange is too slow to answer the probe', async () => {
    const { logger, lines } = recordingLogger();
    fake.inject('/api/v3/exchangeInfo', { kind: 'delay', ms: 1_500 });
    const feed = await createMarketData({ mode: 'auto', clock, logger, baseUrl: fake.url, probeTimeoutMs: 300 });
    expect(feed.source).toBe('replay');
    expect(lines[0]!.msg).toMatch(/timed out/);
  });

  it('live: builds the live feed without probing', async () => {
    const { logger } = recordingLogger();
    const before = fake.requests.length;
    const feed = await createMarketData({ mode: 'live', clock, logger, baseUrl: fake.url });
    expect(feed.source).toBe('live');
    expect(fake.requests.length).toBe(before);
    expect((await feed.markets()).length).toBeGreaterThan(0);
  });
});
