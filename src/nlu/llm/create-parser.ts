import type OpenAI from 'openai';
import type { AssetCatalog, CommandParser, ParseResult } from '../contract.js';
import { parseOffline } from '../offline/offline-parser.js';
import { systemClock, type Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { preferSaferReading } from './cross-check.js';
import { FallbackParser } from './fallback-parser.js';
import { LlmParser } from './llm-parser.js';

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
export function createMessageParser(options: CreateMessageParserOptions): TextParser {
  const { config, catalog, logger } = options;
  const apiKey = config.OPENAI_API_KEY;
  if (apiKey === undefined || apiKey.trim() === '') {
    logger.info({ parser: 'offline' }, 'message parser: offline (no OPENAI_API_KEY)');
    return { parse: (text) => offlineParser.parse(text, { catalog: catalog() }) };
  }

  const llm = new LlmParser({
    client: options.client,
    clientOptions: { apiKey, baseURL: config.OPENAI_BASE_URL, timeoutMs: config.OPENAI_TIMEOUT_MS },
    model: config.OPENAI_MODEL,
  });
  const breaker = new CircuitBreaker({
    failureThreshold: options.breaker?.failureThreshold ?? 3,
    cooldownMs: options.breaker?.cooldownMs ?? 30_000,
    clock: options.clock ?? systemClock,
  });
  const parser = new FallbackParser(llm, offlineParser, logger, { timeoutMs: config.OPENAI_TIMEOUT_MS, breaker, reconcile: preferSaferReading });
  // Neither the key nor the base URL (it may carry credentials) goes into the log.
  logger.info({ parser: 'llm', model: config.OPENAI_MODEL, customBaseUrl: config.OPENAI_BASE_URL !== undefined }, 'message parser: LLM with offline fallback');
  return { parse: (text) => parser.parse(text, { catalog: catalog() }) };
}
