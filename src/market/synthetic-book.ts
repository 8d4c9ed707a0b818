import { Decimal, dec, floorToStep, type DecimalLike } from '../shared/decimal.js';
import { InvalidOrder } from '../shared/errors.js';
import { decimalsOf } from './market-rules.js';
import type { BookLevel } from './types.js';
import { seededRandom } from '../shared/seeded-random.js';

/*
 * A made-up but plausible order book around a mid price, for the replay feed and the paper
 * exchange's fills. Calibration, from data/orderbook/binance_BTC-USDT_l2-top20-1s_20240808.json
 * in the team's shared fixtures (650 one-second BTC/USDT snapshots, 2024-08-08 23:54 → 00:05 UTC;
 * the two hours it spans traded 3,588 and 2,033 BTC, ~2,800 BTC/h):
 *   - spread: median one tick ($0.01), mean $0.028 — a liquid market sits on the tick; we keep a
 *     small floor in basis points so thin hours can visibly widen it;
 *   - top-20 depth per side: median 4.1 BTC (bids) / 4.4 BTC (asks), the 20th level ~1.0 bps
 *     from the best → cumulative depth ≈ 0.0011 × hourly volume per bps, with the 20 levels
 *     spread over ~1 bps;
 *   - the touch is heavy: median best-level size ~2 BTC, about half of the top-20 depth.
 * Beyond the top 20 the file says nothing; depth keeps growing linearly with distance
 * (≈ 22 % of an hour's volume within 1.5 %), which lets a 50 BTC market order walk ~15 bps
 * into a normal 2021 hour and a 0.01 BTC one stay on the touch.
 */

/** Cumulative depth per side, as a share of the hour's base volume, per basis point from the mid. */
const DEPTH_SHARE_PER_BPS = 0.0011;
/** The touch level holds what DEPTH_SHARE_PER_BPS would put in this many bps (~0.4 → ~1.2 BTC). */
const TOUCH_BPS = 0.4;
/** Spread in a normal hour; thin hours widen it by 1/sqrt(volume / typical volume). */
const BASE_SPREAD_BPS = 0.02;
/** Distance of the 2nd level from the touch, and how each gap grows: 50 levels reach ~150 bps. */
const FIRST_GAP_BPS = 0.008;
const GAP_GROWTH = 1.18;
/** Bounds on volume / typical volume, so an empty hour still has a book and a frenzy is not absurd. */
const MIN_LIQUIDITY = 0.05;
const MAX_LIQUIDITY = 5;
export const MAX_BOOK_LEVELS = 50;

export interface SyntheticBookInput {
  /** Mid price, quote per base. */
  mid: number;
  priceTick: Decimal | number;
  amountStep: Decimal | number;
  /** Base volume traded in the hour the book stands for. */
  hourVolume: number;
  /** A normal hour's base volume for this market (e.g. the median); by default this hour is normal. */
  typicalHourVolume?: number;
  /** The book changes every second: the jitter is seeded by floor(timestamp / 1000). */
  timestamp: number;
  /** Mixed into the seed (e.g. the symbol), so two markets do not share a pattern. */
  seed?: string;
  /** Levels per side, 1–50 (default 50). */
  levels?: number;
}

export interface SyntheticBook {
  bids: BookLevel[]; // best (highest) first
  asks: BookLevel[]; // best (lowest) first
}

