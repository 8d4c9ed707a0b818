/*
 * One side of one pair in the alert book: the "above" alerts of BTC/USDT, say. No object per alert:
 *
 *   levels  Float64Array  sorted ascending over [lo, hi)            8 B per slot
 *   handles Uint32Array   the alert in each slot, DEAD for a tombstone 4 B per slot
 *   pending               up to `pendingMax` recent inserts, unsorted (same two arrays, small)
 *
 * Rising ("above": fires when price ≥ level) alerts fire from the low end, falling ("below": fires
 * when price ≤ level) ones from the high end, so a tick moves `lo` up or `hi` down past what it
 * fired and shifts nothing. A tombstone keeps its level, so the array stays sorted for the binary
 * search; it is skipped when a tick walks past it and dropped when the side is compacted.
 *
 * Costs, for a side of n alerts and a pending bound B:
 *   tick that fires nothing   O(1): the book compares the price with this side's trigger (one
 *                             float in a table of all sides) and does not touch the side
 *   tick that fires f         O(log f + f + tombstones passed) for the sorted part (a galloping
 *                             search from the firing end), + O(B) when a pending alert is reached
 *   insert                    O(1), and every B inserts a merge of O(n + B log B): amortised O(n / B)
 *   delete                    O(1) (a tombstone, or a swap in pending)
 *   compaction                O(n), when the arrays hold more than 1.5 n + 32 slots (tombstones,
 *                             room left by fired alerts, spare capacity); it leaves 1.25 n + 8, so
 *                             some n / 6 deletes or fires at least come between two: amortised O(1)
 *
 * Memory: 12 B per slot, at most 1.5 n + 32 slots between compactions, plus the pending buffer
 * (12 B × pendingMax) once the side has taken an insert.
 */

/** A tombstone in `handles`. */
export const DEAD = 0xffff_ffff;
/** Set in a handle's slot when it sits in the pending buffer; the low bits are its index there. */
export const PENDING = 0x8000_0000;

/** The book's tables a side keeps up to date (the book may replace the arrays as it grows). */
export interface BookTables {
  /** handle → where it sits in its side. */
  slot: Uint32Array;
  /**
   * side index → the price that reaches its nearest alert: ≤ its least level (rising), ≥ its
   * greatest (falling), ±Infinity when it holds none. A bound, exact after each tick that reaches
   * it: a tick that does not reach it looks at nothing else.
   */
  triggers: Float64Array;
}

/** What a tick reports to: collects fired handles, settles float ties with the decimals. */
export interface FireSink {
  fired(handle: number): void;
  /** The level's float equals the price's: does the alert hold by the decimals? */
  tieHolds(handle: number, rising: boolean): boolean;
}

const NO_LEVELS = new Float64Array(0);
const NO_HANDLES = new Uint32Array(0);
/**
 * Slots a side may hold beyond half its live sorted alerts — tombstones, the room fired alerts left
 * at the ends, spare capacity — before it is compacted (and its arrays shrunk).
 */
const SLACK = 32;

const capacityFor = (n: number): number => n + (n >>> 2) + 8;

export class BookSide {
  private levels: Float64Array = NO_LEVELS;
  private handles: Uint32Array = NO_HANDLES;
  private lo = 0;
  private hi = 0;
  /** Tombstones within [lo, hi). */
  private dead = 0;
  private pendLevels: Float64Array = NO_LEVELS;
  private pendHandles: Uint32Array = NO_HANDLES;
  private pendCount = 0;
  /** A bound on the pending levels: ≤ their least (rising) or ≥ their greatest (falling). */
  private pendEdge: number;

  constructor(
    /** True for "above" alerts. */
    readonly rising: boolean,
    /** This side's index in the book's tables; the book sets its trigger to ±Infinity (no alerts) at first. */
    private readonly index: number,
    private readonly table: BookTables,
    private readonly pendingMax: number,
  ) {
    this.pendEdge = rising ? Infinity : -Infinity;
  }

  /** Bytes of the typed arrays this side holds, spare capacity included. */
  get bytes(): number {
    return this.levels.byteLength + this.handles.byteLength + this.pendLevels.byteLength + this.pendHandles.byteLength;
  }

  /** Takes arrays already sorted by level (rebuild); the side owns them from now on. */
  load(levels: Float64Array, handles: Uint32Array): void {
    this.levels = levels;
    this.handles = handles;
    this.lo = 0;
    this.hi = levels.length;
    this.dead = 0;
    this.pendCount = 0;
    this.pendEdge = this.rising ? Infinity : -Infinity;
    const slot = this.table.slot;
    for (let i = 0; i < handles.length; i++) slot[handles[i]!] = i;
    this.retrigger();
  }

