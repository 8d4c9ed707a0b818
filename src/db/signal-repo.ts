import { and, desc, eq, gt } from 'drizzle-orm';
import type { SignalAnswer } from '../signals/signal-answer.js';
import type { SignalStore, StoredSignal } from '../signals/signal-desk.js';
import type { Db } from './client.js';
import { tradingSignals } from './schema.js';

type Row = typeof tradingSignals.$inferSelect;

/** The indicator values a reading rests on, by indicator name (e.g. "RSI(14)": 27.4). */
export function indicatorValues(signal: Pick<SignalAnswer, 'reasons'>): Record<string, number> {
  return Object.fromEntries(signal.reasons.map((r) => [r.indicator, r.value]));
}

const toStored = (row: Row): StoredSignal => {
  const details = (row.details ?? {}) as { reasons?: string[]; price?: number };
  return {
    symbol: row.symbol,
    timeframe: row.timeframe,
    direction: row.signal as StoredSignal['direction'],
    score: row.score ?? 0,
    strength: row.strength ?? 0,
    confidence: row.confidence ?? 0,
    at: row.candleAt?.getTime() ?? row.createdAt.getTime(),
    expiresAt: row.expiresAt?.getTime() ?? row.createdAt.getTime(),
    price: details.price ?? 0,
    reasons: details.reasons ?? [],
    indicators: (row.indicators ?? {}) as Record<string, number>,
  };
};

/**
 * trading_signals: the technical reading and the combined call of each pair, once per closed candle.
 * It stores and loads; the signal service decides what a reading is.
 */
export class SignalRepo implements SignalStore {
  constructor(private readonly db: Db) {}

  /** Stores the readings of one candle; false when that candle's readings were already stored (another worker, a rerun). */
  async record(signal: SignalAnswer): Promise<boolean> {
    const common = {
      symbol: signal.symbol,
      timeframe: signal.timeframe,
      indicators: indicatorValues(signal),
      candleAt: new Date(signal.at),
      expiresAt: new Date(signal.expiresAt),
    };
    const rows = await this.db
      .insert(tradingSignals)
      .values([
        { ...common, source: 'technical', signal: signal.technical.direction, score: signal.technical.score, strength: signal.technical.strength, confidence: signal.technical.confidence, details: { reasons: signal.reasons.map((r) => r.text), price: signal.price } },
        { ...common, source: 'combined', signal: signal.direction, score: signal.score, strength: signal.strength, confidence: signal.confidence, details: { reasons: signal.reasons.map((r) => r.text), price: signal.price, verdict: signal.verdict, summary: signal.summary } },
      ])
      .onConflictDoNothing()
      .returning({ id: tradingSignals.id });
    return rows.length > 0;
  }

  /** The newest combined reading of a pair that has not expired by `now`. */
  async latest(symbol: string, timeframe: string, now: number, source: 'technical' | 'combined' = 'combined'): Promise<StoredSignal | undefined> {
    const [row] = await this.db
      .select()
      .from(tradingSignals)
      .where(and(eq(tradingSignals.symbol, symbol), eq(tradingSignals.timeframe, timeframe), eq(tradingSignals.source, source), gt(tradingSignals.expiresAt, new Date(now))))
      .orderBy(desc(tradingSignals.candleAt))
      .limit(1);
    return row ? toStored(row) : undefined;
  }
}
