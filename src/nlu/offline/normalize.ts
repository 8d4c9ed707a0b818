import { isCountWord } from './number-tokens.js';
import { looksLikeDigits, parseNumeric, unreadable } from './numbers.js';
import { FOREIGN_PHRASES, translateWords } from './foreign.js';
import { IDIOMS } from './idioms.js';
import { INJECTION, PHRASES, applyRewrites, replacePastes } from './rewrites.js';
import type { Num, Tok } from './tokens.js';

/**
 * Only the start of a message is read. A trading command is a sentence or two; reading a
 * bounded prefix keeps a 100 kB paste as cheap as "buy 1 eth", and the parser lowers its
 * confidence when it had to cut.
 */
export const MAX_CHARS = 400;
export const MAX_TOKENS = 48;

const CLOCK_HINT = /\d\s*[-.]?\s*[ap]\.?m\b|\d:\d|\dh\d/i;
// "at 15:30, buy": punctuation may follow a time; only a digit after it ("10:30.5") makes it something else.
// "10h30" is how much of Europe writes 10:30.
// A time stands apart: never the end of a number ("1,10:30").
const CLOCK = /(?<![\w.,'-])\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?m\.?)?(?![\d]|[.,]\d)|(?<![\w.,'-])\d{1,2}\s*[-.]?\s*[ap]\.?m\b\.?|(?<![\w.,'-])\d{1,2}h\d{2}\b/gi;

const QUOTES = /[\u2018\u2019\u201A\u201B\u2032`´]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
// Control characters are noise; replacing them keeps word boundaries.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
const NON_ASCII = /[^\u0020-\u007E]/;
/** Characters that show nothing: zero-width space and joiners, word joiner, BOM, soft hyphen, bidi marks, fillers. */
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]+/gu;
const NUMBER_CHAR = /[\p{N}.,']/u;
const LETTER = /\p{L}/u;
/** A run of digits and separators, in any script or width. */
const DIGIT_RUN = /[\p{N}.,\uFF0C\uFF0E]+/gu;
/** Digits NFKC may fold into ASCII when a whole run is written with them: full width. */
const FOLDABLE = /^[\uFF10-\uFF19.,\uFF0C\uFF0E]+$/;
const ASCII_DIGIT = /[0-9]/;
const PRIVATE_USE = /[\uE000-\uF8FF]/g;
/** Vulgar fractions, after a whole number or not: "1½" is one and a half, never 1 and "half". */
const VULGAR = /(\d?)\s*([\u00BC-\u00BE\u2150-\u215E])/g;

/** "½" → " 1/2 ", "1½" → "1 1/2" (the reader adds a whole and its fraction), "⅓" → " 1/3 ". */
function vulgar(_: string, whole: string, fraction: string): string {
  return `${whole} ${fraction.normalize('NFKC').replace('\u2044', '/')} `;
}

export interface Prepared {
  text: string;
  truncated: boolean;
  /** The writer used capitals for most letters, so capitals say nothing about tickers. */
  shouting: boolean;
  /** The text tries to give the parser instructions ("ignore previous instructions and …"). */
  suspicious: boolean;
  /** Characters read as something else: the letter O of "O.5" as a zero. Each is a guess. */
  repairs: number;
  /** Words of another language were read as English: a reading the bot confirms before acting. */
  foreign: boolean;
  /** Figures of speech read as command words ("cap my downside" → stop-loss), each a reading with doubt. */
  figures: number;
}

export function prepare(input: string): Prepared {
  let s = typeof input === 'string' ? input : '';
  const truncated = s.length > MAX_CHARS;
  if (truncated) {
    // A cut inside a word or a number drops the part: "…at 60000" cut to "…at 600" would be another price.
    const cutInside = /\S/.test(s.charAt(MAX_CHARS)) && /\S/.test(s.charAt(MAX_CHARS - 1));
    s = s.slice(0, MAX_CHARS);
    if (cutInside) s = s.replace(/\S+$/, '');
  }
  if (NON_ASCII.test(s)) s = foldUnicode(s.replace(VULGAR, vulgar));
  s = s.replace(CONTROL, ' ').replace(QUOTES, "'").replace(DASHES, '-').replace(/(\d)\u2044(\d)/g, '$1/$2');
  const low = ` ${s.toLowerCase()} `;
  const suspicious = INJECTION.test(s);
  s = replacePastes(s, low);
  // "buy O.5 btc": the letter O typed for a zero; read apart, ".5" would lose its point and be 5.
  let repairs = 0;
  if (low.includes('o.') || low.includes('o,')) {
    s = s.replace(/(^|[\s$€£@])[oO](?=[.,]\d)/g, (_, lead: string) => {
      repairs++;
      return `${lead}0`;
    });
  }
  // Other languages become English first, so the English synonym classes read them too.
  const typed = s;
  s = applyRewrites(s, low, FOREIGN_PHRASES);
  const english = translateWords(s);
  const lowEnglish = english === typed ? low : ` ${english.toLowerCase()} `;
  let figures = 0;
  s = applyRewrites(english, lowEnglish, IDIOMS, (r) => {
    if (r.figurative === true) figures++;
  });
  s = applyRewrites(s, lowEnglish, PHRASES);
  // "at 3pm", "at 10:30" are times, never prices or amounts.
  if (CLOCK_HINT.test(s)) s = s.replace(CLOCK, ' clocktime ');
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  return { text: s, truncated, shouting: upper > 3 && lower < upper * 0.25, suspicious, repairs, foreign: english !== typed, figures };
}

/**
 * NFKC folds full-width letters and digits ("ｂｕｙ ２") into ASCII, but it would also fold "1²"
 * into 12 and "1０0" into 100. Digits that are not ASCII keep their form unless a whole run of
 * digits is full width, so a number that mixes them stays unreadable instead of becoming another.
 * Invisible characters inside a number are kept (the number is then unreadable); inside a word
 * they are dropped ("fi\u00ADve" is "five"); elsewhere they separate words.
 */
function foldUnicode(text: string): string {
  const kept: string[] = [];
  let s = text.replace(PRIVATE_USE, ' ');
  s = s.replace(DIGIT_RUN, (run) => {
    if (!NON_ASCII.test(run) || FOLDABLE.test(run)) return run;
    return run.replace(/\p{N}/gu, (d) => {
      if (ASCII_DIGIT.test(d)) return d;
      kept.push(d);
      return String.fromCharCode(0xe000 + kept.length - 1);
    });
  });
  s = s.normalize('NFKC');
  if (kept.length > 0) s = s.replace(PRIVATE_USE, (c) => kept[c.charCodeAt(0) - 0xe000] ?? ' ');
  return s.replace(INVISIBLE, (m: string, at: number, all: string) => {
    const before = all.charAt(at - 1);
    const after = all.charAt(at + m.length);
    if (NUMBER_CHAR.test(before) && NUMBER_CHAR.test(after)) return m;
    // Inside a word, or between a number and its letters ("10\u200Bx" is "10x"), they are nothing.
    return (LETTER.test(before) || NUMBER_CHAR.test(before)) && (LETTER.test(after) || NUMBER_CHAR.test(after)) ? '' : ' ';
  });
}

const CHUNK = /@(?=[\p{L}_])[\p{L}\p{N}_]+|@|[<>]=?|[\p{L}\p{M}\p{N}\p{Cf}$€£#%&.,'/+_-]+/gu;
const LEAD = /^[.,'/+_&:-]+/;
const EDGE_TRAIL = /[.,'/+_&:-]+$/;
/** What of a chunk's leading punctuation belongs to a number: a sign and a point ("-1", "-.5", ".25", ",5"), a sign before money ("-$100"). */
const NUMBER_LEAD = /[-+]?[.,]?$/;
const MONEY_LEAD = /[-+]?$/;
const NUMBER_START = /^[$€£]?[\p{Cf}\p{M}]*\p{N}/u;
const NUMBERISH = /^[-+]?[$€£]?[.,]?\p{N}/u;
const DETACHED_POINT = /(?:^|\s)[-+.,]*[.,][-+.,]*\s+$/;
const CONTRACTION = /^(.*?)(n't|'s|'d|'m|'re|'ll|'ve)$/;
const IS_CONTRACTED = new Set(['what', 'it', 'that', 'how', 'where', 'who', 'there', 'here', 'when', 'why', 'he', 'she']);
const ALNUM = /^[\p{L}\p{N}]+$/u;

/** What the tokenizer asks of the coin resolver. */
export interface TokenLookup {
  /** "a/b" (or "a-b") names two listed assets, so it is read as one pair token. */
  isPair(a: string, b: string): boolean;
  /** The word is a listed ticker (lower case), e.g. "1inch". */
  isAsset(word: string): boolean;
  /** The word names a listed coin, by ticker or name ("op", "litecoin"). */
  isCoin(word: string): boolean;
}

export function tokenize(prepared: Prepared, lookup: TokenLookup): Tok[] {
  const out: Tok[] = [];
  const text = prepared.text;
  let sentence = 0;
  let end = 0;
  let ended = false;
  // Where the content of the last chunk that gave tokens ended: what lies between is a token's gap.
  let contentEnd = 0;
  for (const m of text.matchAll(CHUNK)) {
    if (out.length >= MAX_TOKENS) {
      // The next chunk may have continued a number ("… 60" | "000"): the last number is not read as a part.
      const last = out[out.length - 1];
      if (last?.num !== undefined && last.num.flaw === undefined && !last.num.label) last.num = unreadable(`${last.num.written ?? last.w}…`, last.num);
      break;
    }
    const chunk = m[0];
    // A sentence ends at ".", "!", "?" or ";" before a space ("buy eth. im 100% sure"), not at "0.5".
    if (out.length > 0 && (ended || endsSentence(text, end, m.index))) sentence++;
    end = m.index + chunk.length;
    ended = isStop(chunk.charCodeAt(chunk.length - 1)) && end < text.length && text.charCodeAt(end) <= 32;
    const first = out.length;
    emit(chunk, out, lookup);
    if (out.length === first) continue;
    const gap = text.slice(contentEnd, m.index + chunk.length - stripLead(chunk).length);
    const head = out[first]!;
    head.gap = gap;
    // "buy . 5 eth": a point standing alone before a number was meant in it (".5"), or not: never 5.
    if (head.num !== undefined && DETACHED_POINT.test(gap) && (contentEnd === 0 || /^\s/.test(gap))) {
      head.num = unreadable(`${gap.trim()} ${head.num.written ?? head.w}`, head.num);
    }
    contentEnd = end - (EDGE_TRAIL.exec(chunk)?.[0].length ?? 0);
    if (sentence > 0) for (let i = first; i < out.length; i++) out[i]!.sentence = sentence;
  }
  return out;
}

/** ".", "!", "?", ";" */
function isStop(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 59;
}

/** "!", "?" or ";" between two words (a "." there is inside a word or a number: "0.5", "e.g"). */
function endsSentence(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isStop(text.charCodeAt(i)) && text.charCodeAt(i) !== 46) return true;
  return false;
}

/** Leading punctuation goes, except what belongs to a number: "-1", "-$100", ".25", ",5" (unreadable). */
function stripLead(chunk: string): string {
  const lead = LEAD.exec(chunk)?.[0];
  if (lead === undefined) return chunk;
  const body = chunk.slice(lead.length);
  if (!NUMBER_START.test(body)) return body;
  return ((/^[$€£]/.test(body) ? MONEY_LEAD : NUMBER_LEAD).exec(lead)?.[0] ?? '') + body;
}

function emit(chunk: string, out: Tok[], lookup: TokenLookup): void {
  if (chunk.length > 1 && chunk.startsWith('@')) return; // @botname
  if (chunk === '@') return void out.push({ w: 'at', upper: false });
  if (chunk === '>' || chunk === '>=') return void out.push({ w: 'above', upper: false });
  if (chunk === '<' || chunk === '<=') return void out.push({ w: 'below', upper: false });
  if (chunk.length > 64) {
    // A number this long is not read in part (its first 64 characters would be another number).
    if (NUMBERISH.test(stripLead(chunk))) return void out.push({ w: chunk.slice(0, 64), upper: false, num: unreadable(`${chunk.slice(0, 24)}…`) });
    return pushChunk(chunk.slice(0, 64), out, lookup, 0);
  }
  pushChunk(chunk, out, lookup, 0);
}

const PLAIN_WORD = /^[a-z]+$/;
/** Letters glued to a number that are a word of their own ("0.5btc"), not a stray character ("10o", "1.5kl"). */
const GLUED_WORD = /^[a-z]{3,}$|^[^a-z]/;
/** "2Om", "5lk": a letter that looks like a digit before a scale suffix, even where it spells a ticker (OM). */
const LOOKALIKE_SUFFIX = /^[oli]+(?:k|m|mm|mn|b|bn)?$/;
/** "3Opm", "1lk": glued letters that start with one that looks like a digit, and name no coin ("5op", "2litecoin" do). */
const LOOKALIKE_START = /^[oli]/;

function pushChunk(rawChunk: string, out: Tok[], lookup: TokenLookup, depth: number): void {
  if (PLAIN_WORD.test(rawChunk)) {
    out.push({ w: rawChunk, upper: false }); // the common case, without the checks below
    return;
  }
  // "+447700900123": a phone number, whatever its digits would make as an amount.
  if (/^\+\d{8,}$/.test(rawChunk)) return void out.push({ w: rawChunk.slice(1), upper: false, num: { value: 0, raw: 0, unit: '', label: true } });
  const led = stripLead(rawChunk);
  // "-five": the sign of a spelled number is a word the number reader understands.
  if (led.length < rawChunk.length && rawChunk.charAt(rawChunk.length - led.length - 1) === '-' && isCountWord(led.replace(EDGE_TRAIL, '').toLowerCase())) {
    out.push({ w: '-', upper: false });
  }
  const chunk = led.replace(EDGE_TRAIL, '');
  if (chunk === '' || depth > 3) return;
  const lower = chunk.toLowerCase();
  const upper = /\p{Lu}/u.test(chunk) && !/\p{Ll}/u.test(chunk);
  if (/^[%$€£]$/.test(chunk)) {
    out.push({ w: chunk, upper: false });
    return;
  }
  // "1inch", "1000sats": tickers that start with digits are words, not numbers with a unit.
  if (/^\d/.test(lower) && ALNUM.test(lower) && lookup.isAsset(lower)) {
    out.push({ w: lower, upper });
    return;
  }
  const numeric = parseNumeric(lower);
  if (numeric !== null) {
    const rest = chunk.length === lower.length ? chunk.slice(chunk.length - numeric.rest.length) : numeric.rest;
    // "user 42's account": a number owning something is a name, never a quantity, and its "'s" no coin (S).
    if (rest.startsWith("'")) {
      out.push({ w: numeric.text, upper: false, num: { ...numeric.num, label: true }, possessive: true });
      return;
    }
    // "10o", "1.5kl": letters glued on that are no unit, no ticker and no word make the number unreadable;
    // so does a spelled number ("9twenty"): one number cannot be written twice.
    const glued = numeric.rest.replace(/^[^a-z]+/, ''); // "5-o" glues an "o" as much as "5o"
    const stray = (!GLUED_WORD.test(glued) && !lookup.isAsset(glued)) || (LOOKALIKE_START.test(glued) && !lookup.isCoin(glued));
    if (rest !== '' && (stray || isCountWord(glued) || LOOKALIKE_SUFFIX.test(glued))) {
      out.push({ w: lower, upper: false, num: unreadable(lower, numeric.num) });
      return;
    }
    out.push({ w: numeric.text, upper: false, num: numeric.num });
    if (rest !== '') pushChunk(rest, out, lookup, depth + 1);
    return;
  }
  // "1O0", "l00", "o0.5": letters that look like digits are never read as digits, nor the digits alone;
  // "1.5k5", "1,5x0": a number with more after it than a unit is not split into other numbers.
  if (looksLikeDigits(lower) || (NUMBERISH.test(lower) && /[.,]/.test(lower))) return void out.push({ w: lower, upper: false, num: unreadable(lower) });
  if (lower.includes("'")) {
    const c = CONTRACTION.exec(lower);
    if (c !== null) {
      const [, stem = '', tail] = c;
      const head = tail === "n't" ? (stem === 'ca' ? 'can' : stem === 'wo' ? 'will' : stem) : stem;
      pushChunk(head, out, lookup, depth + 1);
      const expanded = { "n't": 'not', "'d": 'would', "'m": 'am', "'re": 'are', "'ll": 'will', "'ve": 'have' }[tail ?? ''];
      if (expanded !== undefined) out.push({ w: expanded, upper: false });
      else if (tail === "'s" && IS_CONTRACTED.has(head)) out.push({ w: 'is', upper: false });
      else if (tail === "'s" && head === 'let') out.push({ w: 'us', upper: false });
      else if (tail === "'s" && out.length > 0) out[out.length - 1]!.possessive = true; // "john's btc"
      return;
    }
    pushChunk(chunk.replace(/'/g, ''), out, lookup, depth + 1);
    return;
  }
  if (chunk.startsWith('#')) {
    const id = lower.replace(/^#+/, '');
    if (ALNUM.test(id)) out.push({ w: id, upper: false, hash: true });
    else pushChunk(chunk.replace(/^#+/, ''), out, lookup, depth + 1);
    return;
  }
  if (chunk.startsWith('$') && /^\$[a-z][a-z0-9]{1,11}$/.test(lower)) {
    out.push({ w: lower.slice(1), upper, cashtag: true });
    return;
  }
  const ratio = /^(\d)\/(\d{1,2})$/.exec(lower);
  if (ratio !== null && Number(ratio[1]) < Number(ratio[2])) {
    const value = Number(ratio[1]) / Number(ratio[2]);
    const num: Num = { value, raw: value, unit: '', fraction: true, written: lower };
    if (value === 0) num.flaw = { kind: 'not_positive' }; // "0/3"
    out.push({ w: lower, upper: false, num });
    return;
  }
  const sep = /[/_-]/.exec(lower);
  if (sep !== null) {
    const parts = lower.split(/[/_-]+/).filter((p) => p !== '');
    const [a, b] = parts;
    if (parts.length === 2 && a !== undefined && b !== undefined && ALNUM.test(a) && ALNUM.test(b) && lookup.isPair(a, b)) {
      out.push({ w: lower, upper, pair: [a, b] });
      return;
    }
    // "50/50", "10/3": digits on both sides of a slash are a ratio or a score, never one quantity ("1/-2" is no ratio).
    if (/^\d+\/\d+$/.test(lower)) {
      out.push({ w: 'ratio', upper: false });
      return;
    }
    // "1-2", "24-hour": the pieces keep what stood between them, so two numbers stay one unreadable thing.
    return pushPieces(chunk, /([/_-]+)/, out, lookup, depth);
  }
  if (/[,&%$€£#+]/.test(lower) || (lower.includes('.') && !/^[a-z]+\.[a-z]+$/.test(lower))) {
    // A point or comma between digits stays in its piece: "$346217.0074006" is one number.
    return pushPieces(chunk, /([%$€£]|[&#+]+|[,.]*[&#+][,.]*|(?<!\d)[,.]+|[,.]+(?!\d))/, out, lookup, depth);
  }
  out.push({ w: lower, upper });
}

/** Splits a chunk at its separators (a capturing pattern); each piece's first token keeps the separator before it as its gap. */
function pushPieces(chunk: string, separators: RegExp, out: Tok[], lookup: TokenLookup, depth: number): void {
  let gap = '';
  chunk.split(separators).forEach((piece, k) => {
    if (piece === '') return;
    // Odd pieces are separators; "%", "$" are tokens of their own.
    if (k % 2 === 1 && !/^[%$€£]$/.test(piece)) {
      gap += piece;
      return;
    }
    const first = out.length;
    pushChunk(piece, out, lookup, depth + 1);
    if (out.length > first) out[first]!.gap = gap;
    gap = '';
  });
}
