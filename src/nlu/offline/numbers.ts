import type { Num, Tok } from './tokens.js';

/**
 * Numbers as people type them: "1,250.50", ".25", "2.5k", "$1.2k", "1.5m", "20%", "4h", and
 * spelled out: "two", "a hundred", "3 million", "ten percent", "half", "a quarter".
 */

// The lookahead stops "1,2500" from being read as "1,250" followed by a stray "0".
const NUMERIC = /^([+-]?)([$€£]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\d+,\d+|\.\d+)(?![\d.,])(.*)$/;
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
  /** The number as written, lower case ("0123", "1,000"): order ids need it verbatim. */
  text: string;
  num: Num;
  /** Letters glued after the number that are not a unit ("0.5btc" → "btc"). */
  rest: string;
}

/** Reads one lower-case chunk that starts with a number; null when it is not one. */
export function parseNumeric(lower: string): Numeric | null {
  const m = NUMERIC.exec(lower);
  if (m === null) return null;
  const [, polarity = '', sign = '', digits = '', tail = ''] = m;
  if (/\d/.test(tail) || /^(st|nd|rd|th)$/.test(tail)) return null; // ids ("5f3a") and ordinals are words
  // "1,000" groups thousands; "1,5" is a decimal comma (or a list), so it is read with doubt.
  // A minus sign is dropped ("stop loss at -5%" means 5%), but the reading is then less sure.
  // "0,5" can only be a decimal comma, so it is read without doubt.
  const decimalComma = /^\d+,\d+$/.test(digits) && !/^\d{1,3}(,\d{3})+$/.test(digits);
  const ambiguous = (decimalComma && !digits.startsWith('0,')) || polarity === '-';
  const plain = decimalComma ? digits.replace(',', '.') : digits.replace(/,/g, '');
  let money = MONEY_SIGN[sign];
  let exp = 0;
  let unit = '';
  let percent = false;
  let rest = '';
  const scaled = SCALE_SUFFIX.exec(tail);
  if (scaled !== null) {
    const [, scale = '', symbol = ''] = scaled;
    exp = SCALE_EXP[scale] ?? 0;
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
  // Scaling through the exponent keeps "3.1k" exactly 3100 (3.1 * 1000 is not).
  const value = Number(`${plain}e${exp}`);
  const raw = Number(plain);
  if (!Number.isFinite(value) || !Number.isFinite(raw)) return null;
  const num: Num = { value, raw, unit };
  if (money !== undefined) num.money = money;
  if (percent) num.percent = true;
  if (ambiguous) num.ambiguous = true;
  // "07700900123": a phone number or an id. Nobody writes a quantity that way.
  if (/^0\d/.test(digits) && tail === '') num.label = true;
  // "1.500", "10.000": a point before three digits ending in 0 groups thousands in much of Europe.
  if (/^[1-9]\d{0,2}\.\d\d0$/.test(digits)) num.grouping = true;
  return { text: lower.slice(0, lower.length - tail.length).replace(/^[+-]/, ''), num, rest };
}

const SMALL: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90,
};
const SCALE: Readonly<Record<string, number>> = {
  hundred: 100, thousand: 1e3, grand: 1e3, k: 1e3, million: 1e6, mil: 1e6, mill: 1e6, mio: 1e6,
  millions: 1e6, billion: 1e9, bn: 1e9, dozen: 12, thousands: 1e3, hundreds: 100,
};
const FRACTION: Readonly<Record<string, number>> = { half: 0.5, halves: 0.5, quarter: 0.25, quarters: 0.25, third: 1 / 3, thirds: 1 / 3 };
const PERCENT_WORDS = new Set(['percent', 'pct', '%', 'perc', 'prct', 'procent']);
const MONEY_WORDS: Readonly<Record<string, Num['money']>> = {
  dollars: 'USD', dollar: 'USD', bucks: 'USD', buck: 'USD', usd: 'USD', $: 'USD', usdollars: 'USD',
  euros: 'EUR', euro: 'EUR', '€': 'EUR', quid: 'GBP', pounds: 'GBP', '£': 'GBP',
};

export function isNumberWord(w: string): boolean {
  return w in SMALL || w in SCALE || w in FRACTION;
}

/** Folds spelled numbers, scale words, "percent" and money words into the number tokens. */
export function mergeNumbers(toks: readonly Tok[]): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    const prev = out[out.length - 1];
    if (t.num !== undefined) {
      const num = { ...t.num };
      let written = t.w;
      let j = i + 1;
      let w = plainWord(toks[j]);
      const scale = SCALE[w];
      if (!t.num.fraction && scale !== undefined && t.num.unit === '' && !t.num.percent) {
        num.value = scaleBy(num.value, scale);
        num.raw = num.value;
        if (w === 'grand') num.money = 'USD'; // "60 grand": dollars
        w = plainWord(toks[++j]);
      } else if (isWhole(t) && isWhole(toks[j]) && /^\d{3}$/.test(toks[j]!.w) && !/^0\d/.test(t.w)) {
        // "60 000": thousands grouped with a space. "2 500 doge" could also be two numbers.
        written = `${t.w}${toks[j]!.w}`;
        num.value = Number(written);
        num.raw = num.value;
        if (toks[j]!.w !== '000') num.grouping = true;
        w = plainWord(toks[++j]);
      } else if (isWhole(t) && toks[j]?.num?.fraction === true && /^\d\/\d+$/.test(toks[j]!.w)) {
        num.value += toks[j]!.num!.value; // "1 1/2 eth": one and a half
        num.raw = num.value;
        w = plainWord(toks[++j]);
      }
      if (w === 'and' && plainWord(toks[j + 1]) === 'a' && plainWord(toks[j + 2]) === 'half') {
        num.value += 0.5;
        j += 3;
      }
      const prefix = prev !== undefined && prev.num === undefined ? MONEY_WORDS[prev.w] : undefined;
      if (prefix !== undefined && (prev!.w === '$' || prev!.w === '€' || prev!.w === '£')) {
        out.pop();
        num.money = prefix;
      }
      j = suffixes(toks, j, num);
      out.push({ ...t, w: written, num });
      i = j;
      continue;
    }
    const spelled = t.num === undefined ? readSpelled(toks, i, prev?.num !== undefined) : null;
    if (spelled !== null) {
      const j = suffixes(toks, spelled.end, spelled.num);
      out.push({ w: t.w, upper: false, num: spelled.num, sentence: t.sentence });
      i = j;
      continue;
    }
    out.push(t);
    i++;
  }
  return out;
}

