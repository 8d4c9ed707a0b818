// What a sentiment scorer is, whichever one runs: the offline lexicon scorer, or a FinBERT-class
// model behind an inference endpoint. Scores are on one scale, −1 (most negative) … +1.

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

export interface SentimentScore {
  /** −1 … +1. */
  score: number;
  label: SentimentLabel;
}

export interface SentimentScorer {
  /** e.g. "lexicon" or "finbert@http://…", stored with each signal. */
  readonly name: string;
  score(texts: readonly string[]): Promise<SentimentScore[]>;
}

/** Neutral between −threshold and +threshold (VADER's usual cut is 0.05). */
export function labelOf(score: number, threshold: number): SentimentLabel {
  if (score >= threshold) return 'positive';
  if (score <= -threshold) return 'negative';
  return 'neutral';
}
