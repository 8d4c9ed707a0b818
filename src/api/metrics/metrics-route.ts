import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** GET /metrics in Prometheus' text format; with METRICS_TOKEN, only for `Authorization: Bearer <token>`. */
export function registerMetricsRoute(app: FastifyInstance, options: { registry: Registry; token: string | undefined }): void {
  app.get('/metrics', async (request, reply) => {
    if (options.token && !same(request.headers.authorization ?? '', `Bearer ${options.token}`)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: { code: 'auth.invalid_token', message: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.' } });
    }
    return reply.type(options.registry.contentType).send(await options.registry.metrics());
  });
}
