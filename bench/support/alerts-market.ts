// The synthetic market of the alerts bench: pairs with prices on a tick grid, alerts set around
// them as people set them, and a stream of price updates (a random walk per pair) with alerts
// added from chat and removed by their owners along the way. Everything comes from a seed.
import type { BookAlert } from '../../src/alerts/alert-book.js';
import { seededRandom } from '../../src/shared/seeded-random.js';

export interface Pair {
  symbol: string;
  /** Decimals of the price: a price is ticks / 10^decimals. */
  decimals: number;
  /** The price, in ticks; the stream moves it. */
  ticks: number;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The float a feed would hand over for `ticks / 10^decimals` (division rounds exactly as Number(decimal) does). */
export const priceOf = (ticks: number, decimals: number): number => ticks / POW10[decimals]!;

/** The decimal string the database would hold. */
export function decimalOf(ticks: number, decimals: number): string {
  if (decimals === 0) return String(ticks);
  const digits = String(ticks).padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** `count` pairs, prices spread log-uniformly from 0.0001 to 100,000 with six significant digits. */
export function makePairs(count: number, seed: number): Pair[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const price = 10 ** (-4 + 9 * random());
    const decimals = Math.max(0, 5 - Math.floor(Math.log10(price)));
    return { symbol: `C${i}/USDT`, decimals, ticks: Math.round(price * POW10[decimals]!) };
  });
}

/**
 * An alert as a user would set it on `pair` now: a level within ±20% of the price, a third of
 * them on a round number (three significant digits), the direction inferred from the price.
 */
export function alertOn(pair: Pair, random: () => number): BookAlert {
  for (;;) {
    let level = Math.round(pair.ticks * (1 + 0.2 * (2 * random() - 1)));
    if (random() < 1 / 3) {
      const round = 10 ** Math.max(0, Math.floor(Math.log10(level)) - 2);
      level = Math.round(level / round) * round;
    }
    if (level <= 0 || level === pair.ticks) continue;
    return { id: idFrom(random), symbol: pair.symbol, direction: level > pair.ticks ? 'above' : 'below', price: decimalOf(level, pair.decimals) };
  }
}

/**
 * A 16-character base62 id, like src/shared/ids.ts makes, but from the seed. Made flat in one go,
 * as a database driver hands strings over (`+=` would leave a rope of 16 pieces behind each id).
 */
function idFrom(random: () => number): string {
  const codes = new Array<number>(16);
  for (let i = 0; i < 16; i++) codes[i] = ALPHABET.charCodeAt(Math.floor(random() * 62));
  return String.fromCharCode(...codes);
}

/** `count` alerts spread evenly over the pairs, made afresh on each call (fresh strings: nothing else holds them). */
export function* initialAlerts(pairs: readonly Pair[], count: number, seed: number): Generator<BookAlert> {
  const random = seededRandom(seed);
  for (let i = 0; i < count; i++) yield alertOn(pairs[i % pairs.length]!, random);
}

export const TICK = 0;
export const ADD = 1;
export const REMOVE = 2;

/** A stretch of the stream: what each step is, and its operands. */
export interface Stream {
  /** TICK, ADD or REMOVE per step. */
  kind: Uint8Array;
  /** The pair index, for a tick. */
  pair: Uint16Array;
  /** The price, for a tick. */
  price: Float64Array;
  /** The alert, for an add; the id, for a remove (sparse: only those steps). */
  alert: Array<BookAlert | undefined>;
  removeId: Array<string | undefined>;
  updates: number;
}

export interface StreamOptions {
  updates: number;
  /** Relative standard deviation of one price move. */
  volatility: number;
  /** Alerts set from chat per price update. */
  addRate: number;
  /** Alerts removed by their owner per price update (an id picked from every alert ever set). */
  removeRate: number;
}

/**
 * The next `updates` price updates from where the pairs are now (it moves them): each update moves
 * one pair, picked uniformly, by a gaussian step on its tick grid.
 */
export function makeStream(pairs: Pair[], ids: string[], random: () => number, options: StreamOptions): Stream {
  const steps = Math.ceil(options.updates * (1 + options.addRate + options.removeRate) * 1.1) + 16;
  const stream: Stream = {
    kind: new Uint8Array(steps),
    pair: new Uint16Array(steps),
    price: new Float64Array(steps),
    alert: [],
    removeId: [],
    updates: options.updates,
  };
  let s = 0;
  for (let u = 0; u < options.updates; u++) {
    const index = Math.floor(random() * pairs.length);
    const pair = pairs[index]!;
    pair.ticks = Math.max(1, Math.round(pair.ticks * (1 + options.volatility * gaussian(random))));
    stream.kind[s] = TICK;
    stream.pair[s] = index;
    stream.price[s] = priceOf(pair.ticks, pair.decimals);
    s++;
    if (random() < options.addRate) {
      const alert = alertOn(pairs[Math.floor(random() * pairs.length)]!, random);
      ids.push(alert.id);
      stream.kind[s] = ADD;
      stream.alert[s] = alert;
      s++;
    }
    if (random() < options.removeRate) {
      stream.kind[s] = REMOVE;
      stream.removeId[s] = ids[Math.floor(random() * ids.length)]!;
      s++;
    }
  }
  stream.kind = stream.kind.subarray(0, s);
  return stream;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
