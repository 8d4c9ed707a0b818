import { alertHolds } from './alert-rules.js';
import { isExactFloat, levelFloat } from './alert-book-level.js';
import { BookSide, type BookTables, type FireSink } from './alert-book-side.js';
import type { LevelAlert } from './types.js';

/*
 * The active price alerts, indexed in memory so that a price tick is checked without a scan: O(1)
 * when it reaches no alert, else O(log f + f) for the f alerts it fires (plus the pending inserts
 * of a side it reaches, at most `pendingMax`). The database stays the truth: the book says
 * which alerts a tick reached, and the store's conditional update decides which of them this
 * instance fires (another may have fired them first).
 *
 * Use: rebuild() from the store's active alerts at start; add() an alert when it is set, remove() it
 * when its owner removes it or it fired elsewhere; onTick(symbol, last) on each price from the feed
 * gives the ids it reached, which have left the book, for store.trigger(ids, …) to settle. If that
 * call fails, the alerts are still active in the store: add them back (or rebuild).
 *
 * Layout. Each alert gets a handle, a small integer reused after the alert leaves. Pair i owns
 * sides 2i ("above") and 2i + 1 ("below"). Hot, typed:
 *   per side (BookSide)  levels Float64Array + handles Uint32Array, sorted: 12 B per alert
 *   per handle           sideOf Uint32Array (which side) + slot Uint32Array (where in it): 8 B
 *   per side             triggers Float64Array: the price that reaches its nearest alert
 *                        (8 B per side, not per alert)
 * so 20 B per alert, plus spare room (see BookSide: a side compacts past 1.5 slots per alert + 32;
 * the handle tables grow by a quarter and keep their high-water mark) and the pending buffers of
 * the sides that took inserts. A tick reads one Map entry and two floats of `triggers`, and goes
 * further only when the price reaches one of them.
 * Cold, plain JS, touched when an alert is added, removed or fires, never by a tick that fires
 * nothing: the id strings by handle, the id → handle Map, the decimal text of the rare levels a
 * float does not hold exactly, the symbol → pair Map and one object per side.
 */

/** What the book needs of an alert: a LevelAlert will do. */
export type BookAlert = Pick<LevelAlert, 'id' | 'symbol' | 'direction' | 'price'>;

export interface BookMemory {
  alerts: number;
  pairs: number;
  /** Bytes of every typed array the book holds (the hot index), spare capacity included. */
  hotBytes: number;
  hotBytesPerAlert: number;
  /** Levels kept as decimal text too, because their float is not exactly them. */
  inexactLevels: number;
}

export interface AlertBookOptions {
  /** Inserts a side buffers, unsorted, before it merges them into its sorted arrays. Default 64. */
  pendingMax?: number;
}

const NONE = 0xffff_ffff;
const NOTHING: readonly string[] = Object.freeze([]);

export class AlertBook implements FireSink {
  /**
   * Shared with the sides. slot: handle → its position in its side (for a free handle, the next
   * free one); triggers: side → the price that reaches its nearest alert (see BookTables).
   */
  private readonly tables: BookTables = { slot: new Uint32Array(0), triggers: new Float64Array(0) };
  /** handle → index into `sides` (meaningless for a free handle). */
  private sideOf = new Uint32Array(0);
  private sides: BookSide[] = [];
  /** symbol → pair index: sides 2i and 2i + 1. */
  private pairs = new Map<string, number>();
  private ids: Array<string | undefined> = [];
  private byId = new Map<string, number>();
  private inexact = new Map<number, string>();
  private freeHead = NONE;
  private nextHandle = 0;
  private readonly pendingMax: number;
  // The tick in progress: what fired, and the price as given (for decimal ties).
  private firedHandles = new Uint32Array(64);
  private firedCount = 0;
  private tickPrice: number | string = 0;
  private tickFloat = 0;

