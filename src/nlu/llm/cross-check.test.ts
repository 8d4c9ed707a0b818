import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../../../test/fakes/fake-openai.js';
import { createLogger } from '../../logging/pino-logger.js';
import type { CommandParser, ParseResult } from '../contract.js';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../known-assets.js';
import { parseOffline } from '../offline/offline-parser.js';
import { preferSaferReading } from './cross-check.js';
import { FallbackParser } from './fallback-parser.js';
import { LlmParser } from './llm-parser.js';

const catalog = new StaticAssetCatalog(KNOWN_ASSETS);
const llm = (command: ParseResult['command'], confidence = 0.85): ParseResult => ({ command, confidence, parser: 'llm' });
const offline = (command: ParseResult['command'], confidence = 0.9): ParseResult => ({ command, confidence, parser: 'offline' });
const buy = { intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.5 } as const;
const message = (text: string) => ({ text, catalog });
const said = message('buy 0.5 btc');

describe('preferSaferReading', () => {
  it('keeps the LLM’s reading, at full confidence, when both agree on the money', () => {
    expect(preferSaferReading(llm(buy), offline({ ...buy, amount: 0.5 + 1e-12 }), said)).toEqual(llm(buy));
  });

  it('keeps a non-trade LLM reading as is, whatever the offline parser says', () => {
    const info = llm({ intent: 'get_price', symbol: 'BTC/USDT' });
    expect(preferSaferReading(info, offline(buy), said)).toBe(info);
    const unknown = llm({ intent: 'unknown' }, 0.6);
    expect(preferSaferReading(unknown, offline(buy), said)).toBe(unknown);
  });

  it('returns the offline "unknown" when the offline parser is sure the operation is not offered', () => {
    const notOffered = offline({ intent: 'unknown' }, 0.9);
    expect(preferSaferReading(llm({ intent: 'sell_market', symbol: 'BTC/USDT', percentage: 100 }), notOffered, message('withdraw all my btc'))).toBe(notOffered);
  });

  it('caps the confidence when they disagree on side, coin, amount or price', () => {
    const cases: ParseResult['command'][] = [
      { ...buy, intent: 'sell_market' },
      { ...buy, symbol: 'ETH/USDT' },
      { ...buy, amount: 5 },
      { intent: 'buy_limit', symbol: 'BTC/USDT', amount: 0.5, price: 50_000 },
      { intent: 'unknown' },
    ];
    for (const other of cases) expect(preferSaferReading(llm(buy), offline(other, 0.7), said)).toEqual(llm(buy, 0.5));
  });
});

