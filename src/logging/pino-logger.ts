import { pino, type Logger as PinoLogger } from 'pino';
import type { Logger } from '../shared/logger.js';

/** pino's logger: what Fastify takes, and a Logger for everything else. */
export type AppLogger = PinoLogger & Logger;

/** Telegram bot tokens look like `123456:AA…` (35 characters after the colon). */
const BOT_TOKEN_PATTERN = /\d{5,}:[A-Za-z0-9_-]{30,}/g;

/** Keys whose values never reach a log line. */
export const REDACTED_PATHS = [
  'token', '*.token', 'botToken', '*.botToken', 'secret', '*.secret', 'apiKey', '*.apiKey', 'apiSecret', '*.apiSecret',
  'password', '*.password', 'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
  'req.headers["x-telegram-bot-api-secret-token"]', 'headers["x-telegram-bot-api-secret-token"]',
  'config.BOT_TOKEN', 'config.WEBHOOK_SECRET', 'config.OPENAI_API_KEY', 'config.ENCRYPTION_KEY', 'config.ENCRYPTION_KEY_PREVIOUS', 'config.DATABASE_URL', 'config.REDIS_URL',
  'config.JWT_SECRET', 'config.METRICS_TOKEN', 'access_token', '*.access_token', 'refresh_token', '*.refresh_token', 'accessToken', '*.accessToken',
  'refreshToken', '*.refreshToken', 'link_code', '*.link_code', 'api_secret', '*.api_secret', 'api_key', '*.api_key', 'req.headers.cookie',
  'passphrase', '*.passphrase', 'apiKeyEnc', '*.apiKeyEnc', 'apiSecretEnc', '*.apiSecretEnc',
];

/** Removes anything shaped like a bot token or URL credentials from a string. */
export function scrubSecrets(text: string): string {
  return text.replace(BOT_TOKEN_PATTERN, '<bot-token>').replace(/(\w+:\/\/)[^/\s:@]+:[^/\s@]+@/g, '$1<credentials>@');
}

/**
 * Properties of library errors that carry what people wrote: grammY's GrammyError keeps the
 * failed call's parameters (`payload`: the text of the message being sent, which may quote a
 * user), its BotError the whole update (`ctx`). A log line keeps the method, the error code and
 * Telegram's description, never these.
 */
const CONTENT_KEYS = new Set(['payload', 'ctx']);

const isErrorLike = (value: unknown): value is Error => typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';

/**
 * pino's error serializer, then: secrets scrubbed from every string, content-carrying keys
 * dropped, and nested errors (grammY's HttpError keeps the network error as `error`, whose
 * message holds the request URL and so the bot token) serialized the same way.
 */
export function errSerializer(err: unknown, depth = 0): unknown {
  if (!isErrorLike(err)) return err;
  const base = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  const raw = err as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in base) {
    const value = base[key];
    if (value === undefined || CONTENT_KEYS.has(key)) continue;
    const original = raw[key];
    if (key === 'aggregateErrors' && Array.isArray(raw.errors)) out[key] = depth < 3 ? raw.errors.map((e: unknown) => errSerializer(e, depth + 1)) : '[errors]';
    else if (isErrorLike(original)) out[key] = depth < 3 ? errSerializer(original, depth + 1) : '[error]';
    else out[key] = typeof value === 'string' ? scrubSecrets(value) : value;
  }
  const updateId = (raw.ctx as { update?: { update_id?: unknown } } | undefined)?.update?.update_id;
  if (typeof updateId === 'number') out.updateId = updateId;
  return out;
}

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): AppLogger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: errSerializer, error: errSerializer },
      base: { app: 'parley' },
    },
    options.destination,
  );
}
