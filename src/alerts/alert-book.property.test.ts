import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlertBook, type BookAlert } from './alert-book.js';
import { alertHolds } from './alert-rules.js';

/*
 * The book against the plainest thing that could work: an array of the same alerts, scanned on
 * every tick with today's rule (alertHolds, in decimals). For random sequences of adds, removals and
 * ticks, both must fire exactly the same alerts at the same ticks.
 */

const PAIRS = ['A/USDT', 'B/USDT', 'C/USDT'];

// Levels near 100 on a coarse grid, so ticks often land on one exactly, and a few decimals that
// the float 100 (or 0.1) cannot tell from their neighbours.
const LEVELS = [
  ...Array.from({ length: 21 }, (_, i) => String(90 + i)),
  '100.5',
  '100.000000000000000001',
  '99.999999999999999999',
  '100.00000000000001',
  '0.1',
  '0.1000000000000000001',
  '0.30000000000000004',
];
const levelArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...LEVELS) },
  { weight: 1, arbitrary: fc.integer({ min: 8_000, max: 12_000 }).map((n) => (n / 100).toFixed(2)) },
);
const priceArb: fc.Arbitrary<number | string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 85, max: 115 }) },
  { weight: 2, arbitrary: fc.constantFrom<number | string>(100.5, 100.00000000000001, 99.99999999999999, 0.1, 0.30000000000000004, 0.3, 1e-9, 1e9) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<number | string>('100', '100.000000000000000001', '100.0000000000000000005', '99.999999999999999999', '99.9999999999999999995', '0.1000000000000000001', '0.10'),
  },
  { weight: 1, arbitrary: fc.double({ min: 80, max: 120, noNaN: true }) },
);
const idArb = fc.integer({ min: 0, max: 60 }).map((n) => `id${n}`);
const alertArb: fc.Arbitrary<BookAlert> = fc.record({
  id: idArb,
  symbol: fc.constantFrom(...PAIRS),
  direction: fc.constantFrom('above' as const, 'below' as const),
  price: levelArb,
});

type Command = { kind: 'add'; alert: BookAlert } | { kind: 'remove'; id: string } | { kind: 'tick'; symbol: string; price: number | string };
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: alertArb.map((alert) => ({ kind: 'add' as const, alert })) },
  { weight: 1, arbitrary: idArb.map((id) => ({ kind: 'remove' as const, id })) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('tick' as const), symbol: fc.constantFrom(...PAIRS, 'D/USDT'), price: priceArb }) },
);

/** Runs the commands on the book and on a plain array; every answer must agree. */
function agree(initial: BookAlert[], commands: Command[], pendingMax: number): void {
  const book = new AlertBook({ pendingMax });
  book.rebuild(initial);
  let naive: BookAlert[] = [];
  for (const a of initial) if (!naive.some((b) => b.id === a.id)) naive.push(a);
  for (const [step, command] of commands.entries()) {
    if (command.kind === 'add') {
      const fresh = !naive.some((a) => a.id === command.alert.id);
      if (fresh) naive.push(command.alert);
      expect(book.add(command.alert), `step ${step}: add`).toBe(fresh);
    } else if (command.kind === 'remove') {
      const there = naive.some((a) => a.id === command.id);
      naive = naive.filter((a) => a.id !== command.id);
      expect(book.remove(command.id), `step ${step}: remove`).toBe(there);
    } else {
      const { symbol, price } = command;
      const due = naive.filter((a) => a.symbol === symbol && alertHolds(a.direction, a.price, price));
      naive = naive.filter((a) => !due.includes(a));
      expect([...book.onTick(symbol, price)].sort(), `step ${step}: tick ${symbol} ${price}`).toEqual(due.map((a) => a.id).sort());
    }
    expect(book.size).toBe(naive.length);
  }
}

describe('the alert book against a naive scan', () => {
  it('fires exactly what the scan fires, tick by tick, for random adds, removals and ticks', () => {
    fc.assert(
      fc.property(fc.array(alertArb, { maxLength: 40 }), fc.array(commandArb, { maxLength: 120 }), fc.integer({ min: 1, max: 8 }), agree),
      { numRuns: 400 },
    );
  });

  it('agrees on books large enough to merge and compact often', () => {
    // Many distinct ids and a wide tick range: sides of hundreds of alerts, emptied and refilled.
    const manyIds = fc.integer({ min: 0, max: 2_000 }).map((n) => `id${n}`);
    const bigAlert = fc.record({ id: manyIds, symbol: fc.constantFrom(...PAIRS), direction: fc.constantFrom('above' as const, 'below' as const), price: levelArb });
    const bigCommand: fc.Arbitrary<Command> = fc.oneof(
      { weight: 4, arbitrary: bigAlert.map((alert) => ({ kind: 'add' as const, alert })) },
      { weight: 3, arbitrary: manyIds.map((id) => ({ kind: 'remove' as const, id })) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), symbol: fc.constantFrom(...PAIRS), price: priceArb }) },
    );
    fc.assert(fc.property(fc.array(bigAlert, { minLength: 200, maxLength: 800 }), fc.array(bigCommand, { minLength: 100, maxLength: 600 }), fc.constantFrom(4, 64), agree), {
      numRuns: 40,
    });
  });
});
