// The baselines of the alerts bench: the same alerts, checked by a plain loop. Both are as lean
// as a plain scan gets — parallel typed arrays, no object per alert, swap-remove, and a comparison
// without a branch on the direction (an alert holds when sign × price ≥ sign × level, sign +1 for
// "above" and -1 for "below", so mixed directions cost no mispredicted branches) — so that the
// book is measured against the scan, not against slow code. They decide exactly as the book does
// (a float comparison, and alertHolds on the decimals at an exact float tie), so every run can
// check that they fire the same alerts.
import type { BookAlert } from '../../src/alerts/alert-book.js';
import { alertHolds } from '../../src/alerts/alert-rules.js';

const NOTHING: readonly string[] = Object.freeze([]);

/** What the bench calls: the alert book and both baselines alike. */
export interface AlertChecker {
  add(alert: BookAlert): boolean;
  remove(id: string): boolean;
  onTick(symbol: string, price: number): readonly string[];
  readonly size: number;
}

/** Alerts by handle: the id and the decimal level, and which handles are free. */
class Handles {
  ids: Array<string | undefined> = [];
  levels: Array<string | undefined> = [];
  byId = new Map<string, number>();
  free: number[] = [];

  take(alert: BookAlert): number {
    const h = this.free.pop() ?? this.ids.length;
    this.ids[h] = alert.id;
    this.levels[h] = alert.price;
    this.byId.set(alert.id, h);
    return h;
  }

  release(h: number): string {
    const id = this.ids[h]!;
    this.byId.delete(id);
    this.ids[h] = undefined;
    this.levels[h] = undefined;
    this.free.push(h);
    return id;
  }
}

/** One list per pair, as today's check groups them: a tick loops over that pair's alerts. */
class PairList {
  /** sign × level. */
  keys = new Float64Array(16);
  /** The sign: +1 above, -1 below. */
  signs = new Float64Array(16);
  handles = new Uint32Array(16);
  count = 0;
}

export class NaivePairScan implements AlertChecker {
  private readonly pairs = new Map<string, PairList>();
  private readonly handles = new Handles();
  /** handle → its pair list and index there. */
  private listOf: PairList[] = [];
  private at: number[] = [];

  constructor(alerts: Iterable<BookAlert>) {
    for (const alert of alerts) this.add(alert);
  }

  get size(): number {
    return this.handles.byId.size;
  }

  add(alert: BookAlert): boolean {
    if (this.handles.byId.has(alert.id)) return false;
    let list = this.pairs.get(alert.symbol);
    if (!list) {
      list = new PairList();
      this.pairs.set(alert.symbol, list);
    }
    if (list.count === list.keys.length) grow(list);
    const h = this.handles.take(alert);
    const i = list.count++;
    const sign = alert.direction === 'above' ? 1 : -1;
    list.keys[i] = sign * Number(alert.price);
    list.signs[i] = sign;
    list.handles[i] = h;
    this.listOf[h] = list;
    this.at[h] = i;
    return true;
  }

  remove(id: string): boolean {
    const h = this.handles.byId.get(id);
    if (h === undefined) return false;
    this.swapRemove(this.listOf[h]!, this.at[h]!);
    this.handles.release(h);
    return true;
  }

  onTick(symbol: string, price: number): readonly string[] {
    const list = this.pairs.get(symbol);
    if (!list) return NOTHING;
    let out: string[] | undefined;
    const { keys, signs, handles } = list;
    for (let i = 0; i < list.count; ) {
      const signed = signs[i]! * price;
      if (signed >= keys[i]!) {
        const h = handles[i]!;
        if (signed !== keys[i]! || alertHolds(signs[i]! > 0 ? 'above' : 'below', this.handles.levels[h]!, price)) {
          (out ??= []).push(this.handles.release(h));
          this.swapRemove(list, i);
          continue; // the last alert moved into i
        }
      }
      i++;
    }
    return out ?? NOTHING;
  }

  private swapRemove(list: PairList, i: number): void {
    const last = --list.count;
    if (i === last) return;
    const moved = list.handles[last]!;
    list.keys[i] = list.keys[last]!;
    list.signs[i] = list.signs[last]!;
    list.handles[i] = moved;
    this.at[moved] = i;
  }
}

/** Every alert in one list, as the pass scans them today: a tick loops over all of them. */
export class NaiveFullScan implements AlertChecker {
  private readonly pairIndex = new Map<string, number>();
  private readonly handles = new Handles();
  /** sign × level, and the sign (+1 above, -1 below). */
  private keys = new Float64Array(1024);
  private signs = new Float64Array(1024);
  private pairOf = new Uint16Array(1024);
  private handleAt = new Uint32Array(1024);
  private at: number[] = [];
  private count = 0;

  constructor(alerts: Iterable<BookAlert>) {
    for (const alert of alerts) this.add(alert);
  }

  get size(): number {
    return this.count;
  }

  add(alert: BookAlert): boolean {
    if (this.handles.byId.has(alert.id)) return false;
    let pair = this.pairIndex.get(alert.symbol);
    if (pair === undefined) this.pairIndex.set(alert.symbol, (pair = this.pairIndex.size));
    if (this.count === this.keys.length) {
      const n = this.count * 2;
      this.keys = copy(this.keys, new Float64Array(n));
      this.signs = copy(this.signs, new Float64Array(n));
      this.pairOf = copy(this.pairOf, new Uint16Array(n));
      this.handleAt = copy(this.handleAt, new Uint32Array(n));
    }
    const h = this.handles.take(alert);
    const i = this.count++;
    const sign = alert.direction === 'above' ? 1 : -1;
    this.keys[i] = sign * Number(alert.price);
    this.signs[i] = sign;
    this.pairOf[i] = pair;
    this.handleAt[i] = h;
    this.at[h] = i;
    return true;
  }

  remove(id: string): boolean {
    const h = this.handles.byId.get(id);
    if (h === undefined) return false;
    this.swapRemove(this.at[h]!);
    this.handles.release(h);
    return true;
  }

  onTick(symbol: string, price: number): readonly string[] {
    const pair = this.pairIndex.get(symbol);
    if (pair === undefined) return NOTHING;
    let out: string[] | undefined;
    const { keys, signs, pairOf } = this;
    for (let i = 0; i < this.count; ) {
      if (pairOf[i] === pair) {
        const signed = signs[i]! * price;
        if (signed >= keys[i]!) {
          const h = this.handleAt[i]!;
          if (signed !== keys[i]! || alertHolds(signs[i]! > 0 ? 'above' : 'below', this.handles.levels[h]!, price)) {
            (out ??= []).push(this.handles.release(h));
            this.swapRemove(i);
            continue;
          }
        }
      }
      i++;
    }
    return out ?? NOTHING;
  }

  private swapRemove(i: number): void {
    const last = --this.count;
    if (i === last) return;
    const moved = this.handleAt[last]!;
    this.keys[i] = this.keys[last]!;
    this.signs[i] = this.signs[last]!;
    this.pairOf[i] = this.pairOf[last]!;
    this.handleAt[i] = moved;
    this.at[moved] = i;
  }
}

function grow(list: PairList): void {
  const n = list.keys.length * 2;
  list.keys = copy(list.keys, new Float64Array(n));
  list.signs = copy(list.signs, new Float64Array(n));
  list.handles = copy(list.handles, new Uint32Array(n));
}

function copy<T extends Float64Array | Uint16Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
