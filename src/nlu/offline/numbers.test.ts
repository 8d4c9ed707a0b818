import { describe, expect, it } from 'vitest';
import { prepare, tokenize } from './normalize.js';
import { mergeNumbers } from './number-tokens.js';
import { parseNumeric } from './numbers.js';
import type { Num } from './tokens.js';

const noAssets = { isPair: () => false, isAsset: () => false, isCoin: () => false };

/** The numbers a phrase holds, as the parser reads them. */
function numbers(text: string): Num[] {
  return mergeNumbers(tokenize(prepare(text), noAssets)).flatMap((t) => (t.num === undefined ? [] : [t.num]));
}

describe('parseNumeric', () => {
  it.each([
    ['1,250.50', 1250.5],
    ['1,000', 1000],
    ['.25', 0.25],
    ['0.00002', 0.00002],
    ['2.5k', 2500],
    ['3.1k', 3100],
    ['58.5k', 58500],
    ['1.5m', 1_500_000],
    ['500k', 500_000],
    ['2bn', 2e9],
  ])('reads %s as %d', (text, value) => {
    expect(parseNumeric(text)?.num.value).toBe(value);
  });

  it('marks money, percentages and units', () => {
    expect(parseNumeric('$1.2k')?.num).toMatchObject({ value: 1200, money: 'USD' });
    expect(parseNumeric('100$')?.num).toMatchObject({ value: 100, money: 'USD' });
    expect(parseNumeric('€50')?.num).toMatchObject({ value: 50, money: 'EUR' });
    expect(parseNumeric('20%')?.num).toMatchObject({ value: 20, percent: true });
    expect(parseNumeric('4h')?.num).toMatchObject({ value: 4, raw: 4, unit: 'h' });
    expect(parseNumeric('15m')?.num).toMatchObject({ value: 15_000_000, raw: 15, unit: 'm' });
    expect(parseNumeric('20x')?.num.unit).toBe('x');
  });

  it('keeps the written form for order ids and splits glued units', () => {
    expect(parseNumeric('0123')?.text).toBe('0123');
    expect(parseNumeric('0.5btc')).toMatchObject({ text: '0.5', rest: 'btc', num: { value: 0.5 } });
  });

  it('flags readings that are guesses or no quantity', () => {
    expect(parseNumeric('1,5')?.num).toMatchObject({ flaw: { kind: 'ambiguous', readings: [1.5, 15] } });
    expect(parseNumeric('-5%')?.num).toMatchObject({ value: -5, percent: true, flaw: { kind: 'not_positive' } });
    expect(parseNumeric('1,000')?.num.flaw).toBeUndefined();
  });

  it('refuses words, ids and ordinals, and reads no overflow', () => {
    expect(parseNumeric('btc')).toBeNull();
    expect(parseNumeric('5f3a')).toBeNull();
    expect(parseNumeric('1st')).toBeNull();
    expect(parseNumeric('1.2.3')?.num.flaw).toEqual({ kind: 'unreadable' });
    expect(parseNumeric('9'.repeat(400))?.num.flaw).toEqual({ kind: 'unreadable' });
  });
});

