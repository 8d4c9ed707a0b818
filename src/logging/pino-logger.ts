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
  'passphrase', '*.passphrase', 'apiKeyEnc', '*.apiKeyEnc', 'apiSecretEnc', '*.apiSecretEnc',
];

/** Removes anything shaped like a bot token or URL credentials from a string. */
export function scrubSecrets(text: string): string {
  return text.replace(BOT_TOKEN_PATTERN, '<bot-token>').replace(/(\w+:\/\/)[^/\s:@]+:[^/\s@]+@/g, '$1<credentials>@');
}

function errSerializer(err: unknown): unknown {
  const base = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  for (const key of ['message', 'stack'] as const) {
    if (typeof base[key] === 'string') base[key] = scrubSecrets(base[key] as string);
  }
  return base;
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
