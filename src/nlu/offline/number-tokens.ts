import { COMMON_WORDS } from './english-words.js';
import { lookalikeWord, shiftDecimal, unreadable } from './numbers.js';
import type { Num, Tok } from './tokens.js';

/**
 * Number tokens folded with their neighbours (conventions in numbers.ts): spelled numbers, scale
 * words ("3 million"), "percent" and money words, spaced thousands ("1 000 000"), and numbers
 * written next to each other ("1 00", "1-2", "1 to 2"), which are one unreadable thing.
 */

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
/** "-" is how the tokenizer writes the sign glued to a spelled number ("-five"). */
/** Scale letters that only mean a scale when glued to the digits ("12m"): written apart they are not read. */
const LONE_SUFFIXES = new Set(['m', 'b', 'mm', 'mn']);
const MINUS_WORDS = new Set(['minus', 'negative', '-']);
/** Words between two numbers that make them a range, not two quantities: "1 to 2", "1 or 2". */
const RANGE_WORDS = new Set(['to', 'or']);
const SPACE_GAP = /^\s+$/;
const SPLIT_POINT = /^[-.,]*[.,][-.,]*\s+$/;
const SMALL_WORDS = Object.keys(SMALL);

export function isNumberWord(w: string): boolean {
  return w in SMALL || w in SCALE || w in FRACTION;
}

/** A spelled count or share ("twenty", "half"), not a scale ("thousand"): "5thousand" is 5000, "9twenty" nothing. */
export function isCountWord(w: string): boolean {
  return w in SMALL || w in FRACTION;
}

/** Folds spelled numbers, scale words, "percent" and money words into the number tokens. */
export function mergeNumbers(toks: readonly Tok[]): Tok[] {
  const out: Tok[] = [];
  let numbers = 0;
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    const prev = out[out.length - 1];
    if (t.num !== undefined) {
      numbers++;
      const num: Num = { ...t.num, written: t.num.written ?? t.w };
      let written = t.w;
      let j = i + 1;
      let w = plainWord(toks[j]);
      const scale = SCALE[w];
      if (!t.num.fraction && scale !== undefined && t.num.unit === '' && !t.num.percent) {
        scaleNum(num, scale, `${toks[j]!.gap ?? ' '}${w}`);
        if (w === 'grand') num.money = 'USD'; // "60 grand": dollars
        w = plainWord(toks[++j]);
      } else if (isWhole(t) && isGroup(toks[j])) {
        // "60 000", "1 000 000": thousands grouped with spaces. "2 500 doge" could also be two numbers.
        let digits = t.w.replace(/^[$€£]/, '');
        while (isGroup(toks[j])) {
          const g = toks[j]!;
          digits += g.w;
          num.written = `${num.written}${g.gap}${g.num!.written ?? g.w}`;
          if (g.w !== '000') num.grouping = true;
          j++;
        }
        written = digits;
        num.value = Number(digits);
        num.raw = num.value;
        w = plainWord(toks[j]);
      } else if (isWhole(t) && FRACTION[w] !== undefined) {
        // "1 half", "2 thirds", "3 quarters": a count of shares, like "two thirds".
        num.value = num.value * FRACTION[w]!;
        num.raw = num.value;
        num.fraction = true;
        num.written = `${num.written} ${w}`;
        w = plainWord(toks[++j]);
      } else if (isWhole(t) && toks[j]?.num?.fraction === true && toks[j]!.num!.flaw === undefined && /^\d\/\d+$/.test(toks[j]!.w)) {
        num.value += toks[j]!.num!.value; // "1 1/2 eth": one and a half
        num.raw = num.value;
        num.written = `${num.written} ${toks[j]!.w}`;
        w = plainWord(toks[++j]);
      }
      if (w === 'x' && num.unit === '' && !num.percent && num.flaw === undefined) {
        num.unit = 'x'; // "10 x": a multiple (leverage), like "10x"
        num.written = `${num.written ?? written} x`;
        w = plainWord(toks[++j]);
      } else if (LONE_SUFFIXES.has(w) && num.unit === '' && !num.percent) {
        // "12 m", "3 b": a suffix written apart may be a scale (12 million) or a unit (12 minutes): not guessed.
        Object.assign(num, unreadable(`${num.written ?? written}${toks[j]!.gap ?? ' '}${w}`, num));
        w = plainWord(toks[++j]);
      }
      if (w === 'and' && plainWord(toks[j + 1]) === 'a' && plainWord(toks[j + 2]) === 'half' && num.flaw === undefined) {
        num.value += 0.5;
        num.written = `${num.written} and a half`;
        j += 3;
      }
      const prefix = prev !== undefined && prev.num === undefined ? MONEY_WORDS[prev.w] : undefined;
      if (prefix !== undefined && (prev!.w === '$' || prev!.w === '€' || prev!.w === '£')) {
        out.pop();
        num.money = prefix;
        num.written = `${prev!.w}${num.written}`;
      }
      negate(out, num);
      j = suffixes(toks, j, num);
      out.push({ ...t, w: written, num });
      i = j;
      continue;
    }
    const spelled = readSpelled(toks, i, prev?.num !== undefined);
    if (spelled !== null) {
      numbers++;
      // "one point five million", "one and a half million": the scale after a decimal part.
      const scale = SCALE[plainWord(toks[spelled.end])];
      if (scale !== undefined && scale >= 1000 && !spelled.num.fraction) scaleNum(spelled.num, scale, ` ${plainWord(toks[spelled.end++])}`);
      const garble = fragmentBeside(toks, i, spelled.end);
      if (garble !== null) spelled.num = unreadable(garble, spelled.num);
      negate(out, spelled.num);
      const j = suffixes(toks, spelled.end, spelled.num);
      const tok: Tok = { w: t.w, upper: false, num: spelled.num, sentence: t.sentence };
      if (t.gap !== undefined) tok.gap = t.gap;
      out.push(tok);
      i = j;
      continue;
    }
    out.push(t);
    i++;
  }
  return numbers === 0 ? out : joinAdjacent(out);
}

