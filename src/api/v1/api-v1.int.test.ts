import { Validator } from '@seriousme/openapi-schema-validator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../../test/support/in-process-app.js';

/** The API over real HTTP (loopback) on the app in this process: its OpenAPI document, and 1,000 hostile requests. */
describe('REST API v1: the document and hostile input', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  let base = '';
  let token = '';
  let confirmation = '';

  beforeAll(async () => {
    h = await inProcessApp({ API_RATE_LIMIT_PER_MINUTE: '100000', JWT_SECRET: 'fuzz-secret-of-at-least-thirty-two-chars' });
    base = `${await h.app.server.listen({ port: 0, host: '127.0.0.1' })}/api/v1`;
    const registered = await fetch(`${base}/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'fuzz@example.com', password: 'fuzz password' }) });
    token = ((await registered.json()) as { access_token: string }).access_token;
    const preview = await fetch(`${base}/orders`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ symbol: 'BTC/USDT', side: 'buy', amount: '0.001' }) });
    confirmation = ((await preview.json()) as { confirmation_id: string }).confirmation_id;
  }, 60_000);
  afterAll(async () => {
    await h?.app.server.close();
    await h?.close();
  });

  const EXPECTED = [
    'post /api/v1/auth/register', 'post /api/v1/auth/login', 'post /api/v1/auth/refresh', 'post /api/v1/auth/logout',
    'get /api/v1/exchanges', 'post /api/v1/exchanges/connect', 'post /api/v1/orders', 'get /api/v1/orders', 'post /api/v1/orders/{confirmation}/confirm', 'delete /api/v1/orders/{id}',
    'get /api/v1/portfolio', 'get /api/v1/portfolio/performance', 'post /api/v1/ai/process', 'post /api/v1/backtests', 'get /api/v1/backtests/{id}', 'get /api/v1/market/prices', 'get /api/v1/market/signals',
    'get /api/v1/openapi.json', 'get /api/v1/docs',
  ];

  it('serves an OpenAPI 3 document that validates and lists every route', async () => {
    const document = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    const result = await new Validator().validate(document as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const listed = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    expect(listed.sort()).toEqual([...EXPECTED].sort());
    // Each documented operation is one Fastify serves.
    for (const entry of listed) {
      const [method, path] = entry.split(' ') as [string, string];
      expect(h.app.server.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace(/\{([a-z]+)\}/g, ':$1') }), entry).toBe(true);
    }
  });

  it('1,000 fuzzed bodies, headers and tokens never get a 5xx, and every error has the one shape', async () => {
    const routes = EXPECTED.filter((r) => !r.endsWith('/docs')).map((r) => {
      const [method, path] = r.split(' ') as [string, string];
      return { method: method.toUpperCase(), path: path.replace('/api/v1', '') };
    });
    const pathPart = fc.oneof(fc.constant(confirmation), fc.string({ maxLength: 80 }), fc.integer().map(String), fc.constant('..%2F..'), fc.constant('%00'));
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 300 }),
      fc.record({ email: fc.oneof(fc.emailAddress(), fc.string()), password: fc.string({ maxLength: 300 }), symbol: fc.oneof(fc.constant('BTC/USDT'), fc.string()), side: fc.oneof(fc.constant('buy'), fc.string()), amount: fc.oneof(fc.double(), fc.string(), fc.constant('1e308')), price: fc.anything(), command: fc.string({ maxLength: 600 }), execute: fc.anything(), refresh_token: fc.string(), exchange_id: fc.anything(), confirmed_twice: fc.anything() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.constant(''),
      fc.constant(undefined),
    );
    const auth = fc.oneof(fc.constant(`Bearer ${token}`), fc.constant(undefined), fc.string({ maxLength: 200 }).map((s) => `Bearer ${s}`), fc.constant(`Bearer ${token.slice(0, -2)}xx`), fc.constant('Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.'), fc.string({ maxLength: 100 }));
    const contentType = fc.oneof(fc.constant('application/json'), fc.constant(undefined), fc.constant('text/plain'), fc.constant('application/json; charset=utf-16'), fc.string({ maxLength: 40 }));
    const query = fc.dictionary(fc.constantFrom('symbol', 'symbols', 'status', 'limit', 'offset', 'period', 'timeframe', 'exchange_id', 'x'), fc.oneof(fc.string({ maxLength: 60 }), fc.integer().map(String), fc.constant('BTC/USDT')));
    const idemKey = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 200 }));

    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), pathPart, body, auth, contentType, query, idemKey, async (route, part, payload, authorization, type, q, key) => {
        const path = route.path.replace(/\{[a-z]+\}/, encodeURIComponent(part));
        const search = new URLSearchParams(q).toString();
        const headers: Record<string, string> = {};
        if (authorization !== undefined && /^[\x20-\x7e]*$/.test(authorization)) headers.authorization = authorization;
        if (type !== undefined && /^[\x20-\x7e]*$/.test(type)) headers['content-type'] = type;
        if (key !== undefined && /^[\x20-\x7e]*$/.test(key)) headers['idempotency-key'] = key;
        const sendsBody = route.method !== 'GET' && payload !== undefined;
        const response = await fetch(`${base}${path}${search ? `?${search}` : ''}`, { method: route.method, headers, ...(sendsBody ? { body: payload } : {}) });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) throw new Error(`${route.method} ${path}: ${response.status} ${text}`);
        if (response.status >= 400) expect(JSON.parse(text)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
      }),
      { numRuns: 1000 },
    );
    // The run reached the handlers, not only the doors: some requests passed, some were refused as bad input.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(401) ?? 0).toBeGreaterThan(0);
  }, 300_000);
});
