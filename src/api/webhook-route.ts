import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Update } from 'grammy/types';
import { checkUpdateShape } from '../bot/update-shape.js';
import type { Logger } from '../shared/logger.js';

export interface WebhookOptions {
  path: string;
  secret: string;
  /** Hands the update to the bot; resolves when it has been handled. */
  handle: (update: Update) => Promise<void>;
  /** False until the bot knows who it is (getMe): Telegram then retries later. */
  ready: () => boolean;
  /** Past this, Telegram gets its 200 and the work goes on in the background. */
  answerWithinMs?: number;
  /** Seconds to wait when a failure means "not now, send it again" (503 + Retry-After); else undefined. */
  retryLater?: (error: unknown) => number | undefined;
  logger: Logger;
}

/** Constant-time comparison of the secret header, whatever the lengths. */
export function secretMatches(received: string | string[] | undefined, expected: string): boolean {
  if (typeof received !== 'string') return false;
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function isUpdate(body: unknown): body is Update {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const id = (body as { update_id?: unknown }).update_id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;
}

/**
 * Telegram's webhook: the secret is checked before the body is even read (401), a body
 * that is not an update is refused (400) before grammY sees it, one with an update id but
 * fields no Telegram update has (a callback query without `from`, a numeric `text`) is
 * answered 200 — a retry would be refused the same way — and handled by nobody, and slow work
 * never holds the request long enough for Telegram to retry it.
 */
export function registerWebhookRoute(app: FastifyInstance, options: WebhookOptions): void {
  const answerWithinMs = options.answerWithinMs ?? 5_000;
  app.post(options.path, {
    bodyLimit: 1024 * 1024,
    onRequest: async (request, reply) => {
      if (!secretMatches(request.headers['x-telegram-bot-api-secret-token'], options.secret)) {
        return reply.code(401).send({ ok: false, error: 'unauthorized' });
      }
    },
    handler: async (request, reply) => {
      if (!isUpdate(request.body)) return reply.code(400).send({ ok: false, error: 'body must be a Telegram Update with a numeric update_id' });
      const shape = checkUpdateShape(request.body);
      if (!shape.ok) {
        options.logger.warn({ updateId: shape.updateId, problems: shape.problems }, 'update refused: it cannot be a real Telegram update');
        return reply.code(200).send({ ok: true });
      }
      if (!options.ready()) return reply.code(503).header('retry-after', '5').send({ ok: false, error: 'starting' });
      const update = shape.update;
      const handling = options.handle(update).then(
        () => 'done' as const,
        (error: unknown) => {
          const seconds = options.retryLater?.(error);
          if (seconds !== undefined) return { retryAfter: seconds };
          options.logger.error({ err: error, updateId: update.update_id }, 'webhook update failed');
          return 'done' as const;
        },
      );
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), answerWithinMs);
      });
      const first = await Promise.race([handling, late]);
      clearTimeout(timer);
      if (first === 'late') {
        options.logger.warn({ updateId: update.update_id }, 'update still running; answered Telegram to stop a retry');
        void handling.then((outcome) => {
          if (typeof outcome === 'object') options.logger.error({ updateId: update.update_id }, 'update given up after Telegram was answered: it will not be sent again');
        });
      }
      if (typeof first === 'object') {
        options.logger.info({ updateId: update.update_id }, 'update not taken now; asked Telegram to send it again later');
        return reply.code(503).header('retry-after', String(first.retryAfter)).send({ ok: false, error: 'not handled now (handled elsewhere, or the Bot API is away); retry later' });
      }
      return reply.code(200).send({ ok: true });
    },
  });
}
