import type { CommandParser } from '../contract.js';
import { parseOffline } from '../offline/offline-parser.js';
import type { CreateMessageParserOptions, TextParser } from './parser-options.js';

export type { CreateMessageParserOptions, ParserConfig, TextParser } from './parser-options.js';

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
