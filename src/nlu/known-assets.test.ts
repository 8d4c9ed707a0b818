import { describe, expect, it } from 'vitest';
import { KNOWN_ASSETS, KNOWN_QUOTES, StaticAssetCatalog } from './known-assets.js';

describe('KNOWN_ASSETS', () => {
  it('lists a few hundred unique upper-case tickers including the usual quotes', () => {
    expect(KNOWN_ASSETS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(KNOWN_ASSETS).size).toBe(KNOWN_ASSETS.length);
    expect(KNOWN_ASSETS.every((t) => /^[A-Z0-9]{1,20}$/.test(t))).toBe(true);
    for (const t of ['BTC', 'ETH', 'SOL', 'DOGE', 'NEAR', 'OP', 'UNI', 'LINK', ...KNOWN_QUOTES]) expect(KNOWN_ASSETS).toContain(t);
  });
});

describe('StaticAssetCatalog', () => {
  it('normalises tickers and drops malformed ones', () => {
    const c = new StaticAssetCatalog(['btc', ' Eth ', 'BTC', 'not a ticker', '', 'X/Y']);
    expect([...c.assets()].sort()).toEqual(['BTC', 'ETH']);
    expect(c.hasAsset('BTC')).toBe(true);
    expect(c.hasAsset('eth')).toBe(true);
    expect(c.hasAsset('SOL')).toBe(false);
  });

  it('returns the same frozen list each time (the parser caches per list)', () => {
    const c = new StaticAssetCatalog(['BTC']);
    expect(c.assets()).toBe(c.assets());
    expect(Object.isFrozen(c.assets())).toBe(true);
  });

  it('merges with other catalogs and reads exchange market symbols', () => {
    const exchange = StaticAssetCatalog.fromSymbols(['NEWCOIN/USDT', 'ETH/BTC', 'BTC/USDT:USDT']);
    expect([...exchange.assets()].sort()).toEqual(['BTC', 'ETH', 'NEWCOIN', 'USDT']);
    const merged = new StaticAssetCatalog(KNOWN_ASSETS).merge(exchange);
    expect(merged.hasAsset('NEWCOIN')).toBe(true);
    expect(merged.size).toBe(KNOWN_ASSETS.length + 1);
    expect(StaticAssetCatalog.union(exchange, new StaticAssetCatalog(['SOL'])).hasAsset('SOL')).toBe(true);
  });
});
