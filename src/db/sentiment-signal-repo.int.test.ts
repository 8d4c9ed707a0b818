import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { InMemorySentimentSignals, type SentimentSignal, type SentimentSignalStore } from '../signals/sentiment/sentiment-signal.js';
import { SentimentSignalRepo } from './sentiment-signal-repo.js';

const T0 = Date.UTC(2026, 0, 5, 12);
const signal = (symbol: string, at: number, strength: number): SentimentSignal => ({
  symbol,
  timeframe: '1d',
  source: 'sentiment',
  signal: strength > 0.15 ? 'buy' : strength < -0.15 ? 'sell' : 'hold',
  // float4 in the table: values a real holds exactly, so both stores compare equal.
  strength,
  at,
  details: { count: 2, positive: 1, negative: 1, neutral: 0, scorer: 'lexicon', sources: ['rss:news'], examples: [{ title: 'Bitcoin rallies', score: 0.5, source: 'rss:news' }] },
});

/** One contract, run against the in-memory fake and the database. */
function contract(name: string, open: () => Promise<{ store: SentimentSignalStore; close: () => Promise<void> }>, enabled = true) {
  describe.skipIf(!enabled)(`sentiment signals in ${name}`, () => {
    let store: SentimentSignalStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(async () => close?.());

    it('stores signals and lists a symbol’s in a time range, oldest first', async () => {
      const sym = `SENT${name.replace(/\W/g, "").slice(0, 6).toUpperCase()}/USDT`;
      await store.save([signal(sym, T0 + 2000, 0.5), signal(sym, T0, -0.25), signal('OTHER/USDT', T0 + 1000, 0.75)]);
      await store.save([]);
      const listed = await store.list(sym, T0, T0 + 3000);
      expect(listed).toEqual([signal(sym, T0, -0.25), signal(sym, T0 + 2000, 0.5)]);
      expect(await store.list(sym, T0 + 1, T0 + 2000)).toEqual([]);
    });
  });
}

contract('memory', async () => ({ store: new InMemorySentimentSignals(), close: async () => {} }));
for (const driver of DATABASES) {
  let database: TestDatabase;
  contract(
    driver.name,
    async () => {
      database = await driver.open();
      return { store: new SentimentSignalRepo(database.db), close: () => database.close() };
    },
    driver.enabled,
  );
}
