import { createHash } from 'node:crypto';
import { ConfigError } from '../shared/errors.js';
import { envSchema, type Config } from './env-schema.js';

export interface ResolvedConfig extends Config {
  /** HOST, or the mode's default: loopback for the playground (it has no login), every interface otherwise. */
  HOST: string;
  /** How updates reach the bot. */
  telegramMode: 'webhook' | 'polling' | 'playground';
  /** The secret Telegram echoes in X-Telegram-Bot-Api-Secret-Token (webhook mode). */
  webhookSecret: string | undefined;
  webhookPath: string | undefined;
  /** Where people open Parley (links in messages): PUBLIC_URL, the webhook's origin, or localhost. */
  publicUrl: string;
}

/** Parses the environment once. Throws a ConfigError naming every variable that is wrong. */
export function loadConfig(env: Record<string, string | undefined>): ResolvedConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      // Never echo a value back: it may be a secret.
      return `  ${name}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example and the README's settings table.`);
  }
  const config = parsed.data;
  if (config.WEBHOOK_URL && !config.BOT_TOKEN) {
    throw new ConfigError('Invalid configuration:\n  WEBHOOK_URL: is set but BOT_TOKEN is not; a webhook needs a bot token.');
  }
  const telegramMode = !config.BOT_TOKEN ? 'playground' : config.WEBHOOK_URL ? 'webhook' : 'polling';
  const webhookSecret =
    telegramMode === 'webhook'
      ? (config.WEBHOOK_SECRET ?? createHash('sha256').update(`parley-webhook:${config.BOT_TOKEN}`).digest('hex'))
      : undefined;
  const webhookPath = config.WEBHOOK_URL ? new URL(config.WEBHOOK_URL).pathname : undefined;
  const HOST = config.HOST ?? (telegramMode === 'playground' ? '127.0.0.1' : '0.0.0.0');
  const publicUrl = (config.PUBLIC_URL ?? (config.WEBHOOK_URL ? new URL(config.WEBHOOK_URL).origin : `http://localhost:${config.PORT}`)).replace(/\/+$/, '');
  return { ...config, HOST, telegramMode, webhookSecret, webhookPath, publicUrl };
}
