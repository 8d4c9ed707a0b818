import type { NumberField, NumberProblem } from '../contract.js';
import type { Num } from './tokens.js';

/**
 * The problem a flawed number makes for the entity it was meant for (null when the words do not
 * say which). A value that is not positive and meant for no field is reported as unreadable:
 * the parser cannot say what it would have been.
 */
export function problemOf(num: Num, field: NumberField | null, fallback: string): NumberProblem | undefined {
  const flaw = num.flaw;
  if (flaw === undefined) return undefined;
  const written = num.written ?? fallback;
  switch (flaw.kind) {
    case 'not_positive':
      return field === null ? { kind: 'unreadable', field, written } : { kind: 'not_positive', field, written };
    case 'unreadable':
      return { kind: 'unreadable', field, written };
    case 'ambiguous':
      return { kind: 'ambiguous', field, written, readings: [...flaw.readings] };
  }
}

/** A flaw worth asking about even when no field claimed the number: it may have been meant as one. */
export function doubtful(num: Num | undefined): boolean {
  return num?.flaw !== undefined && num.flaw.kind !== 'not_positive' && num.label !== true;
}
