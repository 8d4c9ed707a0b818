// One social source configured by URL: a JSON feed of posts. Accepted shapes: JSON Feed 1.x
// ({ "version": "https://jsonfeed.org/version/1.1", "items": [{ id, title?, content_text |
// content_html, date_published, url }] }), or a plain array of posts ({ id?, text | content |
// title, created_at | date | published_at, url? }) such as a bridge from a social network exports.
import { fetchText, FeedError, parseTime, plainText, type FetchLike, type SentimentItem, type SentimentSource } from './source.js';
import { hostOf } from './rss-source.js';

type Post = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

export function parseJsonFeed(body: string, source: string): SentimentItem[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new FeedError(`${source}: the feed is not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const posts = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as Post).items) ? ((data as Post).items as unknown[]) : undefined;
  if (!posts) throw new FeedError(`${source}: expected a JSON Feed (an object with "items") or an array of posts`);
  const items: SentimentItem[] = [];
  posts.forEach((raw, i) => {
    if (!raw || typeof raw !== 'object') return;
    const p = raw as Post;
    const title = plainText(str(p.title) ?? '');
    const body = plainText(str(p.content_text) ?? str(p.text) ?? str(p.content) ?? str(p.content_html) ?? str(p.summary) ?? '');
    if (!title && !body) return;
    const url = str(p.url);
    items.push({
      id: str(p.id) ?? url ?? `${i}:${(title || body).slice(0, 40)}`,
      source,
      title: title || body,
      text: title ? body : '',
      publishedAt: parseTime(str(p.date_published) ?? str(p.created_at) ?? str(p.date) ?? str(p.published_at)),
      ...(url ? { url } : {}),
    });
  });
  return items;
}

export interface JsonFeedSourceOptions {
  url: string;
  name?: string;
  fetch: FetchLike;
  timeoutMs?: number;
}

export function jsonFeedSource(options: JsonFeedSourceOptions): SentimentSource {
  const name = `social:${options.name ?? hostOf(options.url)}`;
  return {
    name,
    async fetchItems() {
      return parseJsonFeed(await fetchText(options.fetch, options.url, `the feed ${name}`, options.timeoutMs, { accept: 'application/feed+json, application/json' }), name);
    },
  };
}