/** "minus 5", "negative 5", and "-five" (the tokenizer gives that sign a token of its own, "-"): not positive. */
function negate(out: Tok[], num: Num): void {
  const prev = out[out.length - 1];
  if (prev === undefined || prev.num !== undefined || !MINUS_WORDS.has(prev.w)) return;
  out.pop();
  if (num.flaw?.kind === 'unreadable') return;
  num.value = -Math.abs(num.value);
  num.written = prev.w === '-' ? `-${num.written ?? ''}` : `${prev.w} ${num.written ?? ''}`;
  num.flaw = { kind: 'not_positive' };
}

function scaleNum(num: Num, factor: number, word: string): void {
  num.written = `${num.written ?? ''}${word}`;
  if (num.flaw?.kind === 'unreadable') return;
  num.value = scaleBy(num.value, factor);
  num.raw = num.value;
  if (num.flaw?.kind === 'ambiguous') num.flaw = { kind: 'ambiguous', readings: num.flaw.readings.map((r) => scaleBy(r, factor)) };
}

/** Digits only, at most three, no unit, sign or flaw: the head of "60 000" or "1 1/2" ("$60 000" too). */
function isWhole(t: Tok | undefined): boolean {
  const n = t?.num;
  return n !== undefined && n.flaw === undefined && /^[$€£]?\d{1,3}$/.test(t!.w) && n.unit === '' && !n.percent && !n.fraction && n.value === n.raw && !/^[$€£]?0/.test(t!.w);
}

/** Three digits after a space: the next group of "1 000 000" ("000" alone would be a zero, and a label). */
function isGroup(t: Tok | undefined): boolean {
  const n = t?.num;
  return n !== undefined && (n.flaw === undefined || n.value === 0) && n.unit === '' && !n.fraction && n.money === undefined && !n.percent && /^\d{3}$/.test(t!.w) && SPACE_GAP.test(t!.gap ?? '');
}

function plainWord(t: Tok | undefined): string {
  // A cashtag ("$one") or a ticker in capitals ("sell all my ONE") is a coin, not a number word.
  return t === undefined || t.num !== undefined || t.coin !== undefined || t.cashtag === true ? '' : t.w;
}

function scaleBy(value: number, factor: number): number {
  // A power of ten moves the decimal point, exactly ("1.1 million" is 1100000, not 1100000.0000000002).
  const places = Math.log10(factor);
  if (Number.isInteger(places)) return shiftDecimal(value, places);
  return Number((value * factor).toPrecision(12)); // "a dozen"
}

function suffixes(toks: readonly Tok[], j: number, num: Num): number {
  const w = plainWord(toks[j]);
  if ((w === 'cents' || w === 'cent') && !num.percent && !num.money) {
    // "twenty cents": a price in dollars
    if (num.flaw?.kind !== 'unreadable') num.value = shiftDecimal(num.value, -2);
    num.raw = num.value;
    num.money = 'USD';
    num.written = `${num.written ?? ''} ${w}`;
    return j + 1;
  }
  if (PERCENT_WORDS.has(w) && !num.money) {
    num.percent = true;
    num.written = `${num.written ?? ''}${w === '%' ? '%' : ` ${w}`}`;
    return j + 1;
  }
  const money = MONEY_WORDS[w];
  if (money !== undefined && !num.percent) {
    num.money = money;
    return j + 1;
  }
  return j;
}

