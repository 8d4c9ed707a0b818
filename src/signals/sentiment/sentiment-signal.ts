// Sentiment as a trading signal: the scores of the items that mention an asset, over a window,
// averaged into one reading per symbol and stored like every other signal (source 'sentiment' in
// trading_signals: the direction, the mean score as strength, and the figures behind it in details).
import { directionOf, type SignalDirection } from '../signal-types.js';
import type { SentimentScore } from './scorer.js';
import type { SentimentItem } from './source.js';

export interface SentimentSignal {
  symbol: string;
  /** The window the items were published in, e.g. '1h' or '1d'. */
  timeframe: string;
  source: 'sentiment';
  signal: SignalDirection;
  /** Mean score of the items, −1 … +1. */
  strength: number;
  /** When the reading was made (ms UTC): only items published by then are in it. */
  at: number;
  details: {
    count: number;
    positive: number;
    negative: number;
    neutral: number;
    scorer: string;
    sources: string[];
    /** Up to 5 item titles with their scores, the most extreme first (for "why?"). */
    examples: { title: string; score: number; source: string }[];
  };
}

/** Where sentiment signals are kept: the database in the app (src/db), memory in tests and the CLI. */
export interface SentimentSignalStore {
  save(signals: readonly SentimentSignal[]): Promise<void>;
  /** Signals for a symbol made in [from, to), oldest first. */
  list(symbol: string, from: number, to: number): Promise<SentimentSignal[]>;
}

export class InMemorySentimentSignals implements SentimentSignalStore {
  private readonly rows: SentimentSignal[] = [];

  async save(signals: readonly SentimentSignal[]): Promise<void> {
    this.rows.push(...signals.map((s) => structuredClone(s)));
  }

  async list(symbol: string, from: number, to: number): Promise<SentimentSignal[]> {
    return this.rows.filter((s) => s.symbol === symbol && s.at >= from && s.at < to).sort((a, b) => a.at - b.at);
  }
}

/** Names an asset goes by in headlines, beside its ticker. */
const ASSET_NAMES: Record<string, string[]> = {
  BTC: ['bitcoin', 'btc', 'xbt'],
  ETH: ['ethereum', 'ether', 'eth'],
  SOL: ['solana', 'sol'],
  XRP: ['xrp', 'ripple'],
  ADA: ['cardano', 'ada'],
  DOGE: ['dogecoin', 'doge'],
  BNB: ['bnb', 'binance coin'],
  LINK: ['chainlink', 'link'],
  AVAX: ['avalanche', 'avax'],
  LTC: ['litecoin', 'ltc'],
};

/** Whether an item speaks of the base asset of `symbol` (BTC/USDT → bitcoin, BTC, $BTC…). */
export function mentions(item: Pick<SentimentItem, 'title' | 'text'>, symbol: string): boolean {
  const base = symbol.split('/')[0]!.toUpperCase();
  const names = ASSET_NAMES[base] ?? [base.toLowerCase()];
  const text = ` ${item.title} ${item.text} `.toLowerCase();
  return names.some((n) => new RegExp(`(^|[^\\p{L}\\p{N}])\\$?${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\p{L}\\p{N}]|$)`, 'u').test(text));
}

export interface AggregateOptions {
  symbol: string;
  timeframe: string;
  at: number;
  scorer: string;
  /** A mean at or beyond ±this is a buy or a sell (default 0.15). */
  threshold?: number;
}

/** One signal from the scored items that mention the symbol and were published by `at`; none without such items. */
export function aggregateSentiment(scored: readonly { item: SentimentItem; score: SentimentScore }[], options: AggregateOptions): SentimentSignal | undefined {
  const relevant = scored.filter(({ item }) => (item.publishedAt === null || item.publishedAt <= options.at) && mentions(item, options.symbol));
  if (relevant.length === 0) return undefined;
  const mean = relevant.reduce((s, r) => s + r.score.score, 0) / relevant.length;
  const count = (label: string) => relevant.filter((r) => r.score.label === label).length;
  return {
    symbol: options.symbol,
    timeframe: options.timeframe,
    source: 'sentiment',
    signal: directionOf(mean, options.threshold ?? 0.15),
    strength: mean,
    at: options.at,
    details: {
      count: relevant.length,
      positive: count('positive'),
      negative: count('negative'),
      neutral: count('neutral'),
      scorer: options.scorer,
      sources: [...new Set(relevant.map((r) => r.item.source))].sort(),
      examples: [...relevant]
        .sort((a, b) => Math.abs(b.score.score) - Math.abs(a.score.score))
        .slice(0, 5)
        .map((r) => ({ title: r.item.title, score: Math.round(r.score.score * 1000) / 1000, source: r.item.source })),
    },
  };
}
