import type OpenAI from 'openai';
import type { AssetCatalog, CommandParser, ParseResult } from '../contract.js';
import { parseOffline } from '../offline/offline-parser.js';
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

const offlineParser: CommandParser = {
  parse: (text, context) => Promise.resolve(parseOffline(text, context.catalog)),
};

/**
 * The offline parser alone when no API key is configured; otherwise the LLM parser with the
 * offline parser as its fallback (timeouts, errors, refusals, invalid answers, outages).
 */
export async function createMessageParser(options: CreateMessageParserOptions): Promise<TextParser> {
  const { config, catalog, logger } = options;
  const apiKey = config.OPENAI_API_KEY;
  if (apiKey === undefined || apiKey.trim() === '') {
    logger.info({ parser: 'offline' }, 'message parser: offline (no OPENAI_API_KEY)');
    return { parse: (text) => offlineParser.parse(text, { catalog: catalog() }) };
  }
  const { createLlmChain } = await import('./llm-chain.js');
  return createLlmChain(options, apiKey, offlineParser);
}
