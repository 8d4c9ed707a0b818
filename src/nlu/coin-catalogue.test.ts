import { describe, expect, it } from 'vitest';
import { CATALOGUE, catalogueNames, catalogueTickers, catalogueWordyNames } from './coin-catalogue.js';
import { KNOWN_ASSETS, StaticAssetCatalog } from './known-assets.js';
import { parseOffline } from './offline/offline-parser.js';

const catalog = new StaticAssetCatalog(KNOWN_ASSETS);
const command = (text: string) => parseOffline(text, catalog).command;

describe('the coin catalogue (coin-catalogue.json)', () => {
  it('holds a few hundred coins, each an upper-case ticker with lower-case names', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(200);
    for (const c of CATALOGUE) {
      expect(c.ticker).toMatch(/^[A-Z0-9]{1,20}$/);
      for (const n of c.names) expect(n).toBe(n.toLowerCase().trim());
      for (const w of c.wordy ?? []) expect(c.names).toContain(w);
    }
  });

  it('maps project names, nicknames and misspellings to tickers', () => {
    const names = catalogueNames();
    expect(names.get('polkadot')).toEqual(['DOT']);
    expect(names.get('chainlink')).toEqual(['LINK']);
    expect(names.get('shiba inu')).toEqual(['SHIB']);
    expect(names.get('injective')).toEqual(['INJ']);
    expect(names.get('arbitrum')).toEqual(['ARB']);
    expect(names.get('dogwifhat')).toEqual(['WIF']);
    expect(names.get('render')).toEqual(['RENDER']);
    // RNDR was renamed RENDER: the old ticker is a nickname of the new one.
    expect(names.get('rndr')).toEqual(['RENDER']);
    // A name spelled like a ticker means that ticker first.
    expect(names.get('matic')?.[0]).toBe('MATIC');
    expect(catalogueWordyNames()).toContain('cosmos');
  });

  it('feeds the bundled asset list, except coins the exchange does not carry', () => {
    expect(catalogueTickers()).toContain('TIA');
    expect(KNOWN_ASSETS).toContain('WIF');
    expect(catalogueTickers()).not.toContain('KAS');
    expect(command('buy 5 kaspa')).toEqual({ intent: 'buy_market', amount: 5 });
  });

  it('is merged with the exchange list: a coin the exchange lists is read, a name resolves to it', () => {
    const exchangeOnly = StaticAssetCatalog.fromSymbols(['BRANDNEW/USDT', 'DOT/USDT']);
    const merged = exchangeOnly.merge(catalog);
    expect(parseOffline('buy 3 brandnew', merged).command).toEqual({ intent: 'buy_market', symbol: 'BRANDNEW/USDT', amount: 3 });
    // "polkadot" is DOT whether or not the replay data has it.
    expect(parseOffline('price of polkadot', new StaticAssetCatalog(['USDT', 'DOT'])).command).toEqual({ intent: 'get_price', symbol: 'DOT/USDT' });
  });

  it('reads names in sentences, and misspellings a person reads at once', () => {
    expect(command('sell 40 chainlink')).toEqual({ intent: 'sell_market', symbol: 'LINK/USDT', amount: 40 });
    expect(command('buy 2m shiba inu')).toEqual({ intent: 'buy_market', symbol: 'SHIB/USDT', amount: 2_000_000 });
    expect(command('celestia price')).toEqual({ intent: 'get_price', symbol: 'TIA/USDT' });
    expect(command('buy 10 polkadott')).toEqual({ intent: 'buy_market', symbol: 'DOT/USDT', amount: 10 });
    expect(command('sell 3 injectiv')).toEqual({ intent: 'sell_market', symbol: 'INJ/USDT', amount: 3 });
    expect(command('buy 100 worldcoin')).toEqual({ intent: 'buy_market', symbol: 'WLD/USDT', amount: 100 });
  });
});

describe('tickers that are English words', () => {
  it('are coins with a number or a trade verb before them', () => {
    expect(command('buy 50 near')).toEqual({ intent: 'buy_market', symbol: 'NEAR/USDT', amount: 50 });
    expect(command('sell one dot')).toEqual({ intent: 'sell_market', symbol: 'DOT/USDT', amount: 1 });
    expect(command('buy 300 gas')).toEqual({ intent: 'buy_market', symbol: 'GAS/USDT', amount: 300 });
    expect(command('sell 12 sand')).toEqual({ intent: 'sell_market', symbol: 'SAND/USDT', amount: 12 });
  });

  it('are English where the sentence uses them so', () => {
    expect(command('buy near the lows')).toEqual({ intent: 'unknown' });
    expect(command('buy a ton of doge')).toEqual({ intent: 'buy_market', symbol: 'DOGE/USDT' });
    expect(command('gas fees on eth rn?')).toEqual({ intent: 'unknown' });
    expect(command('buy eth near 2900')).toEqual({ intent: 'buy_limit', symbol: 'ETH/USDT', price: 2900 });
  });

  it('are read with less confidence when nothing but the word itself says coin: the bot asks', () => {
    const alone = parseOffline('gas', catalog);
    expect(alone.command).toEqual({ intent: 'get_price', symbol: 'GAS/USDT' });
    expect(alone.confidence).toBeLessThan(0.7);
    expect(parseOffline('gas price', catalog).confidence).toBeGreaterThanOrEqual(0.9);
    expect(parseOffline('buy 300 gas', catalog).confidence).toBeGreaterThanOrEqual(0.9);
  });
});
