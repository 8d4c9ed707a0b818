/**
 * How a replayed price moves inside one hour. An hourly candle only says open, high, low and
 * close; for a live-looking demo the price has to move every second without ever leaving
 * [low, high]. The path visits the extremes in the order the usual backtest convention assumes
 * (a rising candle dips first: open → low → high → close; a falling one: open → high → low →
 * close), spends time on each leg in proportion to its length (a steady pace), and eases in and
 * out of every turn (smoothstep), so the motion has no kinks. Each leg is monotone, which makes
 * the high and low over any part of the hour exact: the ends plus the turns in between.
 */
/** The figures of a whole hour. */
export interface HourBar {
  /** A real candle; false for an hour with no data, whose price is held flat. */
  readonly present: boolean;
  /** Base volume of the whole hour. */
  readonly volume: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

export interface HourPath extends HourBar {
  /** Price at `fraction` ∈ [0, 1] of the hour. */
  priceAt(fraction: number): number;
  /** [low, high] of the path over [from, to] ⊆ [0, 1]. */
  range(from: number, to: number): [low: number, high: number];
  /** Fractions where the path turns (0 and 1 included), for sampling derived paths. */
  readonly turns: readonly number[];
}

export interface Bar {
  open: number;
  high: number;
  low: number;
  close: number;
}

export class CandlePath implements HourPath {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly turns: readonly number[];
  private readonly values: readonly number[];

  constructor(bar: Bar, readonly volume: number, readonly present = true) {
    this.open = bar.open;
    this.high = bar.high;
    this.low = bar.low;
    this.close = bar.close;
    const rising = bar.close >= bar.open;
    const first = rising ? bar.low : bar.high;
    const second = rising ? bar.high : bar.low;
    const legs = [Math.abs(bar.open - first), Math.abs(first - second), Math.abs(second - bar.close)] as const;
    const total = legs[0] + legs[1] + legs[2];
    if (total === 0) {
      this.turns = [0, 1];
      this.values = [bar.open, bar.close];
    } else {
      this.turns = [0, legs[0] / total, (legs[0] + legs[1]) / total, 1];
      this.values = [bar.open, first, second, bar.close];
    }
  }

  /** An hour without a candle: the last price, held. */
  static flat(price: number): CandlePath {
    return new CandlePath({ open: price, high: price, low: price, close: price }, 0, false);
  }

  priceAt(fraction: number): number {
    const f = fraction <= 0 ? 0 : fraction >= 1 ? 1 : fraction;
    const turns = this.turns;
    let i = 1;
    while (i < turns.length - 1 && f > (turns[i] as number)) i++;
    const fa = turns[i - 1] as number;
    const fb = turns[i] as number;
    const a = this.values[i - 1] as number;
    const b = this.values[i] as number;
    if (fb <= fa) return b;
    const u = (f - fa) / (fb - fa);
    const eased = u * u * (3 - 2 * u);
    const value = a + (b - a) * eased;
    // Float rounding must not step outside the candle.
    return value < this.low ? this.low : value > this.high ? this.high : value;
  }

  range(from: number, to: number): [number, number] {
    let low = this.priceAt(from);
    let high = low;
    const end = this.priceAt(to);
    if (end < low) low = end;
    if (end > high) high = end;
    for (let i = 1; i < this.turns.length - 1; i++) {
      const f = this.turns[i] as number;
      if (f > from && f < to) {
        const v = this.values[i] as number;
        if (v < low) low = v;
        if (v > high) high = v;
      }
    }
    return [low, high];
  }
}

/** Samples per hour of a ratio path, on top of both legs' turns. */
const RATIO_SAMPLES = 60;

/**
 * A cross (ETH/BTC) as the ratio of its two USDT legs at every instant, so it always agrees
 * with them. A ratio of two paths is not monotone between turns, so its high and low come from
 * sampling (every minute plus every turn of either leg), and the price is clamped into that
 * range — a deviation from the exact ratio far below one tick, bought for the guarantee that the
 * price never leaves the candle the chart shows.
 */
export class RatioPath implements HourPath {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly present: boolean;
  readonly turns: readonly number[];
  private readonly samples: Float64Array; // fractions
  private readonly sampleValues: Float64Array;

  constructor(private readonly base: HourPath, private readonly quote: HourPath, readonly volume: number) {
    this.present = base.present && quote.present;
    const fractions = new Set<number>([...base.turns, ...quote.turns]);
    for (let k = 0; k <= RATIO_SAMPLES; k++) fractions.add(k / RATIO_SAMPLES);
    this.samples = Float64Array.from([...fractions].sort((a, b) => a - b));
    this.sampleValues = this.samples.map((f) => this.rawAt(f));
    let low = Infinity;
    let high = -Infinity;
    for (const v of this.sampleValues) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
    this.low = low;
    this.high = high;
    this.open = this.rawAt(0);
    this.close = this.rawAt(1);
    this.turns = [0, 1];
  }

  private rawAt(fraction: number): number {
    return this.base.priceAt(fraction) / this.quote.priceAt(fraction);
  }

  priceAt(fraction: number): number {
    const value = this.rawAt(fraction);
    return value < this.low ? this.low : value > this.high ? this.high : value;
  }

  range(from: number, to: number): [number, number] {
    let low = this.priceAt(from);
    let high = low;
    const end = this.priceAt(to);
    if (end < low) low = end;
    if (end > high) high = end;
    for (let i = 0; i < this.samples.length; i++) {
      const f = this.samples[i] as number;
      if (f <= from) continue;
      if (f >= to) break;
      const v = this.sampleValues[i] as number;
      if (v < low) low = v;
      if (v > high) high = v;
    }
    return [low, high];
  }
}
