import { connect } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { postHead, slowRequest } from '../../test/support/slow-client.js';
import { HTTP_LIMITS, limitConnections, serverLimitOptions, type HttpLimits } from './server-limits.js';

let app: FastifyInstance | undefined;

async function serve(limits: HttpLimits = HTTP_LIMITS): Promise<string> {
  app = Fastify({ ...serverLimitOptions(limits) });
  limitConnections(app.server, limits);
  app.post('/echo', async (request) => ({ got: request.body }));
  return app.listen({ port: 0, host: '127.0.0.1' });
}

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('the HTTP server limits', () => {
  it('answers 408 and closes a connection whose body arrives a byte a second, within the request timeout; others are served meanwhile', async () => {
    const url = await serve();
    const slow = slowRequest(url, postHead('/echo', 100_000), { giveUpMs: HTTP_LIMITS.requestTimeoutMs + 5_000 });
    const normal = await fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await normal.json()).toEqual({ got: { a: 1 } });
    const outcome = await slow;
    expect(outcome.stillOpen).toBe(false);
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(outcome.heldMs).toBeGreaterThanOrEqual(HTTP_LIMITS.requestTimeoutMs - 100);
    expect(outcome.heldMs).toBeLessThanOrEqual(HTTP_LIMITS.requestTimeoutMs + HTTP_LIMITS.checkIntervalMs + 2_000);
  }, 20_000);

  it('closes a connection that sends nothing, or headers that never end, within the headers timeout', async () => {
    const url = await serve();
    const [silent, endless] = await Promise.all([
      slowRequest(url, '', { drip: false, giveUpMs: HTTP_LIMITS.headersTimeoutMs + 5_000 }),
      slowRequest(url, 'POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n', { drip: false, giveUpMs: HTTP_LIMITS.headersTimeoutMs + 5_000 }),
    ]);
    for (const outcome of [silent, endless]) {
      expect(outcome.stillOpen).toBe(false);
      expect(outcome.heldMs).toBeLessThanOrEqual(HTTP_LIMITS.headersTimeoutMs + HTTP_LIMITS.checkIntervalMs + 2_000);
    }
  }, 20_000);

  it('closes connections past the limit as they arrive', async () => {
    const url = await serve({ ...HTTP_LIMITS, maxConnections: 2 });
    const { port } = new URL(url);
    const held = [connect(Number(port), '127.0.0.1'), connect(Number(port), '127.0.0.1')];
    await Promise.all(held.map((socket) => new Promise((resolve) => socket.once('connect', resolve))));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const extra = await slowRequest(url, '', { drip: false, giveUpMs: 2_000 });
    expect(extra.stillOpen).toBe(false);
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: '{}' });
    expect(after.status).toBe(200);
  });

  it('keeps an idle keep-alive connection longer than nginx keeps its upstream ones (60 s), and times requests out at all', () => {
    expect(HTTP_LIMITS.keepAliveTimeoutMs).toBeGreaterThan(60_000);
    expect(HTTP_LIMITS.headersTimeoutMs).toBeLessThan(HTTP_LIMITS.requestTimeoutMs);
    expect(serverLimitOptions().requestTimeout).toBeGreaterThan(0);
  });
});
