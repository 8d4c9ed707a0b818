import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../../../test/fakes/fake-openai.js';
import { createLogger } from '../../logging/pino-logger.js';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../known-assets.js';
import { parseOffline } from '../offline/offline-parser.js';
import { createMessageParser } from './create-parser.js';

const catalog = new StaticAssetCatalog(KNOWN_ASSETS);
const nulls = { symbol: null, amount: null, quote_amount: null, percentage: null, price: null, direction: null, order_id: null, timeframe: null };

let fake: FakeOpenAi;
const lines: string[] = [];
const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });

beforeEach(async () => {
  fake = await startFakeOpenAi();
  lines.length = 0;
});
afterEach(() => fake.close());

const config = (key?: string) => ({ OPENAI_API_KEY: key, OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'test-model', OPENAI_TIMEOUT_MS: 300 });

describe('createMessageParser', () => {
  it('is the offline parser alone when no API key is set: no request leaves', async () => {
    for (const key of [undefined, '', '  ']) {
      const parser = await createMessageParser({ config: config(key), catalog: () => catalog, logger });
      expect(await parser.parse('buy 0.5 btc')).toEqual(parseOffline('buy 0.5 btc', catalog));
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('with a key, answers with the LLM and falls back to the real offline parser', async () => {
    const parser = await createMessageParser({ config: config('sk-test-create-parser-key'), catalog: () => catalog, logger });
    fake.enqueue(
      { kind: 'tool_call', arguments: { ...nulls, intent: 'buy_market', symbol: 'ETH/USDT', amount: 0.2 } },
      { kind: 'slow', delayMs: 5000, answer: { kind: 'tool_call', arguments: { ...nulls, intent: 'help' } } },
    );
    const text = 'could you grab me 0.2 ether';
    expect(await parser.parse(text)).toMatchObject({ parser: 'llm', command: { intent: 'buy_market', symbol: 'ETH/USDT', amount: 0.2 } });
    expect(await parser.parse('sell half my eth')).toEqual(parseOffline('sell half my eth', catalog));
    expect(lines.join('')).not.toContain('sk-test-create-parser-key');
    expect(lines.join('')).not.toContain(text);
  });

  it('reads the catalog on every message, so new listings count', async () => {
    let current = new StaticAssetCatalog(['BTC', 'USDT']);
    const parser = await createMessageParser({ config: config('sk-test'), catalog: () => current, logger });
    fake.setDefault(() => ({ kind: 'tool_call', arguments: { ...nulls, intent: 'get_price', symbol: 'NEWCOIN/USDT' } }));
    expect((await parser.parse('price of newcoin')).unresolvedCoin).toBe('NEWCOIN');
    current = new StaticAssetCatalog(['BTC', 'USDT', 'NEWCOIN']);
    expect((await parser.parse('price of newcoin')).command.symbol).toBe('NEWCOIN/USDT');
  });
});