describe('mergeNumbers (spelled-out numbers)', () => {
  it.each([
    ['buy two eth', 2],
    ['buy five atom', 5],
    ['a hundred doge', 100],
    ['two hundred and fifty xrp', 250],
    ['twenty five sol', 25],
    ['3 million shib', 3_000_000],
    ['1.5 thousand ada', 1500],
    ['5 grand of btc', 5000],
    ['55 k', 55_000],
    ['one and a half eth', 1.5],
    ['2 and a half eth', 2.5],
    ['zero point five btc', 0.5],
    ['a dozen link', 12],
  ])('%s → %d', (text, value) => {
    expect(numbers(text).map((n) => n.value)).toEqual([value]);
  });

  it('reads shares as fractions', () => {
    expect(numbers('sell half my sol')).toEqual([expect.objectContaining({ value: 0.5, fraction: true })]);
    expect(numbers('a quarter of my link')).toEqual([expect.objectContaining({ value: 0.25, fraction: true })]);
    expect(numbers('three quarters')).toEqual([expect.objectContaining({ value: 0.75, fraction: true })]);
    expect(numbers('a third')[0]?.value).toBeCloseTo(1 / 3, 12);
    expect(numbers('sell ½ my sol')).toEqual([expect.objectContaining({ value: 0.5, fraction: true })]);
    expect(numbers('sell 1/2 of it')).toEqual([expect.objectContaining({ value: 0.5, fraction: true })]);
  });

  it('attaches percent and money words', () => {
    expect(numbers('ten percent')).toEqual([expect.objectContaining({ value: 10, percent: true })]);
    expect(numbers('20 per cent')).toEqual([expect.objectContaining({ value: 20, percent: true })]);
    expect(numbers('fifty bucks')).toEqual([expect.objectContaining({ value: 50, money: 'USD' })]);
    expect(numbers('$ 100')).toEqual([expect.objectContaining({ value: 100, money: 'USD' })]);
    expect(numbers('twenty cents')).toEqual([expect.objectContaining({ value: 0.2, money: 'USD' })]);
  });

  it('leaves non-numbers alone', () => {
    expect(numbers('the third order')).toEqual([]);
    expect(numbers('a thousand')).toEqual([expect.objectContaining({ value: 1000 })]);
    expect(numbers('thousand')).toEqual([]);
    expect(numbers('buy a bitcoin')).toEqual([]);
    // "100 one": Harmony's ticker after an amount, not a second number
    expect(numbers('buy 100 one').map((n) => n.value)).toEqual([100]);
  });

  it('reads numbers written the way people outside the dev set write them', () => {
    expect(numbers('buy 1 1/2 eth')).toEqual([expect.objectContaining({ value: 1.5 })]);
    expect(numbers('below 60 000')).toEqual([expect.objectContaining({ value: 60000 })]);
    expect(numbers('sell 2 500 doge')).toEqual([expect.objectContaining({ value: 2500, grouping: true })]);
    expect(numbers('a grand worth')).toEqual([expect.objectContaining({ value: 1000, money: 'USD' })]);
    expect(numbers('60 grand')).toEqual([expect.objectContaining({ value: 60000, money: 'USD' })]);
    expect(numbers('gets to a dollar')).toEqual([expect.objectContaining({ value: 1, money: 'USD' })]);
    expect(numbers('buy 0,5 btc')).toEqual([{ value: 0.5, raw: 0.5, unit: '', written: '0,5' }]); // only a decimal comma can start "0,"
    expect(numbers('buy 2,5 sol')).toEqual([expect.objectContaining({ flaw: { kind: 'ambiguous', readings: [2.5, 25] } })]);
    expect(numbers('buy O.5 btc')).toEqual([expect.objectContaining({ value: 0.5 })]);
  });

  it('marks numbers that are no quantity, or too unsure to be one', () => {
    expect(numbers('buy 10.000 doge')).toEqual([expect.objectContaining({ flaw: { kind: 'ambiguous', readings: [10, 10000] } })]);
    expect(numbers('buy 1.125 eth')).toEqual([{ value: 1.125, raw: 1.125, unit: '', written: '1.125' }]);
    expect(numbers('call 07700900123')).toEqual([expect.objectContaining({ label: true })]);
    expect(numbers('call +447700900123')).toEqual([expect.objectContaining({ label: true })]);
    expect(numbers("user 42's account")).toEqual([expect.objectContaining({ value: 42, label: true })]);
    expect(numbers('50/50 chance')).toEqual([]);
    expect(numbers('buy eth on 12/05')).toEqual([]);
    expect(numbers('at 15:30, buy')).toEqual([]);
    expect(numbers('my 2 cents')).toEqual([]);
  });
});

/** The value each phrase's one number is read as, or its flaw. */
function reading(text: string): number | string {
  const found = numbers(text);
  if (found.length !== 1) return `${found.length} numbers`;
  const n = found[0]!;
  if (n.flaw === undefined) return n.value;
  return n.flaw.kind === 'ambiguous' ? `ambiguous ${n.flaw.readings.join(' or ')}` : n.flaw.kind;
}

