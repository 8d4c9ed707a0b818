// Sentiment signals in trading_signals (source = 'sentiment'): the direction in `signal`, the mean
// score in `strength`, the figures behind it in `details`, and the reading's time in `created_at`.
// The table already has every column this needs; no migration.
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { SentimentSignal, SentimentSignalStore } from '../signals/sentiment/sentiment-signal.js';
import type { Db } from './client.js';
import { tradingSignals } from './schema.js';

export class SentimentSignalRepo implements SentimentSignalStore {
  constructor(private readonly db: Db) {}

  async save(signals: readonly SentimentSignal[]): Promise<void> {
    if (signals.length === 0) return;
    await this.db.insert(tradingSignals).values(
      signals.map((s) => ({ symbol: s.symbol, timeframe: s.timeframe, source: 'sentiment', signal: s.signal, strength: s.strength, details: s.details, createdAt: new Date(s.at) })),
    );
  }

  async list(symbol: string, from: number, to: number): Promise<SentimentSignal[]> {
    const rows = await this.db
      .select()
      .from(tradingSignals)
      .where(and(eq(tradingSignals.source, 'sentiment'), eq(tradingSignals.symbol, symbol), gte(tradingSignals.createdAt, new Date(from)), lt(tradingSignals.createdAt, new Date(to))))
      .orderBy(asc(tradingSignals.createdAt), asc(tradingSignals.id));
    return rows.map((r) => ({
      symbol: r.symbol,
      timeframe: r.timeframe,
      source: 'sentiment',
      signal: r.signal as SentimentSignal['signal'],
      strength: r.strength ?? 0,
      at: r.createdAt.getTime(),
      details: r.details as SentimentSignal['details'],
    }));
  }
}
