import { Api, GrammyError, HttpError } from 'grammy';
import type { ApiResponse } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../shared/logger.js';
import { botApiUnavailable, boundedRetry } from './bot-api-retry.js';

type Answer = ApiResponse<unknown> | 'network';

/** A Bot API client whose calls get `answers` in turn (the last one repeats), through the transformer. */
function apiAnswering(answers: Answer[], options: { maxRetryAfterSeconds?: number } = {}) {
  const errors: Array<Record<string, unknown>> = [];
  const calls: string[] = [];
  const logger = { ...silentLogger(), error: (fields: unknown) => void errors.push(fields as Record<string, unknown>) };
  const fetch = async (url: string | URL | Request): Promise<Response> => {
    calls.push(String(url).split('/').at(-1)!);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    if (answer === 'network') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    return new Response(JSON.stringify(answer), { status: answer.ok ? 200 : answer.error_code, headers: { 'content-type': 'application/json' } });
  };
  const api = new Api('7000000001:not_a_real_token_00000000000000000', { fetch: fetch as never, apiRoot: 'http://bot-api.test' });
  api.config.use(boundedRetry({ logger, backoffMs: 1, ...options }));
  return { api, calls, errors };
}

const sent = { ok: true as const, result: { message_id: 1, date: 1, chat: { id: 1, type: 'private' as const, first_name: 'A' } } };

describe('bounded Bot API retries', () => {
  it('gives up on a Bot API that resets every connection after 4 calls, with one error line naming the method and not the text', async () => {
    const { api, calls, errors } = apiAnswering(['network']);
    await expect(api.sendMessage(1, 'a private text')).rejects.toBeInstanceOf(HttpError);
    expect(calls).toEqual(['sendMessage', 'sendMessage', 'sendMessage', 'sendMessage']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ method: 'sendMessage', errorCode: 'network', attempts: 4 });
    expect(JSON.stringify(errors[0], (_key, value: unknown) => (value instanceof Error ? value.message : value))).not.toContain('a private text');
  });

  it('retries a 5xx and a network error, and says nothing when a retry succeeds', async () => {
    const { api, calls, errors } = apiAnswering([{ ok: false, error_code: 502, description: 'Bad Gateway' }, 'network', sent]);
    await expect(api.sendMessage(1, 'hi')).resolves.toMatchObject({ message_id: 1 });
    expect(calls).toHaveLength(3);
    expect(errors).toEqual([]);
  });

  it('waits out a 429 within the cap; gives up at once past it, or after the retries', async () => {
    const limited = (seconds: number) => ({ ok: false as const, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: seconds } });
    const ok = apiAnswering([limited(0), sent]);
    await expect(ok.api.sendMessage(1, 'hi')).resolves.toMatchObject({ message_id: 1 });
    expect(ok.calls).toHaveLength(2);

    const long = apiAnswering([limited(3600)], { maxRetryAfterSeconds: 60 });
    await expect(long.api.sendMessage(1, 'hi')).rejects.toMatchObject({ error_code: 429 });
    expect(long.calls).toHaveLength(1);
    expect(long.errors).toEqual([expect.objectContaining({ method: 'sendMessage', errorCode: 429, retryAfter: 3600, attempts: 1 })]);

    const always = apiAnswering([limited(0)]);
    await expect(always.api.sendMessage(1, 'hi')).rejects.toMatchObject({ error_code: 429 });
    expect(always.calls).toHaveLength(4);
    expect(always.errors).toHaveLength(1);
  });

  it('hands any other error to the caller at once, without a log line', async () => {
    const { api, calls, errors } = apiAnswering([{ ok: false, error_code: 400, description: 'Bad Request: chat not found' }]);
    await expect(api.sendMessage(1, 'hi')).rejects.toMatchObject({ error_code: 400 });
    expect(calls).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('tells an unavailable Bot API (network, 5xx, 429, also as a cause) from a refused call', () => {
    const grammy = (code: number) => new GrammyError('x', { ok: false, error_code: code, description: 'd' }, 'sendMessage', {});
    expect(botApiUnavailable(new HttpError('x', new Error('reset')))).toBe(true);
    expect(botApiUnavailable(grammy(502))).toBe(true);
    expect(botApiUnavailable(grammy(429))).toBe(true);
    expect(botApiUnavailable(new Error('wrapped', { cause: grammy(500) }))).toBe(true);
    expect(botApiUnavailable(grammy(403))).toBe(false);
    expect(botApiUnavailable(new Error('boom'))).toBe(false);
  });
});
