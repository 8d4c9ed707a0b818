import type OpenAI from 'openai';
import type { AssetCatalog, ParseResult } from '../contract.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';

/** The settings it needs from the app's Config (src/config/env-schema.ts). */
export interface ParserConfig {
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  OPENAI_MODEL: string;
  OPENAI_TIMEOUT_MS: number;
}

export interface CreateMessageParserOptions {
  config: ParserConfig;
  /** Read on every message, so markets listed after start-up are understood. */
  catalog: () => AssetCatalog;
  logger: Logger;
  /** For the circuit breaker's cooldown. Default: the system clock. */
  clock?: Clock;
  /** A ready SDK client (tests); otherwise one is built from the config. */
  client?: OpenAI;
  /** Consecutive outages before the LLM is skipped (default 3) and for how long (default 30 s). */
  breaker?: { failureThreshold?: number; cooldownMs?: number };
}

/** The bot's MessageParser port (src/bot/ports.ts): it knows the catalog, callers pass only text. */
export interface TextParser {
  parse(text: string): Promise<ParseResult>;
}
