// Where texts to score come from: any number of sources behind one interface (an RSS or Atom news
// feed, a social feed of JSON, …). A source fetches its items through the `fetch` it is given, so
// tests point it at a local server and nothing here reaches the network on its own.
import { AppError, TemporaryError } from '../../shared/errors.js';

export interface SentimentItem {
  /** Stable id within the source (a guid, an Atom id, the link, or the title). */
  id: string;
  /** The source's name, e.g. "rss:coindesk". */
  source: string;
  title: string;
  /** Summary or body as plain text (HTML tags taken out); may be empty. */
  text: string;
  /** Publication time, ms UTC; null when the feed does not say. */
  publishedAt: number | null;
  url?: string;
}

export interface SentimentSource {
  readonly name: string;
  fetchItems(): Promise<SentimentItem[]>;
}

/** The part of WHATWG fetch the sources and the model client use. */
export type FetchLike = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/** The feed answered, but not with something readable: retrying will not help. */
export class FeedError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('sentiment.feed_invalid', message, options);
  }
}

/** Downloads a source's body, turning network failures, time-outs and 5xx into TemporaryError. */
export async function fetchText(fetch: FetchLike, url: string, what: string, timeoutMs = 10_000, headers: Record<string, string> = {}): Promise<string> {
  let response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new TemporaryError(`${what} could not be reached: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (response.status >= 500 || response.status === 429) throw new TemporaryError(`${what} answered HTTP ${response.status}`);
  if (!response.ok) throw new FeedError(`${what} answered HTTP ${response.status}`);
  return response.text();
}

/** HTML to plain text: tags out, entities decoded, whitespace collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, ref: string) => {
      const r = ref.toLowerCase();
      if (r.startsWith('#x')) return String.fromCodePoint(parseInt(r.slice(2), 16));
      if (r.startsWith('#')) return String.fromCodePoint(parseInt(r.slice(1), 10));
      return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[r]!;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseTime(text: string | undefined): number | null {
  if (!text) return null;
  const t = Date.parse(text.trim());
  return Number.isFinite(t) ? t : null;
}