  insert(handle: number, level: number): void {
    if (this.pendLevels.length === 0) {
      this.pendLevels = new Float64Array(this.pendingMax);
      this.pendHandles = new Uint32Array(this.pendingMax);
    }
    const i = this.pendCount++;
    this.pendLevels[i] = level;
    this.pendHandles[i] = handle;
    this.table.slot[handle] = (PENDING | i) >>> 0;
    if (this.rising ? level < this.pendEdge : level > this.pendEdge) this.pendEdge = level;
    const triggers = this.table.triggers;
    if (this.rising ? level < triggers[this.index]! : level > triggers[this.index]!) triggers[this.index] = level;
    if (this.pendCount === this.pendingMax) this.merge();
  }

  delete(handle: number): void {
    const slot = this.table.slot;
    const at = slot[handle]!;
    if (at >= PENDING) {
      const i = at - PENDING;
      const last = --this.pendCount;
      if (i !== last) {
        const moved = this.pendHandles[last]!;
        this.pendLevels[i] = this.pendLevels[last]!;
        this.pendHandles[i] = moved;
        slot[moved] = (PENDING | i) >>> 0;
      }
      // pendEdge and the trigger stay bounds; the next tick that reaches them makes them exact.
      if (this.pendCount === 0) this.pendEdge = this.rising ? Infinity : -Infinity;
      return;
    }
    this.handles[at] = DEAD;
    this.dead++;
    this.trim();
    this.compactIfWasteful();
  }

  /** Reports every alert the price reached and takes it out of the side (the book calls it when the price reaches the trigger). */
  fire(price: number, sink: FireSink): void {
    const reached = this.rising ? this.fireRising(price, sink) : this.fireFalling(price, sink);
    if (this.pendCount > 0 && (this.rising ? this.pendEdge <= price : this.pendEdge >= price)) this.firePending(price, sink);
    // Last: compaction merges the pending alerts, which must have been checked first.
    if (reached) this.compactIfWasteful();
    this.retrigger();
  }

  /** Makes this side's trigger exact: its nearest sorted level or pending bound. */
  private retrigger(): void {
    let trigger = this.pendEdge;
    if (this.lo < this.hi) {
      const nearest = this.rising ? this.levels[this.lo]! : this.levels[this.hi - 1]!;
      if (this.rising ? nearest < trigger : nearest > trigger) trigger = nearest;
    }
    this.table.triggers[this.index] = trigger;
  }

  /** "Above": the levels ≤ price, a prefix. */
  private fireRising(price: number, sink: FireSink): boolean {
    const { levels, handles } = this;
    if (this.lo === this.hi || !(levels[this.lo]! <= price)) return false;
    const start = this.lo;
    const ties = lowerBoundFromLow(levels, start, this.hi, price);
    for (let i = start; i < ties; i++) {
      const h = handles[i]!;
      if (h === DEAD) this.dead--;
      else sink.fired(h);
    }
    this.lo = ties;
    for (let i = ties; i < this.hi && levels[i] === price; i++) {
      const h = handles[i]!;
      if (h !== DEAD && sink.tieHolds(h, true)) {
        sink.fired(h);
        handles[i] = DEAD;
        this.dead++;
      }
    }
    this.trim();
    return true;
  }

  /** "Below": the levels ≥ price, a suffix. */
  private fireFalling(price: number, sink: FireSink): boolean {
    const { levels, handles } = this;
    if (this.lo === this.hi || !(levels[this.hi - 1]! >= price)) return false;
    const end = this.hi;
    const above = upperBoundFromHigh(levels, this.lo, end, price);
    for (let i = above; i < end; i++) {
      const h = handles[i]!;
      if (h === DEAD) this.dead--;
      else sink.fired(h);
    }
    this.hi = above;
    for (let i = above - 1; i >= this.lo && levels[i] === price; i--) {
      const h = handles[i]!;
      if (h !== DEAD && sink.tieHolds(h, false)) {
        sink.fired(h);
        handles[i] = DEAD;
        this.dead++;
      }
    }
    this.trim();
    return true;
  }

  private firePending(price: number, sink: FireSink): void {
    const { pendLevels, pendHandles, rising } = this;
    const slot = this.table.slot;
    let kept = 0;
    let edge = rising ? Infinity : -Infinity;
    for (let i = 0; i < this.pendCount; i++) {
      const level = pendLevels[i]!;
      const h = pendHandles[i]!;
      const holds = rising ? level < price : level > price;
      if (holds || (level === price && sink.tieHolds(h, rising))) {
        sink.fired(h);
        continue;
      }
      if (kept !== i) {
        pendLevels[kept] = level;
        pendHandles[kept] = h;
        slot[h] = (PENDING | kept) >>> 0;
      }
      kept++;
      if (rising ? level < edge : level > edge) edge = level;
    }
    this.pendCount = kept;
    this.pendEdge = edge;
  }

