import { describe, expect, it } from 'vitest';
import type { Topic } from '../contract.js';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../known-assets.js';
import { parseOffline } from './offline-parser.js';

const catalog = new StaticAssetCatalog(KNOWN_ASSETS);
const parse = (text: string) => parseOffline(text, catalog);

describe('small talk and near misses: unknown, with a topic the bot can answer', () => {
  it.each<[string, Topic]>([
    ['hi', 'greeting'], ['hey', 'greeting'], ['gm', 'greeting'], ['hello there', 'greeting'], ['Good morning!', 'greeting'],
    ['hey bot', 'greeting'], ['yo', 'greeting'], ["what's up", 'greeting'], ['gm 🚀', 'greeting'],
    ['thanks!', 'thanks'], ['thank you', 'thanks'], ['thx', 'thanks'], ['ty', 'thanks'], ['cheers', 'thanks'], ['thanks a lot', 'thanks'],
    ['hey there, thanks a lot!', 'thanks'], ['much appreciated', 'thanks'],
    ["what's the market doing", 'market_summary'], ["how's the market", 'market_summary'], ['how is the crypto market today?', 'market_summary'],
    ['market overview', 'market_summary'], ["what's moving", 'market_summary'], ["thanks, how's the market?", 'market_summary'],
    ['show my trade history', 'trade_history'], ['my past trades', 'trade_history'], ['my fills', 'trade_history'], ['trade log', 'trade_history'],
    ['show me my order history please', 'trade_history'],
    ['undo', 'undo'], ['undo that', 'undo'], ['take that back', 'undo'], ['undo my last trade', 'undo'],
  ])('%s → %s', (text, topic) => {
    const r = parse(text);
    expect(r.command).toEqual({ intent: 'unknown' });
    expect(r.topic).toBe(topic);
  });

  it.each(['🚀🚀🚀', '👋', '', 'hi, can i stake here?', 'my friend told me to buy doge', 'sell my soul', 'what is a limit order'])(
    '%s names no topic',
    (text) => {
      expect(parse(text).topic).toBeUndefined();
    },
  );

  it('leaves commands that open with small talk alone', () => {
    expect(parse('hey, buy me 0.02 BTC please')).toMatchObject({ command: { intent: 'buy_market', amount: 0.02 } });
    expect(parse('thanks! sell 1 eth')).toMatchObject({ command: { intent: 'sell_market', amount: 1 } });
    expect(parse('hey what is the price of btc').topic).toBeUndefined();
  });
});

describe('selling every holding', () => {
  it.each(['sell everything', 'sell all my coins', 'liquidate it all', 'dump everything', 'sell all my crypto', 'cash out everything', 'sell all'])(
    '%s → sell_market 100% of every holding',
    (text) => {
      const r = parse(text);
      expect(r.command).toEqual({ intent: 'sell_market', percentage: 100 });
      expect(r.allHoldings).toBe(true);
    },
  );

  it.each(['sell all my btc', 'sell all my eth and sol', 'sell everything and buy a boat', 'sell half', 'buy everything', 'sell it'])('%s is not every holding', (text) => {
    expect(parse(text).allHoldings).toBeUndefined();
  });
});
