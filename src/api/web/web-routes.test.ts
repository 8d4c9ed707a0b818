import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { OpenedLink } from '../../accounts/web-links.js';
import { registerSecurityHeaders } from '../security-headers.js';
import { registerWebView, WEB_VIEW_CSP } from './web-routes.js';

const OUTCOMES: Record<string, OpenedLink> = {
  good: { outcome: 'opened', userId: 7, token: 't'.repeat(43), expiresAt: new Date('2026-12-02T12:15:00Z') },
  old: { outcome: 'expired' },
  twice: { outcome: 'used' },
};

async function app() {
  const server = Fastify();
  registerSecurityHeaders(server, { hsts: false });
  registerWebView(server, {
    open: async (code) => OUTCOMES[code] ?? { outcome: 'unknown' },
    reader: async (token) => (token === 't'.repeat(43) ? { userId: 7, expiresAt: new Date() } : null),
    snapshot: async (userId) => ({ userId, total_value: '10000.00' }),
  });
  await server.ready();
  return server;
}

describe('the web view’s routes', () => {
  it('serves the shell with its own content policy, and the service worker for /web/ only', async () => {
    const server = await app();
    const page = await server.inject('/web/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toBe(WEB_VIEW_CSP);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).toContain('<link rel="manifest" href="/web/manifest.webmanifest">');
    const sw = await server.inject('/web/sw.js');
    expect(sw.headers['service-worker-allowed']).toBe('/web/');
    expect(JSON.parse((await server.inject('/web/manifest.webmanifest')).body)).toMatchObject({ start_url: '/web/', scope: '/web/', display: 'standalone' });
    expect((await server.inject('/web')).headers.location).toBe('/web/');
  });

  it('trades a good code for a session, and says why a bad one is refused', async () => {
    const server = await app();
    const post = (body: unknown) => server.inject({ method: 'POST', url: '/web/session', payload: body as object });
    const good = await post({ code: 'good' });
    expect(good.statusCode).toBe(200);
    expect(good.headers['cache-control']).toBe('no-store');
    expect(good.json()).toEqual({ token: 't'.repeat(43), expires_at: '2026-12-02T12:15:00.000Z' });
    expect((await post({ code: 'old' })).json()).toMatchObject({ error: { code: 'web.link_expired', message: expect.stringContaining('expired') } });
    expect((await post({ code: 'old' })).statusCode).toBe(410);
    expect((await post({ code: 'twice' })).json()).toMatchObject({ error: { code: 'web.link_used' } });
    expect((await post({ code: 'never' })).statusCode).toBe(404);
    for (const bad of [{}, { code: '' }, { code: null }, { code: 'x'.repeat(201) }]) {
      const answer = await post(bad);
      expect(answer.statusCode).toBe(400);
      expect(answer.json()).toMatchObject({ error: { code: 'web.bad_request' } });
    }
    // Fastify's schema coercion reads a number as its digits: not a code Parley made.
    expect((await post({ code: 5 })).statusCode).toBe(404);
    const notJson = await server.inject({ method: 'POST', url: '/web/session', headers: { 'content-type': 'application/json' }, payload: '{"code":' });
    expect(notJson.statusCode).toBe(400);
  });

  it('shows the snapshot only to a live session', async () => {
    const server = await app();
    expect((await server.inject('/web/snapshot')).statusCode).toBe(401);
    expect((await server.inject({ url: '/web/snapshot', headers: { authorization: 'Bearer nope' } })).json()).toMatchObject({ error: { code: 'web.session_ended' } });
    const ok = await server.inject({ url: '/web/snapshot', headers: { authorization: `Bearer ${'t'.repeat(43)}` } });
    expect(ok.json()).toEqual({ userId: 7, total_value: '10000.00' });
  });
});
