import { describe, expect, it } from 'vitest';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../../nlu/known-assets.js';
import { parseOffline } from '../../nlu/offline/offline-parser.js';
import { sizeFromReply } from './size-reply.js';

const catalog = new StaticAssetCatalog(KNOWN_ASSETS);
const parse = (text: string) => parseOffline(text, catalog);

describe('sizeFromReply', () => {
  it.each([
    ['0.5', 'sell', { kind: 'base', amount: '0.5' }],
    ['$100', 'buy', { kind: 'quote', amount: '100' }],
    ['100 usdt', 'buy', { kind: 'quote', amount: '100' }],
    ['25%', 'sell', { kind: 'percent', percent: 25 }],
    ['half', 'sell', { kind: 'percent', percent: 50 }],
    ['all', 'sell', { kind: 'percent', percent: 100 }],
    ['1.5k', 'buy', { kind: 'base', amount: '1500' }],
  ] as const)('reads %s for a %s', (reply, side, expected) => {
    expect(sizeFromReply(reply, side, 'ETH/USDT', parse)).toEqual(expected);
  });

  it.each(['what is the price of btc', 'hello', '', 'tell me a joke', 'x'.repeat(100)])('is not an amount: %s', (reply) => {
    expect(sizeFromReply(reply, 'sell', 'ETH/USDT', parse)).toBeNull();
  });

  it('does not let a reply switch the coin', () => {
    expect(sizeFromReply('2 btc', 'sell', 'ETH/USDT', parse)).toBeNull();
    expect(sizeFromReply('0.5', 'sell', 'ETH/BTC', parse)).toEqual({ kind: 'base', amount: '0.5' });
  });
});
