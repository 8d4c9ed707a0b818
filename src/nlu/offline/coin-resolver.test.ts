import { describe, expect, it } from 'vitest';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../known-assets.js';
import { ambiguityOf, CoinResolver } from './coin-resolver.js';
import { parseOffline } from './offline-parser.js';

const known = new StaticAssetCatalog(KNOWN_ASSETS);
const resolver = new CoinResolver(known);
const symbolOf = (text: string, catalog = known): string | null | undefined => parseOffline(text, catalog).command.symbol;

describe('CoinResolver', () => {
  it('maps names and nicknames to listed tickers', () => {
    expect(resolver.word('bitcoin')?.ticker).toBe('BTC');
    expect(resolver.word('ether')?.ticker).toBe('ETH');
    expect(resolver.word('solana')?.ticker).toBe('SOL');
    expect(resolver.word('dogecoin')?.ticker).toBe('DOGE');
    expect(resolver.word('polygon')?.ticker).toBe('MATIC');
    expect(resolver.word('sats')).toMatchObject({ ticker: 'BTC', via: 'sats' });
  });

  it('prefers the first listed ticker of a name', () => {
    const polOnly = new CoinResolver(new StaticAssetCatalog(['POL', 'USDT']));
    expect(polOnly.word('polygon')?.ticker).toBe('POL');
  });

  it('knows a name whose coin is not listed, without inventing a ticker', () => {
    expect(new CoinResolver(new StaticAssetCatalog(['BTC', 'USDT'])).word('monero')).toMatchObject({ ticker: undefined, via: 'name' });
  });

  it('splits glued pairs only into two listed assets', () => {
    expect(resolver.word('solusdt')).toMatchObject({ ticker: 'SOL', quote: 'USDT', via: 'glued' });
    expect(resolver.word('ethbtc')).toMatchObject({ ticker: 'ETH', quote: 'BTC' });
    expect(resolver.word('wbtc')).toMatchObject({ ticker: 'WBTC', via: 'ticker' }); // a ticker itself, not W/BTC
    expect(resolver.word('teeth')).toBeNull();
    expect(resolver.pair('uni', 'eth')).toMatchObject({ ticker: 'UNI', quote: 'ETH' });
    expect(resolver.pair('eth', 'eth')).toBeNull();
    expect(resolver.pair('stop', 'loss')).toBeNull();
  });

  it('corrects typos of names and long tickers, never short or English words', () => {
    expect(resolver.fuzzy('bitconi')).toBe('BTC');
    expect(resolver.fuzzy('etherum')).toBe('ETH');
    expect(resolver.fuzzy('solona')).toBe('SOL');
    expect(resolver.fuzzy('avalance')).toBe('AVAX');
    expect(resolver.fuzzy('lnik')).toBe('LINK');
    expect(resolver.fuzzy('btcc')).toBeNull(); // BTC is too short to guess at
    expect(resolver.fuzzy('done')).toBeNull(); // English, not "doge"
    expect(resolver.fuzzy('also')).toBeNull(); // English, not "algo"
  });

  it('grades how much context a ticker needs', () => {
    expect(ambiguityOf('btc')).toBe('none');
    expect(ambiguityOf('near')).toBe('wordy');
    expect(ambiguityOf('link')).toBe('wordy');
    expect(ambiguityOf('op')).toBe('wordy');
    expect(ambiguityOf('for')).toBe('function');
    expect(ambiguityOf('it')).toBe('function');
    expect(ambiguityOf('t')).toBe('function');
  });
});

describe('coin resolution in sentences', () => {
  it('accepts any ticker the catalog lists, so a new listing needs no code change', () => {
    const withNew = new StaticAssetCatalog([...KNOWN_ASSETS, 'NEWCOIN']);
    expect(parseOffline('buy 10 newcoin', withNew).command).toEqual({ intent: 'buy_market', symbol: 'NEWCOIN/USDT', amount: 10 });
    const without = parseOffline('buy 10 newcoin', known);
    expect(without.command).toEqual({ intent: 'buy_market', amount: 10 });
    expect(without.unresolvedCoin).toBe('newcoin');
    expect(without.confidence).toBeLessThan(0.7);
  });

  it('reports an unlisted coin name for "Did you mean …?"', () => {
    const r = parseOffline('buy some monero', new StaticAssetCatalog(['BTC', 'ETH', 'USDT']));
    expect(r.command.symbol).toBeUndefined();
    expect(r.unresolvedCoin).toBe('monero');
  });

  it('reads English-word tickers as coins only where the sentence says so', () => {
    expect(symbolOf('sell 40 op')).toBe('OP/USDT');
    expect(symbolOf('stop loss on link at 12')).toBe('LINK/USDT');
    expect(symbolOf('buy 100 one')).toBe('ONE/USDT');
    expect(symbolOf('how much is near protocol')).toBe('NEAR/USDT');
    expect(symbolOf('Buy 3 NEAR')).toBe('NEAR/USDT');
    expect(parseOffline("I'm near the store", known).command).toEqual({ intent: 'unknown' });
    expect(parseOffline('the link is broken', known).command).toEqual({ intent: 'unknown' });
    expect(parseOffline('alert me when eth is near 3000', known).command.symbol).toBe('ETH/USDT');
  });

  it('never reads tiny words as coins without a number before them', () => {
    const catalog = new StaticAssetCatalog([...KNOWN_ASSETS, 'IT']);
    expect(symbolOf('set a stoploss at 2800 for eth', catalog)).toBe('ETH/USDT');
    expect(symbolOf('buy it', catalog)).toBeUndefined();
    expect(symbolOf('buy eth for me', catalog)).toBe('ETH/USDT');
    expect(symbolOf('buy 50 IT', catalog)).toBe('IT/USDT');
    expect(symbolOf('buy 100 FOR', catalog)).toBe('FOR/USDT');
    expect(symbolOf('buy 1000 not', catalog)).toBe('NOT/USDT');
  });

  it('keeps the quote of a pair and of a glued ticker', () => {
    expect(symbolOf('buy 2 eth on the eth/btc pair')).toBe('ETH/BTC');
    expect(symbolOf('sell 10 uni on UNI-ETH')).toBe('UNI/ETH');
    expect(symbolOf('buy 2 SOLUSDT')).toBe('SOL/USDT');
    expect(symbolOf('sell 0.5 ethbtc')).toBe('ETH/BTC');
  });

  it('takes the quote from the words', () => {
    expect(symbolOf('buy btc with all my usdc')).toBe('BTC/USDC');
    expect(symbolOf('sell 5 ltc against btc')).toBe('LTC/BTC');
    expect(symbolOf('price of ada in btc')).toBe('ADA/BTC');
    expect(symbolOf('sell 2 eth for btc')).toBe('ETH/BTC');
    expect(symbolOf('use half of my usdt to buy avax')).toBe('AVAX/USDT');
    expect(symbolOf('buy 100 bucks of bitcoin')).toBe('BTC/USDT');
    expect(symbolOf('buy €100 of btc')).toBe('BTC/EUR');
  });
});
