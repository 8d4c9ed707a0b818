import { describe, expect, it } from 'vitest';
import { AlertBook, type BookAlert } from './alert-book.js';
import { isExactFloat, levelFloat } from './alert-book-level.js';

const BTC = 'BTC/USDT';
const ETH = 'ETH/USDT';
const above = (id: string, price: string, symbol = BTC): BookAlert => ({ id, symbol, direction: 'above', price });
const below = (id: string, price: string, symbol = BTC): BookAlert => ({ id, symbol, direction: 'below', price });
const sorted = (ids: readonly string[]) => [...ids].sort();

/** A book holding these alerts, each way it can hold them: rebuilt at once, or added one by one (pending, then merged). */
function books(alerts: BookAlert[]): Array<[string, AlertBook]> {
  const rebuilt = new AlertBook();
  rebuilt.rebuild(alerts);
  const pending = new AlertBook();
  for (const a of alerts) pending.add(a);
  const merged = new AlertBook({ pendingMax: 2 });
  for (const a of alerts) merged.add(a);
  return [
    ['rebuilt', rebuilt],
    ['added (pending)', pending],
    ['added (merged)', merged],
  ];
}

describe('the alert book', () => {
  describe.each(['rebuilt', 'added (pending)', 'added (merged)'])('%s', (how) => {
    const book = (alerts: BookAlert[]) => books(alerts).find(([name]) => name === how)![1];

    it('fires an "above" alert when the price reaches its level, touching included, and only once', () => {
      const b = book([above('a1', '60000'), above('a2', '61000')]);
      expect(b.onTick(BTC, 59_999.99)).toEqual([]);
      expect(b.onTick(BTC, 60_000)).toEqual(['a1']);
      expect(b.onTick(BTC, 60_500)).toEqual([]);
      expect(b.onTick(BTC, 70_000)).toEqual(['a2']);
      expect(b.onTick(BTC, 80_000)).toEqual([]);
      expect(b.size).toBe(0);
    });

    it('fires a "below" alert when the price falls to its level, touching included', () => {
      const b = book([below('b1', '60000'), below('b2', '59000')]);
      expect(b.onTick(BTC, 60_000.01)).toEqual([]);
      expect(b.onTick(BTC, 60_000)).toEqual(['b1']);
      expect(b.onTick(BTC, 10)).toEqual(['b2']);
      expect(b.onTick(BTC, 1)).toEqual([]);
    });

    it('fires every level a jump passes, on both sides, and no other', () => {
      const alerts: BookAlert[] = [];
      for (let i = 1; i <= 100; i++) alerts.push(above(`a${i}`, String(60_000 + i * 10)), below(`b${i}`, String(60_000 - i * 10)));
      const b = book(alerts);
      expect(sorted(b.onTick(BTC, 60_255))).toEqual(sorted(Array.from({ length: 25 }, (_, i) => `a${i + 1}`)));
      expect(sorted(b.onTick(BTC, 59_700))).toEqual(sorted(Array.from({ length: 30 }, (_, i) => `b${i + 1}`)));
      // Back up through levels already fired: only the ones not yet reached fire.
      expect(sorted(b.onTick(BTC, 60_300))).toEqual(['a26', 'a27', 'a28', 'a29', 'a30']);
      expect(b.size).toBe(200 - 60);
    });

    it('fires every alert at the same level together', () => {
      const b = book([above('x', '100'), above('y', '100'), above('z', '100.5'), below('w', '100')]);
      expect(sorted(b.onTick(BTC, 100))).toEqual(['w', 'x', 'y']);
      expect(b.onTick(BTC, 100.5)).toEqual(['z']);
    });

    it('keeps pairs apart; a pair without alerts and an unknown pair reach nothing', () => {
      const b = book([above('btc', '60000'), above('eth', '3000', ETH)]);
      expect(b.onTick(ETH, 60_000)).toEqual(['eth']);
      expect(b.onTick(ETH, 90_000)).toEqual([]); // ETH has no alerts left
      expect(b.onTick('DOGE/USDT', 1e9)).toEqual([]);
      expect(b.onTick(BTC, 60_000)).toEqual(['btc']);
    });

    it('never fires a removed alert; removing one that is not there says so', () => {
      const b = book([above('a1', '60000'), above('a2', '60000'), below('b1', '50000')]);
      expect(b.remove('a1')).toBe(true);
      expect(b.remove('a1')).toBe(false);
      expect(b.remove('nope')).toBe(false);
      expect(b.has('a1')).toBe(false);
      expect(b.onTick(BTC, 65_000)).toEqual(['a2']);
      // Fired elsewhere first: the store says so, the book forgets it.
      expect(b.remove('b1')).toBe(true);
      expect(b.onTick(BTC, 1)).toEqual([]);
      expect(b.size).toBe(0);
    });

    it('takes an alert again after it fired or was removed, and fires it again', () => {
      const b = book([above('a1', '60000'), below('b1', '50000')]);
      expect(b.onTick(BTC, 60_000)).toEqual(['a1']);
      expect(b.add(above('a1', '61000'))).toBe(true);
      expect(b.onTick(BTC, 60_500)).toEqual([]);
      expect(b.onTick(BTC, 61_000)).toEqual(['a1']);
      expect(b.remove('b1')).toBe(true);
      expect(b.add(below('b1', '55000'))).toBe(true);
      expect(b.onTick(BTC, 55_000)).toEqual(['b1']);
    });

    it('ignores a second add of an alert it already holds', () => {
      const b = book([above('a1', '60000')]);
      expect(b.add(above('a1', '1'))).toBe(false);
      expect(b.onTick(BTC, 2)).toEqual([]);
      expect(b.onTick(BTC, 60_000)).toEqual(['a1']);
    });

    it('reaches nothing with a price that is not a number', () => {
      const b = book([above('a1', '60000'), below('b1', '50000')]);
      expect(b.onTick(BTC, Number.NaN)).toEqual([]);
      expect(b.onTick(BTC, 'n/a')).toEqual([]);
      expect(b.onTick(BTC, Infinity)).toEqual([]);
      expect(b.size).toBe(2);
    });
  });

  describe('decimal levels, float index', () => {
    it('does not fire a level the float rounds onto the price when the decimal is not reached', () => {
      // Both levels are the float 60000, but neither decimal is 60000.
      expect(levelFloat('60000.000000000000000001')).toBe(60_000);
      expect(levelFloat('59999.999999999999999999')).toBe(60_000);
      for (const [, b] of books([above('up', '60000.000000000000000001'), below('down', '59999.999999999999999999')])) {
        expect(b.onTick(BTC, 60_000)).toEqual([]);
        expect(b.onTick(BTC, '60000.0000000000000000009')).toEqual([]);
        expect(b.onTick(BTC, '59999.9999999999999999999')).toEqual([]);
        expect(b.onTick(BTC, '60000.000000000000000001')).toEqual(['up']);
        expect(b.onTick(BTC, '59999.999999999999999999')).toEqual(['down']);
      }
    });

    it('fires past such a level as soon as the price float moves', () => {
      for (const [, b] of books([above('up', '60000.000000000000000001'), below('down', '59999.999999999999999999')])) {
        expect(b.onTick(BTC, 60_000.00000000001)).toEqual(['up']);
        expect(b.onTick(BTC, 59_999.99999999999)).toEqual(['down']);
      }
    });

    it('reads a price given as a number as its shortest decimal, as alertHolds does', () => {
      // 0.1 as a float is 0.1000000000000000055…, but reads as "0.1": below 0.1000000000000000001.
      for (const [, b] of books([above('up', '0.1000000000000000001'), below('down', '0.1000000000000000001')])) {
        expect(b.onTick(BTC, 0.1)).toEqual(['down']);
        expect(b.onTick(BTC, '0.1000000000000000001')).toEqual(['up']);
      }
    });

    it('compares a price given as a string as a decimal at a tie', () => {
      for (const [, b] of books([above('up', '0.1'), below('down', '0.1')])) {
        expect(b.onTick(BTC, '0.1000000000000000001')).toEqual(['up']);
        expect(b.onTick(BTC, '0.10')).toEqual(['down']);
      }
    });

    it('knows which decimals a float holds exactly', () => {
      expect(isExactFloat('60000', 60_000)).toBe(true);
      expect(isExactFloat('60000.000000000000000000', 60_000)).toBe(true); // a numeric column's trailing zeros
      expect(isExactFloat('0.00001234', 0.00001234)).toBe(true);
      expect(isExactFloat('123456789.123456', 123456789.123456)).toBe(true); // 15 digits
      expect(isExactFloat('0.30000000000000004', 0.30000000000000004)).toBe(true); // 17 digits, checked
      expect(isExactFloat('100000000000000000000', 1e20)).toBe(true); // one significant digit
      expect(isExactFloat('9007199254740993', Number('9007199254740993'))).toBe(false); // 2^53 + 1, 16 digits: no float holds it
      expect(isExactFloat('1e-7', 1e-7)).toBe(true); // an exponent: checked with decimals
      expect(isExactFloat('0.1000000000000000001', 0.1)).toBe(false);
      expect(isExactFloat('60000.000000000000000001', 60_000)).toBe(false);
    });

    it('refuses a level that is not a positive decimal', () => {
      const b = new AlertBook();
      for (const price of ['', 'abc', '0', '-5', '0x10', '1e400', 'Infinity']) {
        expect(() => b.add(above('a', price))).toThrow(RangeError);
      }
      b.add(above('ok', '5'));
      expect(() => b.rebuild([above('x', '1'), above('bad', 'oops')])).toThrow(/bad/);
      expect(b.has('ok')).toBe(true); // a failed rebuild changes nothing
    });
  });

  describe('inserts, tombstones and compaction', () => {
    it('checks pending inserts on each tick and merges them into the sorted levels past the bound', () => {
      const b = new AlertBook({ pendingMax: 4 });
      b.rebuild([above('r1', '105'), below('r2', '95')]);
      for (let i = 1; i <= 10; i++) b.add(above(`a${i}`, String(100 + i)));
      for (let i = 1; i <= 10; i++) b.add(below(`b${i}`, String(100 - i)));
      expect(b.onTick(BTC, 100)).toEqual([]);
      expect(sorted(b.onTick(BTC, 103))).toEqual(['a1', 'a2', 'a3']);
      expect(sorted(b.onTick(BTC, 105))).toEqual(['a4', 'a5', 'r1']);
      expect(sorted(b.onTick(BTC, 95))).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'r2']);
      expect(sorted(b.onTick(BTC, 200))).toEqual(['a10', 'a6', 'a7', 'a8', 'a9']);
      expect(sorted(b.onTick(BTC, 0.5))).toEqual(['b10', 'b6', 'b7', 'b8', 'b9']);
      expect(b.size).toBe(0);
    });

    it('fires the right alerts among many tombstones, before and after they are compacted', () => {
      const b = new AlertBook();
      b.rebuild(Array.from({ length: 1000 }, (_, i) => above(`a${i}`, String(1000 + i))));
      const before = b.memory().hotBytes;
      for (let i = 0; i < 1000; i += 2) expect(b.remove(`a${i}`)).toBe(true);
      expect(b.size).toBe(500);
      expect(sorted(b.onTick(BTC, 1009))).toEqual(['a1', 'a3', 'a5', 'a7', 'a9']);
      for (let i = 11; i < 1000; i += 4) b.remove(`a${i}`);
      expect(sorted(b.onTick(BTC, 1020))).toEqual(['a13', 'a17']);
      for (let i = 101; i < 1000; i += 4) b.remove(`a${i}`);
      // a21, a25, …, a97 are left, in arrays shrunk to fit them.
      expect(b.size).toBe(20);
      expect(b.memory().hotBytes).toBeLessThan(before / 2);
      expect(b.onTick(BTC, 1060)).toHaveLength(10);
      expect(sorted(b.onTick(BTC, 5000))).toEqual(sorted(Array.from({ length: 10 }, (_, i) => `a${61 + 4 * i}`)));
      expect(b.size).toBe(0);
    });

    it('reuses the handles of alerts that left', () => {
      const b = new AlertBook();
      const round = (r: number) => {
        for (let i = 0; i < 100; i++) b.add(above(`r${r}-${i}`, String(100 + i)));
        expect(b.onTick(BTC, 1000)).toHaveLength(100);
      };
      round(0);
      const first = b.memory().hotBytes;
      for (let r = 1; r < 50; r++) round(r);
      expect(b.memory().hotBytes).toBeLessThanOrEqual(first);
    });
  });

  it('keeps its hot index within 32 bytes per alert at a million alerts, and after churn', () => {
    const n = 1_000_000;
    const alerts = function* (): Generator<BookAlert> {
      for (let i = 0; i < n; i++) {
        const pair = i % 1000;
        yield { id: `a${i}`, symbol: `P${pair}/USDT`, direction: i % 2 ? 'above' : 'below', price: String(1000 + pair + (i % 997)) };
      }
    };
    const b = new AlertBook();
    b.rebuild(alerts());
    const rebuilt = b.memory();
    expect(rebuilt.alerts).toBe(n);
    expect(rebuilt.pairs).toBe(1000);
    expect(rebuilt.hotBytesPerAlert).toBeLessThanOrEqual(20.05);
    // Churn at that size: adds (from chat) and removals (by users, or fired elsewhere) in turn,
    // which grow every table and leave tombstones; and ticks that fire alerts on some pairs.
    for (let i = 0; i < 300_000; i++) {
      b.add({ id: `n${i}`, symbol: `P${i % 1000}/USDT`, direction: i % 2 ? 'above' : 'below', price: String(900 + (i % 1201)) });
      b.remove(`a${(i * 7919) % n}`);
    }
    for (let pair = 0; pair < 1000; pair += 10) b.onTick(`P${pair}/USDT`, 1500);
    const churned = b.memory();
    expect(churned.alerts).toBeGreaterThan(900_000);
    expect(churned.hotBytesPerAlert).toBeLessThanOrEqual(32);
  });
});
