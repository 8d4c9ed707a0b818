// Property tests of the rule "a number is read exactly as written or not at all" (the conventions
// are stated in src/nlu/offline/numbers.ts). Generated positive values, written in every supported
// form and placed in the field's usual wording, parse to exactly that value in that field; with one
// hostile character inserted anywhere in the number, the parse is the same value, a numberProblem,
// or no value for the field — never another number, in that field or any other.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMBER_FIELDS, type NumberField, type ParseResult } from '../../src/nlu/contract.js';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../../src/nlu/known-assets.js';
import { parseOffline } from '../../src/nlu/offline/offline-parser.js';

const catalog = new StaticAssetCatalog(KNOWN_ASSETS);
/** Runs per property: small enough for CI on 2 cores (~1 s); NUMBER_PROPERTY_RUNS=200000 for a long search. */
const RUNS = Number(process.env.NUMBER_PROPERTY_RUNS) || 0;
const runs = (ci: number): number => RUNS || ci;
const parse = (text: string): ParseResult => parseOffline(text, catalog);

/** A positive decimal as digits: whole part and fraction digits (no trailing zero). */
interface Decimal {
  whole: string;
  frac: string;
}

/** Whole parts of various magnitudes, from `min` to `max` (no filter: a filter that cannot pass would spin). */
function wholes(min: number, max: number): fc.Arbitrary<number> {
  const ranges = [[0, 9], [10, 999], [1000, 999_999], [1_000_000, 999_999_999]]
    .map(([lo, hi]) => [Math.max(lo!, min), Math.min(hi!, max)] as const)
    .filter(([lo, hi]) => lo <= hi);
  return fc.oneof(...ranges.map(([lo, hi]) => fc.integer({ min: lo, max: hi })));
}
const fracDigits = (max: number): fc.Arbitrary<string> => fc.oneof(fc.constant(''), fc.stringMatching(new RegExp(`^[0-9]{0,${max - 1}}[1-9]$`)));
function decimal(maxFrac: number, min = 0, max = 999_999_999): fc.Arbitrary<Decimal> {
  return fc
    .record({ whole: wholes(min, max), frac: maxFrac === 0 ? fc.constant('') : fracDigits(maxFrac) })
    .filter(({ whole, frac }) => whole > 0 || frac !== '')
    .map(({ whole, frac }) => ({ whole: String(whole), frac }));
}

const plain = (d: Decimal): string => (d.frac === '' ? d.whole : `${d.whole}.${d.frac}`);
const grouped = (whole: string, sep: string): string => whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);

/** A way of writing a number: its text for a decimal, and the value it must be read as. */
interface Written {
  form: string;
  text: string;
  value: number;
  /** Written as money ("$100"): the wording needs no currency after it. */
  money?: boolean;
}

const SPELLED: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/** Every supported form of a value up to `max` (the shapes a form cannot write are not generated). */
function forms(max = 999_999_999): fc.Arbitrary<Written> {
  const list: Array<fc.Arbitrary<Written>> = [
    decimal(8, 0, max).map((d) => ({ form: 'plain', text: plain(d), value: Number(plain(d)) })),
    fc.constantFrom(...Object.entries(SPELLED).filter(([, v]) => v <= max)).map(([w, v]) => ({ form: 'spelled', text: w, value: v })),
  ];
  if (max >= 1000) {
    list.push(
      decimal(4, 1000, max).map((d) => ({ form: 'thousands comma', text: grouped(d.whole, ',') + (d.frac === '' ? '' : `.${d.frac}`), value: Number(plain(d)) })),
      // Points grouping two groups or more before a decimal comma; "60.000,5" and "2.000.000" are asked about.
      decimal(4, 1_000_000, max)
        .map((d) => (d.frac === '' ? { ...d, frac: '5' } : d))
        .map((d) => ({ form: 'european', text: `${grouped(d.whole, '.')},${d.frac}`, value: Number(plain(d)) })),
      decimal(0, 1000, max).map((d) => ({ form: 'spaced thousands', text: grouped(d.whole, ' '), value: Number(d.whole) })),
      decimal(3, 0, 999).map((d) => ({ form: 'k suffix', text: `${plain(d)}k`, value: Number(`${plain(d)}e3`) })),
      decimal(3, 0, 999).map((d) => ({ form: 'm suffix', text: `${plain(d)}m`, value: Number(`${plain(d)}e6`) })),
    );
  }
  return fc.oneof(...list);
}

/** The wordings that put a number in each field, and the other numbers they hold. */
interface Wording {
  field: NumberField;
  text: (n: Written) => string;
  fixed: number[];
  forms: fc.Arbitrary<Written>;
}

const dollars = (w: Written): Written | null => (w.form === 'spelled' || w.form === 'spaced thousands' || w.form === 'm suffix' ? null : { ...w, form: `$ ${w.form}`, text: `$${w.text}`, money: true });

