import type { FastifyInstance } from 'fastify';

export interface HealthInfo {
  checkDatabase: () => Promise<void>;
  details: () => Record<string, string>;
}

/** For load balancers and humans: 200 when the database answers, 503 otherwise. */
export function registerHealthRoute(app: FastifyInstance, info: HealthInfo): void {
  app.get('/health', async (_request, reply) => {
    try {
      await info.checkDatabase();
      return reply.send({ status: 'ok', database: 'ok', ...info.details() });
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable', ...info.details() });
    }
  });
}
