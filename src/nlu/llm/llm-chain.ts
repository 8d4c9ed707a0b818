import type { CommandParser } from '../contract.js';
import { systemClock } from '../../shared/clock.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { CreateMessageParserOptions, TextParser } from './parser-options.js';
import { preferSaferReading } from './cross-check.js';
import { FallbackParser } from './fallback-parser.js';
import { LlmParser } from './llm-parser.js';

/** The LLM parser with the offline parser as its fallback; loaded only when a key is set (the SDK is slow to import). */
export function createLlmChain(options: CreateMessageParserOptions, apiKey: string, offlineParser: CommandParser): TextParser {
  const { config, catalog, logger } = options;
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
