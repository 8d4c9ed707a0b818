// The use case: read every source, score each new item once, and store one sentiment signal per
// symbol. A source that fails is reported and skipped — the others still count.
import type { SentimentScorer } from './scorer.js';
import { aggregateSentiment, type SentimentSignal, type SentimentSignalStore } from './sentiment-signal.js';
import type { SentimentItem, SentimentSource } from './source.js';

export interface CollectSentimentInput {
  sources: readonly SentimentSource[];
  scorer: SentimentScorer;
  store: SentimentSignalStore;
  symbols: readonly string[];
  /** Now, from the injected clock (ms UTC). */
  now: number;
  /** Items published within this long before now count (default a day). Items without a date count. */
  windowMs?: number;
  timeframe?: string;
}

export interface CollectSentimentResult {
  signals: SentimentSignal[];
  items: number;
  failures: { source: string; code: string; message: string }[];
}

export async function collectSentiment(input: CollectSentimentInput): Promise<CollectSentimentResult> {
  const windowMs = input.windowMs ?? 86_400_000;
  const failures: CollectSentimentResult['failures'] = [];
  const seen = new Set<string>();
  const items: SentimentItem[] = [];
  const fetched = await Promise.allSettled(input.sources.map((s) => s.fetchItems()));
  fetched.forEach((result, i) => {
    const source = input.sources[i]!;
    if (result.status === 'rejected') {
      const error = result.reason as { code?: unknown; userMessage?: unknown; message?: unknown };
      failures.push({ source: source.name, code: typeof error?.code === 'string' ? error.code : 'sentiment.source_failed', message: String(error?.userMessage ?? error?.message ?? result.reason) });
      return;
    }
    for (const item of result.value) {
      const key = `${item.source}\u0000${item.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (item.publishedAt !== null && (item.publishedAt > input.now || item.publishedAt < input.now - windowMs)) continue;
      items.push(item);
    }
  });
  const scores = items.length ? await input.scorer.score(items.map((i) => (i.text ? `${i.title}. ${i.text}` : i.title))) : [];
  const scored = items.map((item, k) => ({ item, score: scores[k]! }));
  const signals = input.symbols.flatMap((symbol) => aggregateSentiment(scored, { symbol, timeframe: input.timeframe ?? '1d', at: input.now, scorer: input.scorer.name }) ?? []);
  if (signals.length) await input.store.save(signals);
  return { signals, items: items.length, failures };
}
