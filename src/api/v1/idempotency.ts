import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from './api-errors.js';

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
}

/** Where answers to requests with an Idempotency-Key are kept (a key → JSON store in the database: every instance sees them). */
export interface IdempotencyStore {
  read(key: string): Promise<StoredAnswer | undefined>;
  write(key: string, value: StoredAnswer): Promise<void>;
}

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,128}$/, 'must be 1–128 visible ASCII characters')
    .optional()
    .describe('Send the same key again (with the same request) and get the first answer again instead of a second action (keys are remembered for 24 hours)'),
});

/**
 * Runs `run` once per (user, route, key): the same key again with the same request answers what
 * the first one answered; with a different request it is refused. Errors are not kept, so a retry
 * after one can succeed.
 */
export async function once(
  store: IdempotencyStore,
  scope: { userId: number; route: string; key: string | undefined; request: unknown },
  run: () => Promise<{ status: number; body: unknown }>,
): Promise<{ status: number; body: never; replayed: boolean }> {
  if (!scope.key) return { ...(await run()), replayed: false } as { status: number; body: never; replayed: boolean };
  const id = `${scope.userId}:${scope.route}:${scope.key}`;
  const fingerprint = createHash('sha256').update(JSON.stringify(scope.request ?? null)).digest('hex');
  const stored = await store.read(id);
  if (stored) {
    if (stored.fingerprint !== fingerprint) throw new ApiError(422, 'idempotency.key_reused', 'This Idempotency-Key was used with a different request. Use a new key for a new request.');
    return { status: stored.status, body: stored.body as never, replayed: true };
  }
  const answer = await run();
  if (answer.status < 300) await store.write(id, { fingerprint, status: answer.status, body: answer.body });
  return { ...answer, body: answer.body as never, replayed: false };
}