/** Digits only, at most three, no unit or sign: the head of "60 000" or "1 1/2". */
function isWhole(t: Tok | undefined): boolean {
  const n = t?.num;
  return n !== undefined && /^\d{1,3}$/.test(t!.w) && n.unit === '' && !n.percent && !n.fraction && n.money === undefined && n.value === n.raw;
}

function plainWord(t: Tok | undefined): string {
  return t === undefined || t.num !== undefined || t.coin !== undefined ? '' : t.w;
}

function scaleBy(value: number, factor: number): number {
  // Round away float noise from "1.1 million": the scaled value has no more digits than written.
  return Number((value * factor).toPrecision(12));
}

function suffixes(toks: readonly Tok[], j: number, num: Num): number {
  const w = plainWord(toks[j]);
  if ((w === 'cents' || w === 'cent') && !num.percent && !num.money) {
    // "twenty cents": a price in dollars
    num.value = Number((num.value / 100).toPrecision(12));
    num.raw = num.value;
    num.money = 'USD';
    return j + 1;
  }
  if (PERCENT_WORDS.has(w) && !num.money) {
    num.percent = true;
    return j + 1;
  }
  const money = MONEY_WORDS[w];
  if (money !== undefined && !num.percent) {
    num.money = money;
    return j + 1;
  }
  return j;
}

/** "two hundred and fifty", "a hundred", "three quarters", "one and a half", "zero point five". */
function readSpelled(toks: readonly Tok[], i: number, afterNumber: boolean): { num: Num; end: number } | null {
  const first = plainWord(toks[i]);
  const second = plainWord(toks[i + 1]);
  const article = first === 'a' || first === 'an';
  // "gets to a dollar", "a buck a piece": one unit of money.
  if (article && (second === 'dollar' || second === 'buck')) return { num: { value: 1, raw: 1, unit: '', money: 'USD' }, end: i + 2 };
  if (article && SCALE[second] === undefined && FRACTION[second] === undefined) return null;
  if (!article && SMALL[first] === undefined && SCALE[first] === undefined && first !== 'half' && first !== 'quarter') return null;
  // "100 one": the word after digits is a ticker (Harmony), not a second number.
  if (afterNumber && !article) return null;
  if (SCALE[first] !== undefined && first !== 'dozen') return null; // a bare "thousand" / "k" is no count
  let total = 0;
  let current = article ? 1 : 0;
  let seen = article;
  let j = article ? i + 1 : i;
  let fraction = false;
  for (; j < toks.length; j++) {
    const w = plainWord(toks[j]);
    const small = SMALL[w];
    if (small !== undefined) {
      if (fraction || (current % 10 !== 0 && small < 10) || (current % 100 >= 10 && small >= 10 && seen)) break;
      current += small;
      seen = true;
    } else if (SCALE[w] !== undefined) {
      const scale = SCALE[w]!;
      if (scale < 1000) current = (current || 1) * scale;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
      seen = true;
    } else if (FRACTION[w] !== undefined) {
      if (w.startsWith('third') && !seen) break; // "third" alone is an ordinal
      const numerator = current === 0 && total === 0 ? 1 : current;
      current = numerator * FRACTION[w]!;
      fraction = total === 0;
      seen = true;
      j++;
      break;
    } else if (w === 'and' && seen && plainWord(toks[j + 1]) === 'a' && plainWord(toks[j + 2]) === 'half') {
      current += 0.5;
      j += 3;
      break;
    } else if (w === 'and' && seen && SMALL[plainWord(toks[j + 1])] !== undefined) {
      continue;
    } else if (w === 'point' && seen) {
      let digits = '';
      while (SMALL[plainWord(toks[j + 1])] !== undefined && SMALL[plainWord(toks[j + 1])]! < 10) digits += SMALL[plainWord(toks[++j])];
      if (digits === '') break;
      current += Number(`0.${digits}`);
      j++;
      break;
    } else break;
  }
  if (!seen) return null;
  const value = total + current;
  if (!Number.isFinite(value)) return null;
  const num: Num = { value, raw: value, unit: '' };
  if (fraction) num.fraction = true;
  if (plainWord(toks[j - 1]) === 'grand') num.money = 'USD'; // "a grand worth of eth": $1000
  return { num, end: j };
}
