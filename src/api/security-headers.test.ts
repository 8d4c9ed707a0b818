import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/logger.js';
import { BotApiEmulator } from './playground/bot-api-emulator.js';
import { registerPlayground } from './playground/playground-routes.js';
import { registerSecurityHeaders } from './security-headers.js';

async function appWith(hsts: boolean) {
  const app = Fastify();
  registerSecurityHeaders(app, { hsts });
  app.get('/data', async () => ({ ok: true }));
  app.get('/boom', async () => {
    throw new Error('boom');
  });
  await registerPlayground(app, { emulator: new BotApiEmulator({ queueForPolling: false }), deliverUpdate: async () => {}, logger: silentLogger() });
  await app.ready();
  return app;
}

describe('security headers', () => {
  it('go on every answer — data, errors, 404s — with a policy that allows nothing, and HSTS behind TLS', async () => {
    const app = await appWith(true);
    for (const url of ['/data', '/boom', '/nowhere', '/playground/api/history']) {
      const response = await app.inject({ url });
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
      expect(response.headers['content-security-policy'], url).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers['strict-transport-security'], url).toBe('max-age=31536000');
    }
    await app.close();
  });

  it('leave out HSTS without TLS, and leave the playground page its own policy (its inline script must run)', async () => {
    const app = await appWith(false);
    const data = await app.inject({ url: '/data' });
    expect(data.headers['strict-transport-security']).toBeUndefined();
    const page = await app.inject({ url: '/' });
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toMatch(/script-src 'sha256-/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    await app.close();
  });
});
