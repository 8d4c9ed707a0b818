import type { NumberField, NumberProblem } from './contract.js';

/**
 * Plain-text phrasing of a NumberProblem (ParseResult.numberProblem), for any interface to show
 * or adapt: one short sentence, no markup (an HTML channel escapes it like any other text).
 */

const FIELD_NAMES: Readonly<Record<NumberField, string>> = {
  amount: 'amount',
  quote_amount: 'amount of money',
  percentage: 'percentage',
  price: 'price',
};
/** Characters that show nothing: a number holding one looks right and is not. */
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/gu;

export function describeNumberProblem(problem: NumberProblem): string {
  const shown = visible(problem.written);
  switch (problem.kind) {
    case 'not_positive': {
      const field = FIELD_NAMES[problem.field];
      if (isNegative(problem.written)) return `I can't use a negative ${field} (${shown.replace(/^-/, '\u2212')}).`;
      return `I can't use a ${field} of zero (${shown}).`;
    }
    case 'ambiguous':
      return `Did you mean ${listOr(problem.readings.map(formatNumber))}?`;
    case 'unreadable': {
      const what = problem.field === null ? 'number' : FIELD_NAMES[problem.field];
      if (shown !== problem.written) return `The ${what} “${shown}” has a hidden character in it; please type it again.`;
      if (isRange(problem.written)) return `“${shown}” is a range; I need one ${what}.`;
      return `I can't read “${shown}” as ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}; please write it with plain digits.`;
    }
  }
}

/** A number for people: "1.5", "10,000", "0.001", never "1e-7". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: 20, useGrouping: true });
}

function visible(written: string): string {
  return written.replace(INVISIBLE, '');
}

function isNegative(written: string): boolean {
  return /^\s*(?:[-\u2212\u2013]|\$-|€-|£-|minus\b|negative\b)/i.test(written);
}

function isRange(written: string): boolean {
  return /\d\s*(?:-|to|or|and)\s*[$€£]?\d/i.test(written);
}

function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
