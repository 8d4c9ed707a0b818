import { describe, expect, it } from 'vitest';
import type { NumberProblem } from './contract.js';
import { describeNumberProblem, formatNumber } from './number-problem.js';

describe('describeNumberProblem', () => {
  it.each<[NumberProblem, string]>([
    [{ kind: 'not_positive', field: 'amount', written: '-1' }, "I can't use a negative amount (\u22121)."],
    [{ kind: 'not_positive', field: 'quote_amount', written: '-$100' }, "I can't use a negative amount of money (\u2212$100)."],
    [{ kind: 'not_positive', field: 'percentage', written: '-50%' }, "I can't use a negative percentage (\u221250%)."],
    [{ kind: 'not_positive', field: 'price', written: '0' }, "I can't use a price of zero (0)."],
    [{ kind: 'not_positive', field: 'amount', written: 'minus 5' }, "I can't use a negative amount (minus 5)."],
    [{ kind: 'ambiguous', field: 'amount', written: '1,5', readings: [1.5, 15] }, 'Did you mean 1.5 or 15?'],
    [{ kind: 'ambiguous', field: 'amount', written: '10.000', readings: [10, 10000] }, 'Did you mean 10 or 10,000?'],
    [{ kind: 'unreadable', field: 'quote_amount', written: '1\u200B00' }, 'The amount of money \u201C100\u201D has a hidden character in it; please type it again.'],
    [{ kind: 'unreadable', field: 'amount', written: '1-2' }, '\u201C1-2\u201D is a range; I need one amount.'],
    [{ kind: 'unreadable', field: 'amount', written: '1\u00B2' }, "I can't read \u201C1\u00B2\u201D as an amount; please write it with plain digits."],
    [{ kind: 'unreadable', field: null, written: '1..5' }, "I can't read \u201C1..5\u201D as a number; please write it with plain digits."],
  ])('%j → %s', (problem, sentence) => {
    expect(describeNumberProblem(problem)).toBe(sentence);
  });

  it('formats readings without exponents or float noise', () => {
    expect(formatNumber(0.001)).toBe('0.001');
    expect(formatNumber(1e-7)).toBe('0.0000001');
    expect(formatNumber(1234567.89)).toBe('1,234,567.89');
  });
});