describe('preferSaferReading: the LLM’s numbers must be written in the message', () => {
  const cases: ReadonlyArray<readonly [string, ParseResult['command']]> = [
    ['buy 0,001 btc', { intent: 'buy_market', symbol: 'BTC/USDT', amount: 1 }],
    ['buy -1 btc', { intent: 'buy_market', symbol: 'BTC/USDT', amount: 1 }],
    ['buy -1 btc', { intent: 'buy_market', symbol: 'BTC/USDT' }], // a negative quietly dropped
    ['buy 1\u200B00 usdt of btc', { intent: 'buy_market', symbol: 'BTC/USDT', quote_amount: 100 }],
    ['buy 1² btc', { intent: 'buy_market', symbol: 'BTC/USDT', amount: 1 }],
    ['buy 1,5 btc', { intent: 'buy_market', symbol: 'BTC/USDT', amount: 1.5 }],
    ['sell -50% of my btc', { intent: 'sell_market', symbol: 'BTC/USDT', percentage: 50 }],
    ['buy 0.01 btc at 60.000,5', { intent: 'buy_limit', symbol: 'BTC/USDT', amount: 0.01, price: 60000 }],
    ['buy 0.1 btc at 10:30', { intent: 'buy_limit', symbol: 'BTC/USDT', amount: 0.1, price: 10.3 }],
    ['sell half of my 2 eth', { intent: 'sell_market', symbol: 'ETH/USDT', amount: 1 }], // computed, not written
  ];

  it.each(cases)('%s: the LLM’s %j is not used for money; the offline reading is returned', (text, command) => {
    const own = parseOffline(text, catalog);
    expect(preferSaferReading(llm(command, 0.95), own, message(text))).toBe(own);
  });

  it('the offline reading it returns reports the number, below the read-back threshold', () => {
    const own = parseOffline('buy 0,001 btc', catalog);
    expect(own.command).toEqual({ intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.001 });
    const negative = parseOffline('buy -1 btc', catalog);
    expect(negative.numberProblem).toEqual({ kind: 'not_positive', field: 'amount', written: '-1' });
    expect(negative.confidence).toBeLessThan(0.4);
  });

  it.each<readonly [string, ParseResult['command']]>([
    ['buy 2.5k doge', { intent: 'buy_market', symbol: 'DOGE/USDT', amount: 2500 }],
    ['buy $1,200 of eth', { intent: 'buy_market', symbol: 'ETH/USDT', quote_amount: 1200 }],
    ['buy 1 000 000 usdt of btc', { intent: 'buy_market', symbol: 'BTC/USDT', quote_amount: 1_000_000 }],
    ['sell half my eth', { intent: 'sell_market', symbol: 'ETH/USDT', percentage: 50 }],
    ['sell all my eth', { intent: 'sell_market', symbol: 'ETH/USDT', percentage: 100 }],
    ['buy two eth', { intent: 'buy_market', symbol: 'ETH/USDT', amount: 2 }],
    ['buy a bitcoin', { intent: 'buy_market', symbol: 'BTC/USDT', amount: 1 }],
    ['buy 1000 sats', { intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.00001 }],
    ['buy 0.1 btc at 60k', { intent: 'buy_limit', symbol: 'BTC/USDT', amount: 0.1, price: 60000 }],
    ['stop loss on eth 5% below', { intent: 'set_stop_loss', symbol: 'ETH/USDT', percentage: 5 }],
  ])('%s: the LLM’s %j holds only written numbers and stands', (text, command) => {
    const reading = llm(command, 0.95);
    const own = parseOffline(text, catalog);
    const chosen = preferSaferReading(reading, own, message(text));
    expect(chosen.parser).toBe('llm');
    expect(chosen.command).toEqual(command);
  });
});

describe('the LLM chain applies the number rule (fake OpenAI server)', () => {
  let fake: FakeOpenAi;
  beforeEach(async () => {
    fake = await startFakeOpenAi();
  });
  afterEach(() => fake.close());

  const nulls = { symbol: null, amount: null, quote_amount: null, percentage: null, price: null, direction: null, order_id: null, timeframe: null };
  const offlineParser: CommandParser = { parse: (text, context) => Promise.resolve(parseOffline(text, context.catalog)) };

  function chain(): FallbackParser {
    const model = new LlmParser({ clientOptions: { apiKey: 'sk-test-cross-check', baseURL: fake.baseURL, timeoutMs: 30_000 }, model: 'test-model' });
    const logger = createLogger({ level: 'silent', destination: { write: () => undefined } });
    return new FallbackParser(model, offlineParser, logger, { timeoutMs: 20_000, reconcile: preferSaferReading });
  }

  it('an LLM that turns "0,001" into 1 is overruled by the exact offline reading', async () => {
    fake.enqueue({ kind: 'tool_call', arguments: { ...nulls, intent: 'buy_market', symbol: 'BTC/USDT', amount: 1 } });
    const result = await chain().parse('buy 0,001 btc', { catalog });
    expect(result).toMatchObject({ parser: 'offline', command: { intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.001 } });
  });

  it('an LLM that reads "1\u200B00 usdt" as 100 is overruled by the offline numberProblem', async () => {
    fake.enqueue({ kind: 'tool_call', arguments: { ...nulls, intent: 'buy_market', symbol: 'BTC/USDT', quote_amount: 100 } });
    const result = await chain().parse('buy 1\u200B00 usdt of btc', { catalog });
    expect(result.parser).toBe('offline');
    expect(result.command).toEqual({ intent: 'buy_market', symbol: 'BTC/USDT' });
    expect(result.numberProblem).toEqual({ kind: 'unreadable', field: 'quote_amount', written: '1\u200B00' });
    expect(result.confidence).toBeLessThan(0.4);
  });

  it('an LLM reading whose numbers are all written stands', async () => {
    fake.enqueue({ kind: 'tool_call', arguments: { ...nulls, intent: 'buy_market', symbol: 'ETH/USDT', amount: 0.2 } });
    const result = await chain().parse('could you grab me 0.2 ether', { catalog });
    expect(result).toMatchObject({ parser: 'llm', command: { intent: 'buy_market', symbol: 'ETH/USDT', amount: 0.2 } });
  });
});
