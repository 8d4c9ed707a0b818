import type { AssetCatalog, ParseResult } from './contract.js';
import { parseOffline } from './offline/offline-parser.js';

/**
 * The parser the bot talks to: it knows the catalog of listed coins, so callers pass only
 * the text. (The LLM parser, when configured, sits in front of the offline one.)
 */
export class OfflineMessageParser {
  constructor(private readonly catalog: () => AssetCatalog) {}

  async parse(text: string): Promise<ParseResult> {
    return parseOffline(text, this.catalog());
  }
}
