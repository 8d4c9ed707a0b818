// A small XML reader, enough for RSS and Atom feeds: elements, attributes, text, CDATA, comments,
// processing instructions, a DOCTYPE without an internal subset, and the five predefined entities
// plus numeric character references. Malformed input (an unclosed or mismatched tag, an
// unterminated comment, a stray '<', two roots) is an XmlError naming where — never a crash.
import { AppError } from '../../shared/errors.js';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export class XmlError extends AppError {
  constructor(message: string, readonly offset: number) {
    super('sentiment.xml_invalid', message, { params: { offset } });
  }
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string, at = 0): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);?/g, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#')) {
      const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff) throw new XmlError(`bad character reference ${whole}`, at);
      return String.fromCodePoint(code);
    }
    // HTML's named entities inside feeds are common (&nbsp;): keep what XML does not define as written.
    return ENTITIES[ref] ?? (ref === 'nbsp' ? ' ' : whole);
  });
}

/** Parses a document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const n = xml.length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (what: string, at = i): never => {
    const line = xml.slice(0, at).split('\n').length;
    throw new XmlError(`malformed XML at line ${line}: ${what}`, at);
  };
  const append = (node: XmlNode) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else if (typeof node === 'string') {
      if (node.trim() !== '') fail('text outside the root element');
    } else if (root) fail('a second root element');
    else root = node;
  };
  if (xml.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) {
      append(decodeEntities(xml.slice(i), i));
      break;
    }
    if (lt > i) append(decodeEntities(xml.slice(i, lt), i));
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) fail('a comment is never closed');
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end === -1) fail('a CDATA section is never closed');
      if (!stack.length) fail('CDATA outside the root element');
      append(xml.slice(i + 9, end));
      i = end + 3;
    } else if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end === -1) fail('a processing instruction is never closed');
      i = end + 2;
    } else if (xml.startsWith('<!DOCTYPE', i) || xml.startsWith('<!doctype', i)) {
      const end = xml.indexOf('>', i);
      if (end === -1 || xml.slice(i, end).includes('[')) fail('a DOCTYPE with an internal subset is not supported');
      i = end + 1;
    } else if (xml.startsWith('</', i)) {
      const name = NAME.exec(xml.slice(i + 2))?.[0];
      if (!name) fail('a closing tag without a name');
      const end = xml.indexOf('>', i);
      if (end === -1 || xml.slice(i + 2 + name!.length, end).trim() !== '') fail(`a malformed closing tag </${name}`);
      const open = stack.pop();
      if (!open) fail(`</${name}> closes nothing`);
      if (open!.name !== name) fail(`</${name}> closes <${open!.name}>`);
      i = end + 1;
    } else {
      const name = NAME.exec(xml.slice(i + 1))?.[0];
      if (!name) fail("a '<' that starts no tag");
      i += 1 + name!.length;
      const element: XmlElement = { name: name!, attributes: {}, children: [] };
      for (;;) {
        while (i < n && /\s/.test(xml[i]!)) i++;
        if (i >= n) fail(`the tag <${name}> is never closed`);
        if (xml.startsWith('/>', i)) {
          append(element);
          i += 2;
          break;
        }
        if (xml[i] === '>') {
          append(element);
          stack.push(element);
          i++;
          break;
        }
        const attr = NAME.exec(xml.slice(i))?.[0];
        if (!attr) fail(`a malformed attribute in <${name}>`);
        i += attr!.length;
        while (i < n && /\s/.test(xml[i]!)) i++;
        if (xml[i] !== '=') fail(`the attribute ${attr} in <${name}> has no value`);
        i++;
        while (i < n && /\s/.test(xml[i]!)) i++;
        const quote = xml[i];
        if (quote !== '"' && quote !== "'") fail(`the attribute ${attr} in <${name}> is not quoted`);
        const close = xml.indexOf(quote!, i + 1);
        if (close === -1) fail(`the attribute ${attr} in <${name}> is never closed`);
        element.attributes[attr!] = decodeEntities(xml.slice(i + 1, close), i);
        i = close + 1;
      }
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1]!.name}> is never closed`, n);
  if (!root) fail('no root element', n);
  return root!;
}

/** The name without its namespace prefix (`dc:date` → `date`). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

export function childElements(element: XmlElement, local?: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && (local === undefined || localName(c.name) === local));
}

export function firstChild(element: XmlElement, ...locals: string[]): XmlElement | undefined {
  for (const local of locals) {
    const found = childElements(element, local)[0];
    if (found) return found;
  }
  return undefined;
}

/** All the text inside an element, its descendants' included. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  return element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
