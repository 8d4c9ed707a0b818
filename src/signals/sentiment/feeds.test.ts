import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TemporaryError } from '../../shared/errors.js';
import { jsonFeedSource, parseJsonFeed } from './json-feed-source.js';
import { parseFeed, rssSource } from './rss-source.js';
import { FeedError } from './source.js';
import { parseXml, XmlError } from './xml.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a news feed -->
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Crypto News</title>
    <item>
      <title>Bitcoin rallies &amp; ether follows</title>
      <link>https://news.example/btc-rally</link>
      <guid isPermaLink="false">n-1</guid>
      <description><![CDATA[<p>Prices <b>jump</b> after the report.</p>]]></description>
      <pubDate>Tue, 02 Dec 2025 10:00:00 GMT</pubDate>
    </item>
    <item>
      <title>Exchange hacked &#8212; funds drained</title>
      <link>https://news.example/hack</link>
      <dc:date>2025-12-02T11:30:00Z</dc:date>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Chain blog</title>
  <entry>
    <title type="html">Upgrade goes live</title>
    <link rel="alternate" href="https://blog.example/upgrade"/>
    <link rel="self" href="https://blog.example/upgrade.atom"/>
    <id>urn:uuid:1</id>
    <updated>2025-12-01T08:00:00Z</updated>
    <summary>Fees fall by 90%.</summary>
  </entry>
</feed>`;

const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'posts',
  items: [
    { id: 'p1', content_text: 'BTC to the moon 🚀', date_published: '2025-12-02T09:00:00Z', url: 'https://social.example/p1' },
    { id: 'p2', content_html: '<p>rekt again</p>' },
    { id: 'p3' },
  ],
});

let server: Server;
let base: string;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (req.url === '/rss') send(200, 'application/rss+xml', RSS);
    else if (req.url === '/atom') send(200, 'application/atom+xml', ATOM);
    else if (req.url === '/broken') send(200, 'application/rss+xml', RSS.replace('</channel>', ''));
    else if (req.url === '/html') send(200, 'text/html', '<!DOCTYPE html><html><body>hi</body></html>');
    else if (req.url === '/down') send(503, 'text/plain', 'maintenance');
    else if (req.url === '/json') send(200, 'application/feed+json', JSON_FEED);
    else if (req.url === '/json-broken') send(200, 'application/json', '{"items": [');
    else send(404, 'text/plain', 'no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('the RSS and Atom source', () => {
  it('reads RSS 2.0 items: title, plain-text description, link, guid, time', async () => {
    const items = await rssSource({ url: `${base}/rss`, name: 'news', fetch }).fetchItems();
    expect(items).toEqual([
      { id: 'n-1', source: 'rss:news', title: 'Bitcoin rallies & ether follows', text: 'Prices jump after the report.', publishedAt: Date.UTC(2025, 11, 2, 10), url: 'https://news.example/btc-rally' },
      { id: 'https://news.example/hack', source: 'rss:news', title: 'Exchange hacked — funds drained', text: '', publishedAt: Date.UTC(2025, 11, 2, 11, 30), url: 'https://news.example/hack' },
    ]);
  });

  it('reads Atom entries, taking the alternate link', async () => {
    const items = await rssSource({ url: `${base}/atom`, fetch }).fetchItems();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 'urn:uuid:1', title: 'Upgrade goes live', text: 'Fees fall by 90%.', url: 'https://blog.example/upgrade', publishedAt: Date.UTC(2025, 11, 1, 8) });
    expect(items[0]!.source).toMatch(/^rss:127\.0\.0\.1:\d+$/);
  });

  it('answers malformed XML with a clear FeedError, not a crash', async () => {
    const source = rssSource({ url: `${base}/broken`, name: 'news', fetch });
    await expect(source.fetchItems()).rejects.toThrow(FeedError);
    await expect(source.fetchItems()).rejects.toThrow(/rss:news: the feed is not well-formed XML \(malformed XML at line \d+: <\/rss> closes <channel>\)/);
  });

  it('refuses a document that is no feed, and reports a 5xx as temporary and a 404 as not', async () => {
    await expect(rssSource({ url: `${base}/html`, fetch }).fetchItems()).rejects.toThrow(/not well-formed|not an RSS or Atom feed/);
    await expect(rssSource({ url: `${base}/down`, fetch }).fetchItems()).rejects.toThrow(TemporaryError);
    await expect(rssSource({ url: `${base}/missing`, fetch }).fetchItems()).rejects.toThrow(/HTTP 404/);
    await expect(rssSource({ url: 'http://127.0.0.1:1/feed', fetch }).fetchItems()).rejects.toThrow(TemporaryError);
  });

  it('names what is wrong in malformed XML', () => {
    for (const [xml, message] of [
      ['<a><b></a>', /<\/a> closes <b>/],
      ['<a>', /<a> is never closed/],
      ['<a x=1></a>', /not quoted/],
      ['<a><!-- no end</a>', /comment is never closed/],
      ['<a/><b/>', /second root/],
      ['just text', /no root|text outside/],
      ['<a>&#99999999;</a>', /bad character reference/],
      ['', /no root/],
    ] as const) {
      expect(() => parseXml(xml), xml).toThrow(XmlError);
      expect(() => parseXml(xml), xml).toThrow(message);
    }
    expect(() => parseFeed('<html/>', 'x')).toThrow(/not an RSS or Atom feed \(the root element is <html>\)/);
  });
});

describe('the social JSON feed source', () => {
  it('reads JSON Feed posts, skipping empty ones', async () => {
    const items = await jsonFeedSource({ url: `${base}/json`, name: 'posts', fetch }).fetchItems();
    expect(items.map((i) => [i.id, i.title, i.publishedAt])).toEqual([
      ['p1', 'BTC to the moon 🚀', Date.UTC(2025, 11, 2, 9)],
      ['p2', 'rekt again', null],
    ]);
    expect(items[0]!.source).toBe('social:posts');
  });

  it('reads a plain array of posts, and refuses broken JSON clearly', async () => {
    expect(parseJsonFeed(JSON.stringify([{ text: 'eth dump', created_at: '2025-12-02T00:00:00Z' }]), 's')).toMatchObject([{ title: 'eth dump', publishedAt: Date.UTC(2025, 11, 2) }]);
    await expect(jsonFeedSource({ url: `${base}/json-broken`, fetch }).fetchItems()).rejects.toThrow(/not valid JSON/);
    expect(() => parseJsonFeed('{"posts": []}', 's')).toThrow(/expected a JSON Feed/);
  });
});
