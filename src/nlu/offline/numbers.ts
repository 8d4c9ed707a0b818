import type { Num, NumberFlaw } from './tokens.js';

/**
 * Numbers as people type them. A number is read exactly as written or not at all: a form with
 * two readings is flagged (the bot asks which), and anything that is not part of a number makes
 * the number unreadable, never a different one. The conventions, each tested in numbers.test.ts:
 *
 * Separators
 *   "1,000" "1,125" "21,000,000"  a comma before groups of three digits groups thousands → 1000.
 *   "0,5" "0,001"                 after a lone leading zero a comma can only be a decimal → 0.5, 0.001.
 *   "1,5" "12,50" "1234,5"        any other single comma → ambiguous: 1.5 or 15? (asks).
 *   "1.5" ".25" "1.125"           a point is a decimal point...
 *   "1.500" "10.000"              ...but before three digits ending in 0, after 1–3 digits, it may
 *                                 group thousands (much of Europe) → ambiguous: 1.5 or 1500? (asks).
 *   "1,000,000" "1'000'000"       one separator repeated between groups of three → 1000000; with
 *   "2.000.000.000"               points, three groups or more → 2000000000...
 *   "2.000.000"                   ...but two points → ambiguous: 2000000, 2000 or 2? One stray point
 *                                 in "2000.000" would write the same (asks).
 *   "1.234.567,89" "1,250.50"     both kinds: the last separator is the decimal one (written once),
 *                                 the other groups thousands (groups of three) → 1234567.89, 1250.5.
 *   "60.000,5"                    ...but one point group before a decimal comma → ambiguous:
 *                                 60000.5 or 60.0005? A comma slipped into "60.0005" writes the same.
 *   "1 000 000" "60 000"          groups of three after a 1–3 digit head, any space between them
 *                                 (NBSP, thin space) → 1000000; a group other than 000 ("2 500")
 *                                 is read, with doubt: it may be two numbers.
 *   "1..5" "1,0.00" ",5" "1.2.3"  any other arrangement → unreadable.
 * Suffixes and notation
 *   "2.5k" 2500, "1.5m" 1500000, "2bn", "$1.2k" 1200, "20%", "4h" a unit; "1.5 k", "3 million",
 *   "60 grand" (dollars) with words. "12 m", "3 b" (a suffix letter written apart: 12 million, or
 *   12 minutes?) → unreadable. Scales move the decimal point exactly ("1.1 million" 1100000).
 *   "1e-3" 0.001, "2.5e3" 2500    scientific notation is read exactly; one a double cannot hold
 *                                 ("1e400", "1e-400") → unreadable.
 *   "two", "a hundred", "twenty five", "one point five million", "ten percent", "half" (0.5, a share).
 * Signs
 *   "-1" "−0.5" "-$100" "-50%" "minus 5" "0" "0.00" → not_positive: never a quantity or a price.
 *   "+5" is 5. A stop-loss distance "-5%" is the one exception (other-entities.ts): its sign says "below".
 * Never part of a number (→ unreadable)
 *   invisible characters (zero-width space and joiners, word joiner, BOM, soft hyphen);
 *   superscript and subscript digits ("1²"), digits of mixed widths or scripts ("1０0");
 *   letters that look like digits ("1O0", "l00", "10o", "2Om") and short unknown letters glued on
 *   ("1.5kl"), a spelled number glued on ("9twenty"), more digits after a suffix ("1.5k5");
 *   two numbers side by side in a sentence, whatever stands between them ("1 00", "1-2", "1, 5",
 *   "1*000", "1. 5k"), and ranges ("1 to 2", "1 or 2", "between 1 and 2"); a spelled number beside
 *   a fragment that completes or garbles a number word ("four teen", "twenty fi ve", "twenty fiOve").
 * Dates and clock times ("12/05", "2024-05-12", "10:30", "3pm") are never numbers (rewrites.ts).
 */