const WORDINGS: readonly Wording[] = [
  { field: 'amount', text: (n) => `sell ${n.text} eth at 3000`, fixed: [3000], forms: forms() },
  { field: 'price', text: (n) => `set a stop loss on eth at ${n.text}`, fixed: [], forms: forms() },
  { field: 'price', text: (n) => `alert me when btc goes above ${n.text}`, fixed: [], forms: forms() },
  { field: 'amount', text: (n) => `swap ${n.text} eth for btc`, fixed: [], forms: forms() },
  { field: 'amount', text: (n) => `buy ${n.text} btc`, fixed: [], forms: forms() },
  { field: 'quote_amount', text: (n) => `buy ${n.text} usdt of btc`, fixed: [], forms: forms() },
  {
    field: 'quote_amount',
    text: (n) => `buy ${n.text} of btc`,
    fixed: [],
    forms: forms().map((w) => dollars(w)).filter((w): w is Written => w !== null),
  },
  { field: 'percentage', text: (n) => (n.form === 'spelled' ? `sell ${n.text} percent of my eth` : `sell ${n.text}% of my eth`), fixed: [], forms: forms(99) },
  { field: 'price', text: (n) => `buy 0.01 btc at ${n.text}`, fixed: [0.01], forms: forms() },
  {
    field: 'price',
    text: (n) => `buy 0.01 btc at ${n.text}`,
    fixed: [0.01],
    forms: forms().map((w) => dollars(w)).filter((w): w is Written => w !== null),
  },
];

const wording = fc.constantFrom(...WORDINGS).chain((w) => fc.record({ wording: fc.constant(w), number: w.forms }));

describe('numbers are read exactly in every supported form (property)', () => {
  it('the value, in the right field, for every form and wording', () => {
    fc.assert(
      fc.property(wording, ({ wording: w, number }) => {
        const text = w.text(number);
        const r = parse(text);
        expect(r.numberProblem, text).toBeUndefined();
        expect(r.command[w.field], text).toBe(number.value);
      }),
      { numRuns: runs(400) },
    );
  });
});

const HOSTILE = [
  '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', // zero-width space, non-joiner, joiner, word joiner, BOM
  '\u00AD', // soft hyphen
  '\u00B9', '\u00B2', '\u00B3', '\u2074', // superscripts
  '\u2080', '\u2081', '\u2082', '\u2089', // subscript digits
  '-', '\u2212', '\u2013', // minus signs
  '\uFF10', '\uFF11', '\uFF15', '\uFF19', // full-width digits
  '\u00A0', '\u2009', // no-break space, thin space
  'O', 'o', 'l', 'I',
];

describe('a hostile character inside a number never makes another number (property)', () => {
  const inserted = wording.chain(({ wording: w, number }) => {
    // "a second dot or comma" only where the number already has one.
    const chars = /[.,]/.test(number.text) ? [...HOSTILE, '.', ','] : HOSTILE;
    return fc.record({
      wording: fc.constant(w),
      number: fc.constant(number),
      at: fc.integer({ min: 0, max: number.text.length }),
      char: fc.constantFrom(...chars),
    });
  });

  it('the same value, a numberProblem, or no value: never a different number in any field', () => {
    fc.assert(
      fc.property(inserted, ({ wording: w, number, at, char }) => {
        const garbled = { ...number, text: number.text.slice(0, at) + char + number.text.slice(at) };
        const text = w.text(garbled);
        const r = parse(text);
        const got = r.command[w.field];
        const shown = `${JSON.stringify(text)} → ${JSON.stringify(r)}`;
        if (r.numberProblem !== undefined) expect(r.numberProblem.field === null || got === undefined, shown).toBe(true);
        expect(got === undefined || got === number.value, shown).toBe(true);
        for (const field of NUMBER_FIELDS) {
          const v = r.command[field];
          if (v != null) expect(v === number.value || w.fixed.includes(v), shown).toBe(true);
        }
      }),
      { numRuns: runs(2000) },
    );
  });

  it('the checks above can fail', () => {
    // A parser that dropped the zero-width space would read "1\u200B00" as 100... or as 1: both are caught.
    const check = (value: number | undefined): boolean => value === undefined || value === 100;
    expect(check(1)).toBe(false);
    expect(check(100)).toBe(true);
  });
});

describe('a hostile character in the numbers of real messages never makes a new number (property)', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const texts = ['dev.jsonl', 'heldout.jsonl', 'fresh.jsonl', 'fresh-2.jsonl']
    .flatMap((f) => readFileSync(join(here, f), 'utf8').split('\n').filter((l) => l.trim() !== ''))
    .map((l) => (JSON.parse(l) as { text: string }).text)
    .filter((t) => /\d/.test(t));

  const mutated = fc.constantFrom(...texts).chain((text) => {
    const spans = [...text.matchAll(/[\d.,]*\d[\d.,]*/g)].map((m) => ({ at: m.index, written: m[0] }));
    return fc.constantFrom(...spans).chain((span) =>
      fc.record({
        text: fc.constant(text),
        at: fc.integer({ min: span.at, max: span.at + span.written.length }),
        char: fc.constantFrom(...(/[.,]/.test(span.written) ? [...HOSTILE, '.', ','] : HOSTILE)),
      }),
    );
  });

  it('the numbers of the command are the unmutated message’s, or the bot reads back (confidence < 0.4)', () => {
    fc.assert(
      fc.property(mutated, ({ text, at, char }) => {
        const before = parse(text);
        const was = new Set(NUMBER_FIELDS.map((f) => before.command[f]).filter((v) => v != null));
        const garbled = text.slice(0, at) + char + text.slice(at);
        const r = parse(garbled);
        const fresh = NUMBER_FIELDS.map((f) => r.command[f]).filter((v): v is number => v != null && !was.has(v));
        if (fresh.length > 0) expect(r.confidence, `${JSON.stringify(garbled)} → ${JSON.stringify(r)}`).toBeLessThan(0.4);
      }),
      { numRuns: runs(800) },
    );
  });
});
