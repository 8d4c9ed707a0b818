import { describe, expect, it } from 'vitest';
import { TemporaryError } from '../../shared/errors.js';
import { LONG, type Strategy } from '../strategies/index.js';
import { collectSentiment } from './collect-sentiment.js';
import { loadLexicon } from './lexicon.js';
import { LexiconScorer } from './lexicon-scorer.js';
import { InMemorySentimentSignals, mentions } from './sentiment-signal.js';
import { sentimentFilter, sentimentPoints } from './sentiment-filter.js';
import type { SentimentItem, SentimentSource } from './source.js';

const NOW = Date.UTC(2025, 11, 2, 12);
const HOUR = 3_600_000;
const item = (id: string, title: string, hoursAgo: number | null, source = 'rss:news'): SentimentItem => ({ id, source, title, text: '', publishedAt: hoursAgo === null ? null : NOW - hoursAgo * HOUR });
const fixed = (name: string, items: SentimentItem[]): SentimentSource => ({ name, fetchItems: async () => items });

describe('sentiment signals', () => {
  it('knows which asset a headline speaks of', () => {
    expect(mentions({ title: 'Bitcoin rallies', text: '' }, 'BTC/USDT')).toBe(true);
    expect(mentions({ title: '$ETH pumps', text: '' }, 'ETH/USDT')).toBe(true);
    expect(mentions({ title: 'Ethereum upgrade', text: '' }, 'BTC/USDT')).toBe(false);
    expect(mentions({ title: 'Solana outage', text: '' }, 'SOL/USDT')).toBe(true);
    expect(mentions({ title: 'Console launch', text: '' }, 'SOL/USDT')).toBe(false);
  });

  it('scores every source once, stores one signal per symbol with source sentiment, and survives a failing source', async () => {
    const store = new InMemorySentimentSignals();
    const scorer = new LexiconScorer(await loadLexicon());
    const result = await collectSentiment({
      sources: [
        fixed('rss:news', [item('1', 'Bitcoin surges to a record high', 1), item('2', 'Bitcoin rallies as ETF inflows jump', 2), item('2', 'Bitcoin rallies as ETF inflows jump', 2), item('3', 'Ethereum hacked bridge drained', 3)]),
        fixed('social:posts', [item('a', 'bitcoin to the moon 🚀', null, 'social:posts'), item('old', 'Bitcoin crashes', 48, 'social:posts')]),
        { name: 'rss:down', fetchItems: async () => Promise.reject(new TemporaryError('the feed rss:down answered HTTP 503')) },
      ],
      scorer,
      store,
      symbols: ['BTC/USDT', 'ETH/USDT', 'XRP/USDT'],
      now: NOW,
    });
    // The duplicate and the 48-hour-old item are not counted.
    expect(result.items).toBe(4);
    expect(result.failures).toEqual([{ source: 'rss:down', code: 'exchange.temporary', message: 'the feed rss:down answered HTTP 503' }]);
    const btc = result.signals.find((s) => s.symbol === 'BTC/USDT')!;
    expect(btc).toMatchObject({ source: 'sentiment', signal: 'buy', timeframe: '1d', at: NOW });
    expect(btc.details).toMatchObject({ count: 3, positive: 3, negative: 0, scorer: 'lexicon', sources: ['rss:news', 'social:posts'] });
    expect(btc.strength).toBeGreaterThan(0.3);
    const eth = result.signals.find((s) => s.symbol === 'ETH/USDT')!;
    expect(eth.signal).toBe('sell');
    expect(result.signals.some((s) => s.symbol === 'XRP/USDT')).toBe(false);
    expect((await store.list('BTC/USDT', NOW - HOUR, NOW + 1)).map((s) => s.strength)).toEqual([btc.strength]);
    expect(await store.list('BTC/USDT', NOW + 1, NOW + HOUR)).toEqual([]);
  });
});

describe('the sentiment filter on a strategy', () => {
  const always: Strategy = { name: 'always', params: {}, warmUp: 0, targets: (c) => new Uint8Array(c.length).fill(LONG) };
  const candles = (n: number) => {
    const timestamp = Float64Array.from({ length: n }, (_, i) => NOW + i * HOUR);
    const flat = new Float64Array(n).fill(100);
    return { length: n, timestamp, open: flat, high: flat, low: flat, close: flat, volume: flat };
  };

  it('stays out while the latest reading known at a close is below the floor, and not before the reading exists', () => {
    // Candle i opens at NOW + i h and closes an hour later. A bad reading at NOW + 2.5 h is known at
    // the close of candle 2 (NOW + 3 h), a good one at NOW + 5 h at the close of candle 4.
    const filtered = sentimentFilter(always, [
      { at: NOW + 2.5 * HOUR, score: -0.6 },
      { at: NOW + 5 * HOUR, score: 0.4 },
    ]);
    expect([...filtered.targets(candles(7))]).toEqual([1, 1, 0, 0, 1, 1, 1]);
    expect(filtered.name).toBe('always+sentiment');
  });

  it('gives the same targets on a prefix of the candles (no look-ahead)', () => {
    const points = sentimentPoints([{ at: NOW + 30 * HOUR, strength: -0.5 }, { at: NOW + 61 * HOUR, strength: 0.2 }, { at: NOW + 90 * HOUR, strength: -0.9 }]);
    const filtered = sentimentFilter(always, points, { candleMs: HOUR });
    const full = filtered.targets(candles(120));
    for (const cut of [10, 31, 60, 91]) expect([...filtered.targets(candles(cut))]).toEqual([...full.subarray(0, cut)]);
    expect(full.includes(0)).toBe(true);
  });
});
