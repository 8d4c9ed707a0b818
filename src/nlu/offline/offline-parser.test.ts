import { describe, expect, it } from 'vitest';
import type { AssetCatalog } from '../contract.js';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../known-assets.js';
import { OfflineParser, parseOffline } from './offline-parser.js';

const catalog = new StaticAssetCatalog(KNOWN_ASSETS);
const parse = (text: string) => parseOffline(text, catalog);
const command = (text: string) => parse(text).command;

describe('parseOffline: commands', () => {
  it('reads slang and typos of verbs', () => {
    expect(command('by 2 eth')).toEqual({ intent: 'buy_market', symbol: 'ETH/USDT', amount: 2 });
    expect(command('sel 3 sol')).toEqual({ intent: 'sell_market', symbol: 'SOL/USDT', amount: 3 });
    expect(command('ape into pepe with $250')).toEqual({ intent: 'buy_market', symbol: 'PEPE/USDT', quote_amount: 250 });
    expect(command('dump all my doge')).toEqual({ intent: 'sell_market', symbol: 'DOGE/USDT', percentage: 100 });
    expect(command('load up on 2k xrp')).toEqual({ intent: 'buy_market', symbol: 'XRP/USDT', amount: 2000 });
    expect(command('offload 50 link')).toEqual({ intent: 'sell_market', symbol: 'LINK/USDT', amount: 50 });
    expect(command('go all in on sol')).toEqual({ intent: 'buy_market', symbol: 'SOL/USDT', percentage: 100 });
  });

  it('reads a stated price as a limit, also as a condition, and "at market" as market', () => {
    expect(command('buy 3 sol if it dips to 140')).toEqual({ intent: 'buy_limit', symbol: 'SOL/USDT', amount: 3, price: 140 });
    expect(command('sell 2 eth when it hits 4k')).toEqual({ intent: 'sell_limit', symbol: 'ETH/USDT', amount: 2, price: 4000 });
    expect(command('buy 2 eth at market')).toEqual({ intent: 'buy_market', symbol: 'ETH/USDT', amount: 2 });
    expect(command('buy 1 eth at $3,100')).toEqual({ intent: 'buy_limit', symbol: 'ETH/USDT', amount: 1, price: 3100 });
  });

  it('reads sizes: coins, money, shares and parts of a coin', () => {
    expect(command('buy half a btc')).toEqual({ intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.5 });
    expect(command('sell a quarter of my eth')).toEqual({ intent: 'sell_market', symbol: 'ETH/USDT', percentage: 25 });
    expect(command('buy 50 usdt worth of xrp')).toEqual({ intent: 'buy_market', symbol: 'XRP/USDT', quote_amount: 50 });
    expect(command('buy 100k sats')).toEqual({ intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.001 });
    expect(command('swap 1 eth for btc')).toEqual({ intent: 'sell_market', symbol: 'ETH/BTC', amount: 1 });
    expect(command('convert 100 usdt to sol')).toEqual({ intent: 'buy_market', symbol: 'SOL/USDT', quote_amount: 100 });
  });

  it('reads order ids, timeframes and alert directions', () => {
    expect(command('cancel #77')).toEqual({ intent: 'cancel_order', order_id: '77' });
    expect(command('cancel order a1b2')).toEqual({ intent: 'cancel_order', order_id: 'a1b2' });
    expect(command('kill all orders')).toEqual({ intent: 'cancel_order', order_id: 'all' });
    expect(command('cancel all my sol orders')).toEqual({ intent: 'cancel_order', order_id: 'all', symbol: 'SOL/USDT' });
    expect(command('btc signals hourly')).toEqual({ intent: 'get_signals', symbol: 'BTC/USDT', timeframe: '1h' });
    expect(command('signals for sol 4 hour')).toEqual({ intent: 'get_signals', symbol: 'SOL/USDT', timeframe: '4h' });
    expect(command('ada on the 15m chart signals')).toEqual({ intent: 'get_signals', symbol: 'ADA/USDT', timeframe: '15m' });
    expect(command('alert me when eth hits 4k')).toEqual({ intent: 'set_alert', symbol: 'ETH/USDT', price: 4000 });
    expect(command('alert: btc > 70k')).toEqual({ intent: 'set_alert', symbol: 'BTC/USDT', price: 70000, direction: 'above' });
  });

  it('carries only the entities the intent lists', () => {
    expect(command("what's my sol balance")).toEqual({ intent: 'check_portfolio' });
    expect(command('what would 1 eth cost')).toEqual({ intent: 'get_price', symbol: 'ETH/USDT' });
    expect(command('stop loss for 2 eth at 2800')).toEqual({ intent: 'set_stop_loss', symbol: 'ETH/USDT', price: 2800 });
  });
});