/** Two numbers side by side ("1 00", "1-2", "1, 5", "5%,10%") or a range ("1 to 2") are one unreadable thing. */
function joinAdjacent(toks: readonly Tok[]): Tok[] {
  const out: Tok[] = [];
  for (let k = 0; k < toks.length; k++) {
    let t = toks[k]!;
    const last = out[out.length - 1];
    // "1 Ik shib", ".o 5 eth": letters that look like digits, beside a number in its sentence, are part of it.
    // So is a ratio ("1 ９/2" is no "1" beside a "9/2").
    if (t.num === undefined && ((lookalikeWord(t.w) && !COMMON_WORDS.has(t.w)) || t.w === 'ratio')) {
      const next = toks[k + 1];
      if (last?.num !== undefined && last.sentence === t.sentence) t = { ...t, num: unreadable(t.w) };
      else if (next?.num !== undefined && (next.sentence === t.sentence || SPLIT_POINT.test(next.gap ?? ''))) t = { ...t, num: unreadable(t.w) };
    }
    // Whatever stands between them ("1 00", "1-2", "1, 5", "1*000", "1^2"), two numbers side by side in a
    // sentence are one thing; so are two split by a stray point and a space ("1. 5k").
    const split = SPLIT_POINT.test(t.gap ?? '') && last?.sentence !== t.sentence;
    if (t.num !== undefined && last?.num !== undefined && (joinable(last, t) || split)) {
      out[out.length - 1] = joined(last, t, t.gap ?? '');
      continue;
    }
    const before = out[out.length - 2];
    if (t.num !== undefined && last !== undefined && before?.num !== undefined && last.num === undefined && joinable(before, t)) {
      const range = RANGE_WORDS.has(last.w) || (last.w === 'and' && out[out.length - 3]?.w === 'between');
      if (range && last.sentence === t.sentence) {
        out.pop();
        out[out.length - 1] = joined(before, t, ` ${last.w} `);
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

function joinable(a: Tok, b: Tok): boolean {
  const x = a.num!;
  const y = b.num!;
  // "4h 1d" are two timeframes; "8-96m", "1-2h" glued together are one unreadable thing.
  const units = (scaleOrNone(x.unit) && scaleOrNone(y.unit)) || !/\s/.test(b.gap ?? '');
  return a.sentence === b.sentence && units;
}

/** No unit, or "m" (million, or minutes: "9 86m" is no timeframe). */
function scaleOrNone(unit: string): boolean {
  return unit === '' || unit === 'm';
}

function joined(a: Tok, b: Tok, gap: string): Tok {
  const written = `${a.num!.written ?? a.w}${gap}${b.num!.written ?? b.w}`;
  // A phone number written in groups ("07700 900123") is still no quantity.
  const num: Num =
    a.num!.label === true
      ? { value: NaN, raw: NaN, unit: '', written, label: true }
      : unreadable(written, { percent: a.num!.percent === true || b.num!.percent === true, money: a.num!.money ?? b.num!.money });
  const tok: Tok = { w: `${a.w}${gap}${b.w}`, upper: false, num };
  if (a.sentence !== undefined) tok.sentence = a.sentence;
  if (a.gap !== undefined) tok.gap = a.gap;
  return tok;
}

/**
 * "four teen", "six ty", "twenty fi ve", "twenty fi²ve": a spelled number beside a fragment of a
 * number word was split or garbled by a stray character, so it is not the number read.
 */
function fragmentBeside(toks: readonly Tok[], i: number, end: number): string | null {
  const w = (k: number): string => plainWord(toks[k]);
  const completes = (a: number): boolean => w(a) !== '' && w(a + 1) !== '' && isNumberWord(w(a) + w(a + 1));
  let from = i;
  let to = end;
  if (completes(i - 2)) from = i - 2;
  else if (completes(i - 1) || garbled(w(i - 1))) from = i - 1;
  if (completes(end)) to = end + 2;
  else if (completes(end - 1) || garbled(w(end))) to = end + 1;
  return from === i && to === end ? null : toks.slice(from, to).map((t) => t.w).join(' ');
}

/** What one coin of money is worth in dollars: "a dollar", "a penny", "a dime". */
const MONEY_COINS: Readonly<Record<string, number>> = { dollar: 1, buck: 1, penny: 0.01, cent: 0.01, dime: 0.1, nickel: 0.05 };

/** A word that is a number word with one character added ("fiOve", "fi²ve", "fi.ve"), and no common word. */
function garbled(w: string): boolean {
  if (w.length < 4 || COMMON_WORDS.has(w)) return false;
  for (const n of SMALL_WORDS) {
    if (n.length !== w.length - 1) continue;
    let k = 0;
    while (k < n.length && n[k] === w[k]) k++;
    if (n.slice(k) === w.slice(k + 1)) return true;
  }
  return false;
}

/** "two hundred and fifty", "a hundred", "three quarters", "one and a half", "zero point five". */
function readSpelled(toks: readonly Tok[], i: number, afterNumber: boolean): { num: Num; end: number } | null {
  const first = plainWord(toks[i]);
  const second = plainWord(toks[i + 1]);
  const article = first === 'a' || first === 'an';
  // "gets to a dollar", "a buck a piece", "ever gets to a penny": one coin of money.
  const coin = article ? MONEY_COINS[second] : undefined;
  if (coin !== undefined) return { num: { value: coin, raw: coin, unit: '', money: 'USD', written: `${first} ${second}` }, end: i + 2 };
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
  const written = toks.slice(i, j).map((t) => t.w).join(' ');
  const num: Num = { value, raw: value, unit: '', written };
  if (value === 0) num.flaw = { kind: 'not_positive' }; // "zero btc"
  if (fraction) num.fraction = true;
  if (plainWord(toks[j - 1]) === 'grand') num.money = 'USD'; // "a grand worth of eth": $1000
  return { num, end: j };
}