describe('the conventions stated in numbers.ts', () => {
  it.each([
    ['1,000', 1000], ['1,125', 1125], ['21,000,000', 21e6], ['0,5', 0.5], ['0,001', 0.001], ['1.5', 1.5], ['.25', 0.25],
    ['1.125', 1.125], ['0.500', 0.5], ['2.000.000.000', 2e9], ["1'000'000", 1e6], ['1,000,000', 1e6], ['1.234.567,89', 1234567.89],
    ['1,250.50', 1250.5], ["1'000.5", 1000.5], ['1 000 000', 1e6], ['60 000', 60000], ['$60 000', 60000], ['1e-3', 0.001],
    ['2.5e3', 2500], ['1e-308', 1e-308], ['+5', 5], ['2.5k', 2500], ['$1.2k', 1200], ['3.1k', 3100], ['１００', 100],
    ['1.5\u200Bk', 1500], ['$\u200B100', 100], ['1½', 1.5], ['2¼', 2.25], ['2 ¾', 2.75], ['½', 0.5],
  ])('reads %s as %d', (text, value) => {
    expect(reading(text)).toBe(value);
  });

  it.each([
    ['1,5', 'ambiguous 1.5 or 15'], ['12,50', 'ambiguous 12.5 or 1250'], ['1234,5', 'ambiguous 1234.5 or 12345'],
    ['1,5000', 'ambiguous 1.5 or 15000'], ['1.500', 'ambiguous 1.5 or 1500'], ['10.000', 'ambiguous 10 or 10000'],
    ['1,5k', 'ambiguous 1500 or 15000'], ['1,5 thousand', 'ambiguous 1500 or 15000'], ['2.000.000', 'ambiguous 2000000 or 2000 or 2'],
    ['1.234.567', 'ambiguous 1234567 or 1234.567 or 1.234567'], ['60.000,5', 'ambiguous 60000.5 or 60.0005'], ['1.234,5', 'ambiguous 1234.5 or 1.2345'],
  ])('asks about %s (%s)', (text, flaw) => {
    expect(reading(text)).toBe(flaw);
  });

  it.each(['-1', '-0.5', '\u22120.5', '\u20130.5', '-$100', '$-100', '-50%', '0', '0.00', '0,000', '-1,5', 'minus 5', 'negative 2', '-five', 'zero'])(
    '%s is not positive',
    (text) => {
      expect(reading(text)).toBe('not_positive');
    },
  );

  it.each([
    '1..5', '1,0.00', ',5', '1.2.3', '1,000,5', '1.000.5', "1'00", '1,00,000', '60.000.5,5', "1,000'5", '00,5', '1e400', '1e-400',
    '1\u00B2', '2\u00B3', '1\u2082', '\u00B2', '1\uFF100', '1\u200B00', '1\u200C00', '1\u200D00', '1\u206000', '1\uFEFF00', '1\u00AD00',
    '1,\u200B000', '1O0', 'l00', '10o', '1.5kl', 'l.25', 'o0.5', '1.l5k', '1 00', '10 0', '1 000 00', '1\u00A000\u00A00', '1, 5', '1-2',
    '1 - 2', '1\u20132', '1/2.5', '1:2', '1*000', '1^2', '1. 5k', '1.5k5', '2Om', '9twenty', '12 m', '8-96m', '9 86m', '5%,10%', '1 to 2', '0.5 or 1', 'between 1 and 2', '$100-$200', 'four teen', 'six ty',
    'twenty fi ve', 'twenty fiOve', 'twenty fi\u00B2ve', 'twen ty five', '7'.repeat(70),
  ])('%s is unreadable', (text) => {
    expect(reading(text)).toBe('unreadable');
  });

  it('keeps what makes a number unreadable in the written form, so the bot can show it', () => {
    expect(numbers('buy 1\u200B00 usdt')[0]?.written).toBe('1\u200B00');
    expect(numbers('buy 1\u00B2 btc')[0]?.written).toBe('1\u00B2');
    expect(numbers('buy 1 - 2 eth')[0]?.written).toBe('1 - 2');
    expect(numbers('buy minus 5 eth')[0]?.written).toBe('minus 5');
  });

  it('scales by moving the decimal point, exactly', () => {
    expect(reading('1.23456789012345 million')).toBe(1234567.89012345);
    expect(reading('1.1 million')).toBe(1_100_000);
    expect(reading('one point one million')).toBe(1_100_000);
    expect(reading('one and a half million')).toBe(1_500_000);
    expect(reading('twenty cents')).toBe(0.2);
  });

  it('keeps spelled numbers and groups that are whole', () => {
    expect(reading('buy fourteen btc')).toBe(14);
    expect(reading('buy twenty five btc')).toBe(25);
    expect(reading('buy twenty-five btc')).toBe(25);
    expect(reading('buy fi\u00ADve btc')).toBe(5); // a soft hyphen inside a word is no separator
    expect(reading('sell 07700 900123')).toBe(NaN); // a phone number in groups: a label, not a quantity
    expect(numbers('sell 07700 900123')[0]?.label).toBe(true);
  });
});
