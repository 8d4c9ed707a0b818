import type { MessageEntity } from 'grammy/types';
import { badRequest, type BotApiError } from './bot-api-errors.js';

/**
 * Telegram's HTML parse mode, rebuilt after TDLib's parser: the text comes back as plain
 * text plus entities (UTF-16 offsets), and anything Telegram would refuse is refused
 * with Telegram's own "can't parse entities" sentence. Being strict here is the point:
 * an unescaped `<` or `&` in a user-supplied string fails in the playground and in
 * tests exactly as it would fail in production.
 */

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

const SIMPLE_TAGS: Record<string, MessageEntity['type']> = {
  b: 'bold', strong: 'bold',
  i: 'italic', em: 'italic',
  u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code', pre: 'pre',
  blockquote: 'blockquote',
};
const SUPPORTED_TAGS = new Set([...Object.keys(SIMPLE_TAGS), 'a', 'span']);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag {
  name: string;
  start: number;
  attributes: Map<string, string>;
  language?: string;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r';
const isNameChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9.-]/.test(c);

export function parseTelegramHtml(html: string): FormattedText {
  const encoder = new TextEncoder();
  const byteOffset = (index: number): number => encoder.encode(html.slice(0, index)).length;
  const fail = (reason: string): BotApiError => badRequest(`can't parse entities: ${reason}`);

  let text = '';
  const entities: MessageEntity[] = [];
  const open: OpenTag[] = [];
  let i = 0;

  while (i < html.length) {
    const c = html[i];
    if (c === '&') {
      const decoded = decodeEntity(html, i);
      if (decoded !== undefined) {
        text += decoded.value;
        i = decoded.end;
        continue;
      }
    }
    if (c !== '<') {
      text += c;
      i += 1;
      continue;
    }

    const begin = i;
    i += 1;
    if (html[i] !== '/') {
      while (i < html.length && !isSpace(html[i]) && html[i] !== '>') i += 1;
      if (i >= html.length) throw fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
      const name = html.slice(begin + 1, i).toLowerCase();
      if (!SUPPORTED_TAGS.has(name)) throw fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(begin)}`);

      const attributes = new Map<string, string>();
      while (html[i] !== '>') {
        while (i < html.length && isSpace(html[i])) i += 1;
        if (html[i] === '>') break;
        if (i >= html.length) throw fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
        const attributeBegin = i;
        while (i < html.length && !isSpace(html[i]) && html[i] !== '=' && html[i] !== '>') i += 1;
        const attribute = html.slice(attributeBegin, i).toLowerCase();
        if (attribute === '') throw fail(`Empty attribute name in the tag "${name}" at byte offset ${byteOffset(begin)}`);
        while (i < html.length && isSpace(html[i])) i += 1;
        if (html[i] !== '=') {
          // The one valueless attribute Telegram knows.
          if (name === 'blockquote' && attribute === 'expandable') {
            attributes.set(attribute, '');
            continue;
          }
          throw fail(`Expected equal sign in declaration of an attribute of the tag "${name}" at byte offset ${byteOffset(begin)}`);
        }
        i += 1;
        while (i < html.length && isSpace(html[i])) i += 1;
        if (i >= html.length) throw fail(`Unclosed start tag "${name}" at byte offset ${byteOffset(begin)}`);

        let value = '';
        const quote = html[i];
        if (quote !== '"' && quote !== "'") {
          const tokenBegin = i;
          while (isNameChar(html[i])) i += 1;
          value = html.slice(tokenBegin, i).toLowerCase();
          if (!isSpace(html[i]) && html[i] !== '>') throw fail(`Unexpected end of name token at byte offset ${byteOffset(tokenBegin)}`);
        } else {
          i += 1;
          while (i < html.length && html[i] !== quote) {
            const decoded = html[i] === '&' ? decodeEntity(html, i) : undefined;
            if (decoded !== undefined) {
              value += decoded.value;
              i = decoded.end;
            } else {
              value += html[i];
              i += 1;
            }
          }
          if (html[i] === quote) i += 1;
        }
        if (i >= html.length) throw fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
        attributes.set(attribute, value);
      }
      if (name === 'span' && attributes.get('class') !== 'tg-spoiler') {
        throw fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(begin)}`);
      }
      open.push({ name, start: text.length, attributes });
      i += 1;
      continue;
    }

    // An end tag.
    if (open.length === 0) throw fail(`Unexpected end tag at byte offset ${byteOffset(begin)}`);
    i += 1;
    const nameBegin = i;
    while (i < html.length && !isSpace(html[i]) && html[i] !== '>') i += 1;
    const endName = html.slice(nameBegin, i).toLowerCase();
    while (i < html.length && isSpace(html[i])) i += 1;
    if (html[i] !== '>') throw fail(`Unclosed end tag at byte offset ${byteOffset(begin)}`);
    i += 1;
    const tag = open.pop() as OpenTag;
    if (endName !== '' && endName !== tag.name) {
      throw fail(`Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${tag.name}>", found "</${endName}>"`);
    }
    const entity = entityFor(tag, text.length, open[open.length - 1]);
    if (entity !== undefined) entities.push(entity);
  }

  const unclosed = open[open.length - 1];
  if (unclosed !== undefined) throw fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text, entities: sortEntities(entities) };
}

function entityFor(tag: OpenTag, end: number, parent: OpenTag | undefined): MessageEntity | undefined {
  const offset = tag.start;
  const length = end - tag.start;
  if (length <= 0) return undefined;
  if (tag.name === 'a') {
    const url = normaliseUrl(tag.attributes.get('href') ?? '');
    return url === undefined ? undefined : { type: 'text_link', offset, length, url };
  }
  if (tag.name === 'code' && parent?.name === 'pre' && parent.start === tag.start) {
    // <pre><code class="language-x"> is one pre entity carrying a language, as in Telegram.
    const language = /^language-(.+)$/.exec(tag.attributes.get('class') ?? '')?.[1];
    if (language !== undefined) {
      parent.language = language;
      return undefined;
    }
  }
  if (tag.name === 'pre') {
    return tag.language === undefined ? { type: 'pre', offset, length } : { type: 'pre', offset, length, language: tag.language };
  }
  if (tag.name === 'blockquote' && tag.attributes.has('expandable')) return { type: 'expandable_blockquote', offset, length };
  if (tag.name === 'span') return { type: 'spoiler', offset, length };
  const type = SIMPLE_TAGS[tag.name];
  return type === undefined ? undefined : ({ type, offset, length } as MessageEntity);
}

/** Telegram accepts `example.com` and reads it as http; a link it cannot read is dropped, not refused. */
function normaliseUrl(href: string): string | undefined {
  const trimmed = href.trim();
  if (trimmed === '') return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    return ['http:', 'https:', 'tg:', 'ton:'].includes(url.protocol) ? withScheme : undefined;
  } catch {
    return undefined;
  }
}

function decodeEntity(html: string, at: number): { value: string; end: number } | undefined {
  const semicolon = html.indexOf(';', at + 1);
  if (semicolon === -1 || semicolon - at > 12) return undefined;
  const body = html.slice(at + 1, semicolon);
  const named = NAMED_ENTITIES[body];
  if (named !== undefined) return { value: named, end: semicolon + 1 };
  const numeric = /^#(?:x([0-9a-f]{1,6})|([0-9]{1,7}))$/i.exec(body);
  if (numeric === null) return undefined;
  const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2] ?? '', 10);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  return { value: String.fromCodePoint(code), end: semicolon + 1 };
}

export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
}