// Sign, currency, sign ("$-100"), body (digits with separators, or with what makes them unreadable), tail.
const NUMBER = /^([+-]?)([$€£]?)([+-]?)([.,]?[\p{Cf}\p{M}]*\p{N}(?:[.,'\p{Cf}\p{M}]*\p{N})*)(.*)$/su;
const ASCII_BODY = /^[\d.,']+$/;
const EXPONENT = /^e([+-]?\d{1,4})(?![\d.,])(.*)$/s;
const ORDINAL = /^(st|nd|rd|th)$/;
const SCALE_SUFFIX = /^(k|m|mm|mn|mil|mio|b|bn)?([$€£%])?$/;
const UNIT_SUFFIX: Readonly<Record<string, string>> = {
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  min: 'min', mins: 'min', minute: 'min', minutes: 'min',
  d: 'd', day: 'd', days: 'd',
  w: 'w', wk: 'w', week: 'w', weeks: 'w',
  mo: 'mo', month: 'mo', months: 'mo',
  x: 'x',
  usd: '$', usdollars: '$', pct: '%',
};
const SCALE_EXP: Readonly<Record<string, number>> = { k: 3, m: 6, mm: 6, mn: 6, mil: 6, mio: 6, b: 9, bn: 9 };
const MONEY_SIGN: Readonly<Record<string, Num['money']>> = { $: 'USD', '€': 'EUR', '£': 'GBP' };

export interface Numeric {
  /** The number as written, lower case, without its sign ("0123", "1,000"): order ids need it. */
  text: string;
  num: Num;
  /** Letters glued after the number that are not a unit ("0.5btc" → "btc"). */
  rest: string;
}

type Digits = { plains: string[] } | null;

/** Reads one lower-case chunk that starts with a number; null when it is a word (an id, an ordinal). */
export function parseNumeric(lower: string): Numeric | null {
  const m = NUMBER.exec(lower);
  if (m === null) return null;
  const [, before = '', sign = '', after = '', body = ''] = m;
  const polarity = before === '-' || after === '-' ? '-' : '';
  let tail = m[5] ?? '';
  let exp = 0;
  const ascii = ASCII_BODY.test(body);
  const e = ascii ? EXPONENT.exec(tail) : null;
  if (e !== null) {
    exp = Number(e[1]); // "1e-3"
    tail = e[2] ?? '';
  }
  if (/\d/.test(tail) || ORDINAL.test(tail)) return null; // ids ("5f3a") and ordinals are words
  // "3\u200D": an invisible character glued to a number makes it unreadable, wherever it stands.
  if (/^[\p{Cf}\p{M}]/u.test(tail)) return { text: lower, num: unreadable(lower), rest: '' };
  let money = MONEY_SIGN[sign];
  let unit = '';
  let percent = false;
  let rest = '';
  const scaled = SCALE_SUFFIX.exec(tail);
  if (scaled !== null) {
    const [, scale = '', symbol = ''] = scaled;
    exp += SCALE_EXP[scale] ?? 0;
    unit = scale === 'm' ? 'm' : '';
    if (symbol === '%') percent = true;
    else if (symbol !== '') money = MONEY_SIGN[symbol];
  } else {
    const u = UNIT_SUFFIX[tail];
    if (u === '$') money = 'USD';
    else if (u === '%') percent = true;
    else if (u !== undefined) unit = u;
    else rest = tail;
  }
  const digits = ascii ? readDigits(body) : null;
  const written = lower.slice(0, lower.length - rest.length);
  const num: Num = { value: NaN, raw: NaN, unit, written };
  if (money !== undefined) num.money = money;
  if (percent) num.percent = true;
  // "07700900123": a phone number or an id. Nobody writes a quantity that way.
  if (/^0\d/.test(body) && tail === '') num.label = true;
  const text = lower.slice(0, lower.length - tail.length).replace(/^[+-]/, '').replace(/^([$€£])[+-]/, '$1');
  if (digits === null) return { text, num: flawed(num, { kind: 'unreadable' }), rest };
  // Scaling through the exponent keeps "3.1k" exactly 3100 (3.1 * 1000 is not).
  const values = digits.plains.map((p) => Number(`${p}e${exp}`));
  const first = values[0]!;
  num.raw = Number(digits.plains[0]);
  const nonZero = digits.plains.some((p) => /[1-9]/.test(p));
  // "1e400", "1e-400": a double cannot hold what was written.
  if (values.some((v) => !Number.isFinite(v) || (v === 0 && nonZero)) || !Number.isFinite(num.raw)) return { text, num: flawed(num, { kind: 'unreadable' }), rest };
  num.value = polarity === '-' ? -first : first;
  if (polarity === '-' || first === 0) return { text, num: flawed(num, { kind: 'not_positive' }), rest };
  if (values.length > 1) return { text, num: flawed(num, { kind: 'ambiguous', readings: values }), rest };
  return { text, num, rest };
}

/**
 * value × 10^places, exactly as a decimal: "1.23456789012345 million" is 1234567.89012345 and
 * "1234567890123 sats" 12345.67890123 (a product rounded to 12 digits would be another number).
 */
export function shiftDecimal(value: number, places: number): number {
  const [mantissa = '', exponent = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

function flawed(num: Num, flaw: NumberFlaw): Num {
  num.flaw = flaw;
  if (flaw.kind === 'unreadable') {
    num.value = NaN;
    num.raw = NaN;
  }
  return num;
}

/** Digits with separators → the plain decimal reading(s), or null when unreadable (see the conventions above). */
function readDigits(body: string): Digits {
  let dots = 0;
  let commas = 0;
  let quotes = 0;
  let last = '';
  for (const c of body) {
    if (c === '.') dots++;
    else if (c === ',') commas++;
    else if (c === "'") quotes++;
    else continue;
    last = c;
  }
  if (last === '') return { plains: [body] };
  const kinds = (dots > 0 ? 1 : 0) + (commas > 0 ? 1 : 0) + (quotes > 0 ? 1 : 0);
  if (kinds === 1) {
    if (dots === 2) {
      // "2.000.000": one stray point in "2000.000" or "2.000000" would write the same, so it is asked about.
      const whole = grouped(body, '.');
      if (whole === null) return null;
      const [a = '', b = '', c = ''] = body.split('.');
      return { plains: unique([whole, `${a}${b}.${c}`, `${a}.${b}${c}`]) };
    }
    if (dots + commas + quotes > 1 || last === "'") return one(grouped(body, last)); // "1.000.000.000", "1,000,000", "1'000"
    const [head = '', frac = ''] = body.split(last);
    if (last === '.') {
      if (head === '') return { plains: [`0${body}`] }; // ".25"
      if (/^[1-9]\d{0,2}$/.test(head) && /^\d\d0$/.test(frac)) return { plains: [body, head + frac] }; // "1.500": 1.5 or 1500?
      return { plains: [body] };
    }
    if (head === '0') return { plains: [`0.${frac}`] }; // "0,5", "0,001": only a decimal comma starts with "0,"
    if (/^[1-9]\d{0,2}$/.test(head) && frac.length === 3) return { plains: [head + frac] }; // "1,000", "1,125"
    if (head === '' || head.startsWith('0')) return null; // ",5", "00,5"
    return { plains: [`${head}.${frac}`, head + frac] }; // "1,5": 1.5 or 15?
  }
  if (kinds === 3 || last === "'") return null;
  // Both kinds: the last separator is the decimal one, written once; the other groups thousands.
  const point = body.lastIndexOf(last);
  if (body.indexOf(last) !== point) return null;
  const whole = body.slice(0, point);
  const group = whole.includes('.') ? '.' : whole.includes(',') ? ',' : "'";
  if ([...whole].some((c) => c !== group && (c === '.' || c === ',' || c === "'"))) return null;
  const grouping = grouped(whole, group);
  if (grouping === null) return null;
  const frac = body.slice(point + 1);
  // "60.000,5": a comma slipped into "60.0005" would write the same; with two groups or more
  // ("1.234.567,89") one slip cannot, so only the single group is asked about.
  if (last === ',' && group === '.' && dots === 1) return { plains: [`${grouping}.${frac}`, `${whole}${frac}`] };
  return { plains: [`${grouping}.${frac}`] };
}

function unique(plains: string[]): string[] {
  return plains.filter((p, i) => plains.findIndex((q) => Number(q) === Number(p)) === i);
}

function one(plain: string | null): Digits {
  return plain === null ? null : { plains: [plain] };
}

/** "1,000,000" with "," → "1000000"; null unless a 1–3 digit head is followed by groups of three. */
function grouped(s: string, sep: string): string | null {
  const parts = s.split(sep);
  if (!/^[1-9]\d{0,2}$/.test(parts[0] ?? '')) return null;
  for (let i = 1; i < parts.length; i++) if (!/^\d{3}$/.test(parts[i]!)) return null;
  return parts.join('');
}

/** A chunk made of digits, separators and letters that look like digits ("1O0", "l00", "o0.5", "1.l5k"). */
const LOOKALIKE = /^[+-]?[$€£]?[\p{N}\p{Cf}\p{M}oli.,'/-]*[oli][\p{N}\p{Cf}\p{M}oli.,'/-]*(?:[a-z]{1,3}|%|[$€£])?$/u;
const ANY_DIGIT = /\p{N}/u;
/** A word of letters that look like digits ("Ik", "lO"), standing beside a number: a garbled part of it. */
const LOOKALIKE_WORD = /^[oli]{1,3}[kmb]?$/;

/** The chunk mixes digits with letters that look like digits: never a number, and no other reading is safe. */
export function looksLikeDigits(lower: string): boolean {
  return ANY_DIGIT.test(lower) && LOOKALIKE.test(lower);
}

/** "1 Ik shib", ".o 5": letters that look like digits, written apart (no common word: "i", "ok", "lol" are words). */
export function lookalikeWord(w: string): boolean {
  return LOOKALIKE_WORD.test(w) && w !== 'i';
}

/** An unreadable number token for what was written. */
export function unreadable(written: string, from?: Pick<Num, 'money' | 'percent' | 'fraction'>): Num {
  const num: Num = { value: NaN, raw: NaN, unit: '', written, flaw: { kind: 'unreadable' } };
  if (from?.money !== undefined) num.money = from.money;
  if (from?.percent === true) num.percent = true;
  if (from?.fraction === true) num.fraction = true;
  return num;
}