  constructor(options: AlertBookOptions = {}) {
    this.pendingMax = Math.max(1, Math.floor(options.pendingMax ?? 64));
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * Replaces the whole book with these alerts (the active ones in the database, at start):
   * O(n log n). An id listed twice is kept once. Throws RangeError, before changing anything,
   * on a level that is not a positive decimal.
   */
  rebuild(alerts: Iterable<BookAlert>): void {
    const ids: string[] = [];
    const byId = new Map<string, number>();
    const inexact = new Map<number, string>();
    let levels = new Float64Array(1024);
    let sideIndex = new Uint32Array(1024);
    const pairs = new Map<string, number>();
    const sides: BookSide[] = [];
    for (const alert of alerts) {
      if (byId.has(alert.id)) continue;
      const level = checkedLevel(alert);
      const h = ids.length;
      if (h === levels.length) {
        levels = grown(levels, h * 2);
        sideIndex = grown(sideIndex, h * 2);
      }
      let pair = pairs.get(alert.symbol);
      if (pair === undefined) {
        pair = this.newPair(sides);
        pairs.set(alert.symbol, pair);
      }
      ids.push(alert.id);
      byId.set(alert.id, h);
      levels[h] = level;
      sideIndex[h] = alert.direction === 'above' ? 2 * pair : 2 * pair + 1;
      if (!isExactFloat(alert.price, level)) inexact.set(h, alert.price);
    }
    const n = ids.length;

    // Bucket the handles by side (a counting sort), then sort each side's bucket by level.
    const start = new Uint32Array(sides.length + 1);
    for (let h = 0; h < n; h++) start[sideIndex[h]! + 1]!++;
    for (let s = 0; s < sides.length; s++) start[s + 1]! += start[s]!;
    const order = new Uint32Array(n);
    const fill = start.slice(0, sides.length);
    for (let h = 0; h < n; h++) order[fill[sideIndex[h]!]!++] = h;

    this.tables.slot = new Uint32Array(n);
    this.sideOf = sideIndex.slice(0, n);
    this.tables.triggers = emptyTriggers(sides.length);
    for (let s = 0; s < sides.length; s++) {
      const bucket = order.subarray(start[s]!, start[s + 1]!).sort((a, b) => levels[a]! - levels[b]!);
      const sideLevels = new Float64Array(bucket.length);
      for (let i = 0; i < bucket.length; i++) sideLevels[i] = levels[bucket[i]!]!;
      sides[s]!.load(sideLevels, bucket.slice());
    }
    this.sides = sides;
    this.pairs = pairs;
    this.ids = ids;
    this.byId = byId;
    this.inexact = inexact;
    this.nextHandle = n;
    this.freeHead = NONE;
  }

  /**
   * Adds an active alert: O(1), plus a merge of its side every `pendingMax` inserts (see BookSide).
   * False when an alert with this id is already in the book (nothing changes). Throws RangeError on
   * a level that is not a positive decimal.
   */
  add(alert: BookAlert): boolean {
    if (this.byId.has(alert.id)) return false;
    const level = checkedLevel(alert);
    let pair = this.pairs.get(alert.symbol);
    if (pair === undefined) {
      pair = this.newPair(this.sides);
      this.pairs.set(alert.symbol, pair);
      if (this.tables.triggers.length < this.sides.length) {
        const triggers = emptyTriggers(2 * this.sides.length);
        triggers.set(this.tables.triggers);
        this.tables.triggers = triggers;
      }
    }
    const side = alert.direction === 'above' ? 2 * pair : 2 * pair + 1;
    const h = this.takeHandle();
    this.ids[h] = alert.id;
    this.byId.set(alert.id, h);
    if (!isExactFloat(alert.price, level)) this.inexact.set(h, alert.price);
    this.sideOf[h] = side;
    this.sides[side]!.insert(h, level);
    return true;
  }

  /** Takes an alert out (the user removed it, or it fired elsewhere): O(1) amortised. False when it is not in the book. */
  remove(id: string): boolean {
    const h = this.byId.get(id);
    if (h === undefined) return false;
    this.sides[this.sideOf[h]!]!.delete(h);
    this.release(h);
    return true;
  }

  /**
   * A price for a pair: the ids of the alerts it reached — "above" ones whose level is ≤ the price,
   * "below" ones whose level is ≥ it, judged as decimals — which leave the book. O(1) when none is
   * reached, else O(log n + fired). A price given as a number means the decimal String(price); a
   * price that is not a finite number reaches nothing.
   */
  onTick(symbol: string, price: number | string): readonly string[] {
    const pair = this.pairs.get(symbol);
    if (pair === undefined) return NOTHING;
    const p = typeof price === 'number' ? price : Number(price);
    if (!Number.isFinite(p)) return NOTHING;
    const up = p >= this.tables.triggers[2 * pair]!;
    const down = p <= this.tables.triggers[2 * pair + 1]!;
    if (!up && !down) return NOTHING;
    this.tickPrice = price;
    this.tickFloat = p;
    this.firedCount = 0;
    if (up) this.sides[2 * pair]!.fire(p, this);
    if (down) this.sides[2 * pair + 1]!.fire(p, this);
    if (this.firedCount === 0) return NOTHING;
    const out = new Array<string>(this.firedCount);
    for (let i = 0; i < this.firedCount; i++) {
      const h = this.firedHandles[i]!;
      out[i] = this.ids[h]!;
      this.release(h);
    }
    return out;
  }

  /** What the index holds, in bytes of typed arrays (see the layout at the top of this file). */
  memory(): BookMemory {
    let hotBytes = this.tables.slot.byteLength + this.sideOf.byteLength + this.tables.triggers.byteLength + this.firedHandles.byteLength;
    for (const side of this.sides) hotBytes += side.bytes;
    const alerts = this.size;
    return { alerts, pairs: this.pairs.size, hotBytes, hotBytesPerAlert: alerts === 0 ? 0 : hotBytes / alerts, inexactLevels: this.inexact.size };
  }

  /** @internal FireSink: called by the sides during onTick. */
  fired(handle: number): void {
    if (this.firedCount === this.firedHandles.length) this.firedHandles = grown(this.firedHandles, this.firedCount * 2);
    this.firedHandles[this.firedCount++] = handle;
  }

  /** @internal FireSink: a level whose float equals the price's float; the decimals decide. */
  tieHolds(handle: number, rising: boolean): boolean {
    const text = this.inexact.size === 0 ? undefined : this.inexact.get(handle);
    // Both decimals are String(the same float): equal, and touching fires.
    if (text === undefined && typeof this.tickPrice === 'number') return true;
    return alertHolds(rising ? 'above' : 'below', text ?? String(this.tickFloat), this.tickPrice);
  }

  /** A new pair's two sides, appended to `sides`; returns the pair's index. */
  private newPair(sides: BookSide[]): number {
    const pair = sides.length / 2;
    sides.push(new BookSide(true, 2 * pair, this.tables, this.pendingMax), new BookSide(false, 2 * pair + 1, this.tables, this.pendingMax));
    return pair;
  }

  private takeHandle(): number {
    if (this.freeHead !== NONE) {
      const h = this.freeHead;
      this.freeHead = this.tables.slot[h]!;
      return h;
    }
    const h = this.nextHandle++;
    if (h === this.tables.slot.length) {
      const capacity = h + (h >>> 2) + 64;
      this.tables.slot = grown(this.tables.slot, capacity);
      this.sideOf = grown(this.sideOf, capacity);
    }
    return h;
  }

  private release(h: number): void {
    const id = this.ids[h]!;
    this.byId.delete(id);
    this.ids[h] = undefined;
    if (this.inexact.size > 0) this.inexact.delete(h);
    this.tables.slot[h] = this.freeHead;
    this.freeHead = h;
  }
}

function checkedLevel(alert: BookAlert): number {
  try {
    return levelFloat(alert.price);
  } catch (error) {
    throw new RangeError(`alert ${alert.id}: ${(error as Error).message}`, { cause: error });
  }
}

/** Triggers for `sides` sides that hold nothing: no price reaches +Infinity going up or -Infinity going down. */
function emptyTriggers(sides: number): Float64Array {
  const triggers = new Float64Array(sides);
  for (let i = 0; i < sides; i++) triggers[i] = i % 2 === 0 ? Infinity : -Infinity;
  return triggers;
}

function grown<T extends Float64Array | Uint32Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