export function syntheticBook(input: SyntheticBookInput): SyntheticBook {
  const { mid } = input;
  if (!(mid > 0) || !Number.isFinite(mid)) return { bids: [], asks: [] };
  const tick = Number(input.priceTick);
  const step = Number(input.amountStep);
  const tickDecimals = decimalsOf(input.priceTick);
  const stepDecimals = decimalsOf(input.amountStep);
  const levels = Math.max(1, Math.min(MAX_BOOK_LEVELS, Math.floor(input.levels ?? MAX_BOOK_LEVELS)));

  const volume = Math.max(0, input.hourVolume);
  const typical = input.typicalHourVolume && input.typicalHourVolume > 0 ? input.typicalHourVolume : volume;
  const liquidity = typical > 0 ? clamp(volume / typical, MIN_LIQUIDITY, MAX_LIQUIDITY) : MIN_LIQUIDITY;
  const effectiveVolume = typical * liquidity;
  const depthPerBps = DEPTH_SHARE_PER_BPS * effectiveVolume;

  const spreadPrice = (mid * BASE_SPREAD_BPS) / 1e4 / Math.sqrt(liquidity);
  const spreadTicks = Math.max(1, Math.round(spreadPrice / tick));
  // Centres the spread on the mid, so the mid rounded to the tick (the last price) lies within
  // [best bid, best ask]; 1e-9 absorbs float noise when the mid sits exactly on the grid.
  const bestBidTicks = Math.floor(mid / tick - spreadTicks / 2 + 0.5 + 1e-9);
  const bestAskTicks = bestBidTicks + spreadTicks;

  const second = Math.floor(input.timestamp / 1000);
  const side = (direction: 1 | -1, bestTicks: number): BookLevel[] => {
    // One random stream per side, so a 1-level book (a ticker) and a 50-level one agree.
    const random = seededRandom(hashSeed(`${input.seed ?? ''}:${second}:${direction}`));
    const out: BookLevel[] = [];
    let previousTicks = Number.NaN;
    let previousCumulative = 0;
    for (let i = 0; i < levels; i++) {
      const gridBps = (FIRST_GAP_BPS * (GAP_GROWTH ** i - 1)) / (GAP_GROWTH - 1);
      let ticks = bestTicks + direction * Math.round((mid * gridBps) / 1e4 / tick);
      // Coarse ticks (XRP/BTC: one tick ≈ 5 bps) would put several levels on one price.
      if (i > 0 && direction * (ticks - previousTicks) < 1) ticks = previousTicks + direction;
      if (ticks <= 0) break;
      const price = Number((ticks * tick).toFixed(tickDecimals));
      const distanceBps = (Math.abs(price - mid) / mid) * 1e4;
      const cumulative = depthPerBps * (TOUCH_BPS + distanceBps);
      const raw = (cumulative - previousCumulative) * (0.5 + random());
      const steps = Math.max(1, Math.floor(raw / step));
      out.push([price, Number((steps * step).toFixed(stepDecimals))]);
      previousTicks = ticks;
      previousCumulative = cumulative;
    }
    return out;
  };
  const asks = side(1, bestAskTicks);
  const bids = side(-1, bestBidTicks);
  return { bids, asks };
}

export type WalkTarget = { amount: DecimalLike; quoteAmount?: undefined } | { quoteAmount: DecimalLike; amount?: undefined };

export interface BookWalk {
  /** Base amount taken from the book. */
  filled: Decimal;
  /** Quote paid (buy) or received (sell), before fees. */
  cost: Decimal;
  /** cost / filled, or null when nothing was filled. */
  averagePrice: Decimal | null;
  /** Price of the last level touched, or null when nothing was filled. */
  worstPrice: Decimal | null;
  levelsUsed: number;
  /** The book ran out before the target was reached. */
  exhausted: boolean;
}

/**
 * Takes liquidity from one side of a book (asks for a buy, bids for a sell), best level first,
 * until `amount` (base) is filled or `quoteAmount` is spent. Decimal throughout: this is what
 * the paper exchange fills and previews with. With a quote target, the part taken from the last
 * level is `remaining quote / price`, floored to `amountStep` when given (then the cost is exact
 * and may stay a little under the target); without a step it is a 40-digit decimal division.
 */
export function walkBook(levels: readonly BookLevel[], target: WalkTarget, options: { amountStep?: DecimalLike } = {}): BookWalk {
  const byQuote = target.quoteAmount !== undefined;
  const wanted = dec(byQuote ? (target.quoteAmount as DecimalLike) : (target.amount as DecimalLike));
  if (!wanted.isFinite() || wanted.lte(0)) throw new InvalidOrder('The amount must be a positive number.');
  const step = options.amountStep === undefined ? undefined : dec(options.amountStep);
  let filled = new Decimal(0);
  let cost = new Decimal(0);
  let remaining = wanted; // base, or quote when byQuote
  let levelsUsed = 0;
  let worstPrice: Decimal | null = null;
  // Set when the walk ends inside a level: whatever is still wanted then is less than one step.
  let stoppedInside = false;
  for (const [rawPrice, rawAmount] of levels) {
    if (remaining.lte(0)) break;
    const price = new Decimal(rawPrice);
    const available = new Decimal(rawAmount);
    if (available.lte(0) || price.lte(0)) continue;
    let take: Decimal;
    if (!byQuote) {
      take = Decimal.min(remaining, available);
    } else if (available.mul(price).lte(remaining)) {
      take = available;
    } else {
      take = remaining.div(price);
      if (step) take = floorToStep(take, step);
    }
    if (take.lte(0)) {
      stoppedInside = true;
      break;
    }
    const spent = take.mul(price);
    filled = filled.add(take);
    cost = cost.add(spent);
    remaining = remaining.sub(byQuote ? spent : take);
    levelsUsed++;
    worstPrice = price;
    if (take.lt(available)) {
      stoppedInside = true;
      break;
    }
  }
  const exhausted = !stoppedInside && remaining.gt(0);
  return { filled, cost, averagePrice: filled.gt(0) ? cost.div(filled) : null, worstPrice, levelsUsed, exhausted };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** FNV-1a: a stable 32-bit seed from a string. */
function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