describe('parseOffline: what it must not trade on', () => {
  it.each([
    'I love bitcoin',
    'sell me on eth',
    'buy the dip',
    "don't buy eth",
    'I do not want to sell my btc',
    'open a 20x long on eth',
    'short 2 eth',
    'stake 100 dot',
    'withdraw 500 usdt to my bank account',
    'bridge usdc to arbitrum',
    'send 1 eth to my friend',
    'tell me a joke',
    'why did you sell my eth',
    'i bought eth yesterday',
    'buy me a coffee',
  ])('%s → unknown', (text) => {
    expect(command(text)).toEqual({ intent: 'unknown' });
  });

  it.each(['what is a limit order', 'how do I buy btc?', 'what can you do?', 'help'])('%s → help', (text) => {
    expect(command(text)).toEqual({ intent: 'help' });
  });

  it('reads only the first of two commands, and asks before acting on it', () => {
    const r = parse('buy 2 eth and set a stop loss at 2800');
    expect(r.command).toEqual({ intent: 'buy_market', symbol: 'ETH/USDT', amount: 2 }); // 2800 is the stop, not a limit
    expect(r.confidence).toBeLessThanOrEqual(0.5);
  });

  it('does not act now on a timed order: scheduling is not offered', () => {
    for (const text of ['buy 1 eth at 3pm', 'buy 1 eth at 10:30', 'sell 2 eth tomorrow', 'tomorrow buy 2 eth', 'buy eth on 12/05', 'buy 1 eth every week', 'sell 2 eth in 5 min', 'buy 3 sol on monday']) {
      expect(command(text), text).toEqual({ intent: 'unknown' });
    }
    // Greetings name a time of day without scheduling anything.
    expect(command('good morning, buy 1 eth')).toEqual({ intent: 'buy_market', symbol: 'ETH/USDT', amount: 1 });
    expect(command('morning all, buy 1 eth')).toEqual({ intent: 'buy_market', symbol: 'ETH/USDT', amount: 1 });
  });

  it('answers questions about a trade with something other than the trade', () => {
    expect(command('should I buy avax?')).toEqual({ intent: 'get_signals', symbol: 'AVAX/USDT' });
    expect(command("what's the price to buy 1 btc")).toEqual({ intent: 'get_price', symbol: 'BTC/USDT' });
    expect(command('did you buy eth?').intent).not.toMatch(/^(buy|sell)_/);
    expect(command("by the way, what's the btc price")).toEqual({ intent: 'get_price', symbol: 'BTC/USDT' });
    expect(command('I cannot sell my eth')).toEqual({ intent: 'unknown' });
  });
});

describe('parseOffline: confidence', () => {
  it('is highest for an exact reading and drops with each doubt', () => {
    const exact = parse('buy 0.5 btc').confidence;
    const typo = parse('buy 0.5 bitconi').confidence;
    const stray = parse('buy 0.5 btc for my grandmas birthday party').confidence;
    const ambiguous = parse('sell 2 eth for 7000').confidence;
    const twoCoins = parse('buy eth and btc').confidence;
    expect(exact).toBeGreaterThanOrEqual(0.9);
    expect(typo).toBeLessThan(exact);
    expect(typo).toBeGreaterThanOrEqual(0.7);
    expect(stray).toBeLessThan(exact);
    expect(ambiguous).toBeLessThan(0.7);
    expect(twoCoins).toBeLessThan(0.5);
  });

  it('drops when a value had to be discarded or the input was cut', () => {
    expect(parse('buy 0 eth').confidence).toBeLessThan(0.5);
    expect(parse('buy 1,5 eth').confidence).toBeLessThan(0.7);
    const long = parse(`buy 1 eth ${'and more words '.repeat(100)}`);
    expect(long.confidence).toBeLessThanOrEqual(0.3);
  });

  it('is a number in 0..1 and names the parser', () => {
    for (const text of ['', 'buy', 'buy 1 btc', 'lol', 'x'.repeat(5000)]) {
      const r = parse(text);
      expect(r.parser).toBe('offline');
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('parseOffline: failure safety', () => {
  it('answers unknown instead of throwing when the catalog fails', () => {
    const broken: AssetCatalog = {
      hasAsset: () => {
        throw new Error('exchange down');
      },
      assets: () => [],
    };
    expect(parseOffline('buy 1 btc', broken)).toEqual({ command: { intent: 'unknown' }, confidence: 0, parser: 'offline' });
  });

  it('is also available as a CommandParser', async () => {
    const r = await new OfflineParser().parse('sell 1 btc', { catalog });
    expect(r).toEqual(parse('sell 1 btc'));
  });
});