  /** Moves lo and hi past tombstones at the ends: a tick then stops at a live level. */
  private trim(): void {
    const handles = this.handles;
    while (this.lo < this.hi && handles[this.lo] === DEAD) {
      this.lo++;
      this.dead--;
    }
    while (this.hi > this.lo && handles[this.hi - 1] === DEAD) {
      this.hi--;
      this.dead--;
    }
    if (this.lo === this.hi) {
      this.lo = 0;
      this.hi = 0;
    }
  }

  /** Compacts when the sorted arrays hold more than half as many slots again as live alerts (+ SLACK). */
  private compactIfWasteful(): void {
    const live = this.hi - this.lo - this.dead;
    if (this.levels.length - live > (live >>> 1) + SLACK) this.merge();
  }

  /**
   * Sorts the pending alerts into the sorted part, dropping tombstones and the room fired alerts
   * left at the ends; in place when the arrays have room and not too much of it, else into new
   * ones a quarter larger than needed.
   */
  private merge(): void {
    const p = this.pendCount;
    sortPending(this.pendLevels, this.pendHandles, p);
    const live = this.hi - this.lo - this.dead;
    const n = live + p;
    let levels = this.levels;
    let handles = this.handles;
    if (levels.length < n || levels.length - n > (n >>> 1) + SLACK) {
      levels = new Float64Array(capacityFor(n));
      handles = new Uint32Array(levels.length);
    }
    // Compact the live sorted alerts to [0, live): the write index never passes the read index.
    let w = 0;
    for (let r = this.lo; r < this.hi; r++) {
      const h = this.handles[r]!;
      if (h === DEAD) continue;
      levels[w] = this.levels[r]!;
      handles[w] = h;
      w++;
    }
    // Merge the pending ones in from the top down.
    let i = live - 1;
    let j = p - 1;
    for (let k = n - 1; j >= 0; k--) {
      if (i >= 0 && levels[i]! > this.pendLevels[j]!) {
        levels[k] = levels[i]!;
        handles[k] = handles[i]!;
        i--;
      } else {
        levels[k] = this.pendLevels[j]!;
        handles[k] = this.pendHandles[j]!;
        j--;
      }
    }
    const slot = this.table.slot;
    for (let k = 0; k < n; k++) slot[handles[k]!] = k;
    this.levels = levels;
    this.handles = handles;
    this.lo = 0;
    this.hi = n;
    this.dead = 0;
    this.pendCount = 0;
    this.pendEdge = this.rising ? Infinity : -Infinity;
    this.retrigger();
  }
}

/*
 * The searches start from the end the alerts fire from and gallop (1, 2, 4, … slots) before they
 * bisect: a tick that fires f alerts reads O(log f) levels, all near that end — a few cache lines
 * rather than a bisection's reads across the whole array.
 */

/** The first index in [from, to) whose level is ≥ x (to when none is), found from the low end. */
function lowerBoundFromLow(levels: Float64Array, from: number, to: number, x: number): number {
  if (from >= to || levels[from]! >= x) return from;
  let below = from; // levels[below] < x
  let step = 1;
  while (below + step < to && levels[below + step]! < x) {
    below += step;
    step *= 2;
  }
  return lowerBound(levels, below + 1, Math.min(below + step, to), x);
}

/** The first index in [from, to) whose level is > x (to when none is), found from the high end. */
function upperBoundFromHigh(levels: Float64Array, from: number, to: number, x: number): number {
  if (from >= to || levels[to - 1]! <= x) return to;
  let above = to - 1; // levels[above] > x
  let step = 1;
  while (above - step >= from && levels[above - step]! > x) {
    above -= step;
    step *= 2;
  }
  return upperBound(levels, Math.max(above - step + 1, from), above, x);
}

/** The first index in [from, to) whose level is ≥ x (to when none is). */
function lowerBound(levels: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (levels[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in [from, to) whose level is > x (to when none is). */
function upperBound(levels: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (levels[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Insertion sort of the first n pending entries by level (n ≤ pendingMax, small). */
function sortPending(levels: Float64Array, handles: Uint32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const level = levels[i]!;
    const h = handles[i]!;
    let j = i - 1;
    while (j >= 0 && levels[j]! > level) {
      levels[j + 1] = levels[j]!;
      handles[j + 1] = handles[j]!;
      j--;
    }
    levels[j + 1] = level;
    handles[j + 1] = h;
  }
}
