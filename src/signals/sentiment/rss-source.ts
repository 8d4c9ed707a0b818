// News feeds: RSS 2.0, RSS 1.0 (RDF) and Atom, read with the small XML reader in xml.ts.
import { childElements, firstChild, localName, parseXml, textOf, XmlError, type XmlElement } from './xml.js';
import { fetchText, FeedError, parseTime, plainText, type FetchLike, type SentimentItem, type SentimentSource } from './source.js';

/** The items of a feed document. Not RSS or Atom, or malformed XML: a FeedError saying so. */
export function parseFeed(xml: string, source: string): SentimentItem[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) throw new FeedError(`${source}: the feed is not well-formed XML (${error.userMessage})`, { cause: error });
    throw error;
  }
  const kind = localName(root.name);
  if (kind === 'rss') {
    const channel = firstChild(root, 'channel');
    if (!channel) throw new FeedError(`${source}: an RSS feed without a <channel>`);
    return childElements(channel, 'item').map((item, i) => rssItem(item, i, source));
  }
  if (kind === 'RDF') return childElements(root, 'item').map((item, i) => rssItem(item, i, source));
  if (kind === 'feed') return childElements(root, 'entry').map((entry, i) => atomEntry(entry, i, source));
  throw new FeedError(`${source}: not an RSS or Atom feed (the root element is <${root.name}>)`);
}

function rssItem(item: XmlElement, index: number, source: string): SentimentItem {
  const title = plainText(textOf(firstChild(item, 'title')));
  const link = textOf(firstChild(item, 'link')).trim();
  const id = textOf(firstChild(item, 'guid')).trim() || link || title || `item-${index}`;
  return {
    id,
    source,
    title,
    text: plainText(textOf(firstChild(item, 'description', 'encoded'))),
    publishedAt: parseTime(textOf(firstChild(item, 'pubDate', 'date'))),
    ...(link ? { url: link } : {}),
  };
}

function atomEntry(entry: XmlElement, index: number, source: string): SentimentItem {
  const title = plainText(textOf(firstChild(entry, 'title')));
  const links = childElements(entry, 'link');
  const link = (links.find((l) => (l.attributes.rel ?? 'alternate') === 'alternate') ?? links[0])?.attributes.href;
  const id = textOf(firstChild(entry, 'id')).trim() || link || title || `entry-${index}`;
  return {
    id,
    source,
    title,
    text: plainText(textOf(firstChild(entry, 'summary', 'content'))),
    publishedAt: parseTime(textOf(firstChild(entry, 'published', 'updated'))),
    ...(link ? { url: link } : {}),
  };
}

export interface RssSourceOptions {
  url: string;
  /** Shown in signals and errors (default: the URL's host). */
  name?: string;
  fetch: FetchLike;
  timeoutMs?: number;
}

export function rssSource(options: RssSourceOptions): SentimentSource {
  const name = `rss:${options.name ?? hostOf(options.url)}`;
  return {
    name,
    async fetchItems() {
      const body = await fetchText(options.fetch, options.url, `the feed ${name}`, options.timeoutMs, { accept: 'application/rss+xml, application/atom+xml, application/xml, text/xml' });
      return parseFeed(body, name);
    },
  };
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
