// An optional FinBERT-class model behind an inference endpoint: POST { "inputs": [texts] } and read
// back, per text, class probabilities — the shape Hugging Face's text-classification endpoints and
// servers answer with ([[{ label, score }, …], …], or one { label, score } per text). The score is
// P(positive) − P(negative); the label is the most probable class. Used only when an endpoint is
// configured; the lexicon scorer stands in otherwise.
import { AppError, TemporaryError } from '../../shared/errors.js';
import { type SentimentLabel, type SentimentScore, type SentimentScorer } from './scorer.js';
import type { FetchLike } from './source.js';

export interface FinbertScorerOptions {
  /** The endpoint's URL. */
  url: string;
  /** Sent as `Authorization: Bearer …` when set. */
  token?: string;
  fetch: FetchLike;
  timeoutMs?: number;
  /** Texts per request (default 16). */
  batchSize?: number;
}

export class ModelAnswerError extends AppError {
  constructor(message: string) {
    super('sentiment.model_invalid', message);
  }
}

const CLASS_NAMES: Record<string, SentimentLabel> = { positive: 'positive', pos: 'positive', bullish: 'positive', negative: 'negative', neg: 'negative', bearish: 'negative', neutral: 'neutral', neu: 'neutral' };

export class FinbertScorer implements SentimentScorer {
  readonly name: string;

  constructor(private readonly options: FinbertScorerOptions) {
    this.name = `model@${safeOrigin(options.url)}`;
  }

  async score(texts: readonly string[]): Promise<SentimentScore[]> {
    const out: SentimentScore[] = [];
    const size = this.options.batchSize ?? 16;
    for (let i = 0; i < texts.length; i += size) out.push(...(await this.batch(texts.slice(i, i + size))));
    return out;
  }

  private async batch(texts: readonly string[]): Promise<SentimentScore[]> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let response;
    try {
      response = await this.options.fetch(this.options.url, { method: 'POST', headers, body: JSON.stringify({ inputs: texts }), signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000) });
    } catch (error) {
      throw new TemporaryError(`the sentiment model at ${this.name} could not be reached: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const body = await response.text();
    if (response.status >= 500 || response.status === 429) throw new TemporaryError(`the sentiment model at ${this.name} answered HTTP ${response.status}`);
    if (!response.ok) throw new ModelAnswerError(`the sentiment model at ${this.name} answered HTTP ${response.status}`);
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      throw new ModelAnswerError(`the sentiment model at ${this.name} answered with something that is not JSON`);
    }
    if (!Array.isArray(data) || data.length !== texts.length) throw new ModelAnswerError(`the sentiment model at ${this.name} answered ${Array.isArray(data) ? data.length : 'no list of'} results for ${texts.length} texts`);
    return data.map((row, i) => readRow(Array.isArray(row) ? row : [row], i, this.name));
  }
}

function readRow(classes: unknown[], index: number, name: string): SentimentScore {
  const p: Record<SentimentLabel, number> = { positive: 0, negative: 0, neutral: 0 };
  let best: SentimentLabel | undefined;
  let bestP = -1;
  for (const c of classes) {
    const label = c && typeof c === 'object' ? CLASS_NAMES[String((c as { label?: unknown }).label).toLowerCase()] : undefined;
    const score = c && typeof c === 'object' ? (c as { score?: unknown }).score : undefined;
    if (!label || typeof score !== 'number' || !(score >= 0 && score <= 1)) throw new ModelAnswerError(`the sentiment model at ${name} answered an unreadable class for text ${index + 1} (labels must be positive / negative / neutral with a score from 0 to 1)`);
    p[label] = score;
    if (score > bestP) {
      bestP = score;
      best = label;
    }
  }
  if (!best) throw new ModelAnswerError(`the sentiment model at ${name} answered no class for text ${index + 1}`);
  const score = p.positive - p.negative;
  // The label is the model's most probable class; with only the top class given, the score is its
  // probability, signed.
  return { score, label: best };
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid-url';
  }
}
