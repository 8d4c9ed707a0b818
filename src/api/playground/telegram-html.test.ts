import { describe, expect, it } from 'vitest';
import { BotApiError } from './bot-api-errors.js';
import { parseTelegramHtml } from './telegram-html.js';
import { formatBotText } from './telegram-text.js';

function parseError(html: string): string {
  try {
    parseTelegramHtml(html);
  } catch (error) {
    if (error instanceof BotApiError) return error.description;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(html)} to be refused`);
}

describe('Telegram HTML parse mode', () => {
  it('turns tags into entities with UTF-16 offsets and decodes the four named entities', () => {
    expect(parseTelegramHtml('💰 <b>Buy</b> 0.01 &lt;BTC&gt; &amp; <i>more</i> &quot;x&quot;')).toEqual({
      text: '💰 Buy 0.01 <BTC> & more "x"',
      entities: [
        { type: 'bold', offset: 3, length: 3 },
        { type: 'italic', offset: 20, length: 4 },
      ],
    });
  });

  it('keeps nesting, links, spoilers, blockquotes and pre with a language', () => {
    const { text, entities } = parseTelegramHtml(
      '<b>a <i>b</i></b> <a href="https://example.com/?a=1&amp;b=2">link</a> <tg-spoiler>s</tg-spoiler> ' +
        '<span class="tg-spoiler">t</span> <blockquote expandable>q</blockquote> <pre><code class="language-ts">x</code></pre> <u>u</u><s>s</s><code>c</code>',
    );
    expect(text).toBe('a b link s t q x us' + 'c');
    expect(entities).toEqual([
      { type: 'bold', offset: 0, length: 3 },
      { type: 'italic', offset: 2, length: 1 },
      { type: 'text_link', offset: 4, length: 4, url: 'https://example.com/?a=1&b=2' },
      { type: 'spoiler', offset: 9, length: 1 },
      { type: 'spoiler', offset: 11, length: 1 },
      { type: 'expandable_blockquote', offset: 13, length: 1 },
      { type: 'pre', offset: 15, length: 1, language: 'ts' },
      { type: 'underline', offset: 17, length: 1 },
      { type: 'strikethrough', offset: 18, length: 1 },
      { type: 'code', offset: 19, length: 1 },
    ]);
  });

  it('leaves an ampersand that starts no known entity as text, as Telegram does', () => {
    expect(parseTelegramHtml('AT&T &foo; &#65;&#x42;').text).toBe('AT&T &foo; AB');
  });

  it("refuses what Telegram refuses, with Telegram's sentences", () => {
    expect(parseError('price < 5')).toBe(`Bad Request: can't parse entities: Unsupported start tag "" at byte offset 6`);
    expect(parseError('é <div>x</div>')).toBe(`Bad Request: can't parse entities: Unsupported start tag "div" at byte offset 3`);
    expect(parseError('<b>bold')).toBe(`Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`);
    expect(parseError('x</b>')).toBe("Bad Request: can't parse entities: Unexpected end tag at byte offset 1");
    expect(parseError('<b><i>x</b></i>')).toBe(
      `Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`,
    );
    expect(parseError('<b')).toBe("Bad Request: can't parse entities: Unclosed start tag at byte offset 0");
    expect(parseError('<a href>x</a>')).toContain('Expected equal sign in declaration of an attribute of the tag "a"');
    expect(parseError('<span>x</span>')).toContain('Tag "span" must have class "tg-spoiler"');
    expect(parseError('<script>alert(1)</script>')).toContain('Unsupported start tag "script"');
  });

  it('drops links Telegram cannot open instead of keeping them', () => {
    expect(parseTelegramHtml('<a href="javascript:alert(1)">x</a>').entities).toEqual([]);
  });
});

describe('message text as Telegram stores it', () => {
  it('trims surrounding whitespace and keeps entities on the same characters', () => {
    expect(formatBotText('  <b>hi</b> there \n', 'HTML', undefined)).toEqual({
      text: 'hi there',
      entities: [{ type: 'bold', offset: 0, length: 2 }],
    });
  });

  it('counts the limit after parsing: 4096 characters pass, 4097 do not', () => {
    expect(formatBotText(`<b>${'x'.repeat(4096)}</b>`, 'HTML', undefined).text).toHaveLength(4096);
    expect(() => formatBotText('x'.repeat(4097), undefined, undefined)).toThrow('Bad Request: message is too long');
  });

  it('refuses empty text and parse modes it does not emulate', () => {
    expect(() => formatBotText('<b> </b>', 'HTML', undefined)).toThrow('Bad Request: message text is empty');
    expect(() => formatBotText('*x*', 'MarkdownV2', undefined)).toThrow('Bad Request: unsupported parse_mode');
  });
});
