import { describe, expect, it } from 'vitest';
import { prepare, tokenize } from './normalize.js';
import { mergeNumbers, parseNumeric } from './numbers.js';
import type { Num } from './tokens.js';

const noAssets = { isPair: () => false, isAsset: () => false };

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

  it('flags readings that are guesses', () => {
    expect(parseNumeric('1,5')?.num).toMatchObject({ value: 1.5, ambiguous: true });
    expect(parseNumeric('-5%')?.num).toMatchObject({ value: 5, percent: true, ambiguous: true });
    expect(parseNumeric('1,000')?.num.ambiguous).toBeUndefined();
  });

  it('refuses words, ids, ordinals and overflow', () => {
    expect(parseNumeric('btc')).toBeNull();
    expect(parseNumeric('5f3a')).toBeNull();
    expect(parseNumeric('1st')).toBeNull();
    expect(parseNumeric('1.2.3')).toBeNull();
    expect(parseNumeric('9'.repeat(400))).toBeNull();
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
    expect(numbers('buy 0,5 btc')).toEqual([{ value: 0.5, raw: 0.5, unit: '' }]); // only a decimal comma can start "0,"
    expect(numbers('buy 2,5 sol')).toEqual([expect.objectContaining({ value: 2.5, ambiguous: true })]);
    expect(numbers('buy O.5 btc')).toEqual([expect.objectContaining({ value: 0.5 })]);
  });

  it('marks numbers that are no quantity, or too unsure to be one', () => {
    expect(numbers('buy 10.000 doge')).toEqual([expect.objectContaining({ value: 10, grouping: true })]);
    expect(numbers('buy 1.125 eth')).toEqual([{ value: 1.125, raw: 1.125, unit: '' }]);
    expect(numbers('call 07700900123')).toEqual([expect.objectContaining({ label: true })]);
    expect(numbers('call +447700900123')).toEqual([expect.objectContaining({ label: true })]);
    expect(numbers("user 42's account")).toEqual([expect.objectContaining({ value: 42, label: true })]);
    expect(numbers('50/50 chance')).toEqual([]);
    expect(numbers('buy eth on 12/05')).toEqual([]);
    expect(numbers('at 15:30, buy')).toEqual([]);
    expect(numbers('my 2 cents')).toEqual([]);
  });
});
