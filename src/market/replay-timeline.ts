import { AppError } from '../shared/errors.js';
import type { CandleSeries } from './candle-file.js';
import { CandlePath, type HourBar } from './replay-path.js';

export const HOUR_MS = 3_600_000;

/**
 * The wall-clock moment at which the replay shows the first hour of its data:
 * 2024-01-01T00:00:00Z. It is a constant (not the process start time) so that every process and
 * every instance behind a load balancer shows the same price at the same moment; from it the data
 * loops forever: replay time = data start + ((now − anchor) mod data span). Hour-aligned, so wall
 * hours map onto whole data hours.
 */
export const REPLAY_ANCHOR_MS = Date.UTC(2024, 0, 1);

/** Maps wall-clock time onto the looped data period. */
export class ReplayTimeline {
  readonly spanMs: number;

  constructor(
    /** Open time of the first data hour. */
    readonly dataStart: number,
    /** End (exclusive) of the last data hour. */
    readonly dataEnd: number,
    readonly anchorMs: number = REPLAY_ANCHOR_MS,
  ) {
    if (dataStart % HOUR_MS !== 0 || dataEnd % HOUR_MS !== 0 || anchorMs % HOUR_MS !== 0 || dataEnd <= dataStart) {
      throw new AppError('market.replay_timeline', 'The replay data period is invalid.', { detail: `start ${dataStart}, end ${dataEnd}, anchor ${anchorMs}` });
    }
    this.spanMs = dataEnd - dataStart;
  }

  /** The data time shown at wall time `wallMs` (any wall time, before the anchor too). */
  toDataTime(wallMs: number): number {
    const offset = (((wallMs - this.anchorMs) % this.spanMs) + this.spanMs) % this.spanMs;
    return this.dataStart + offset;
  }

  /** Index (hours since the data start) of the data hour shown during the wall hour opening at `wallHour`. */
  dataHourIndex(wallHour: number): number {
    return (this.toDataTime(wallHour) - this.dataStart) / HOUR_MS;
  }

  static covering(series: readonly CandleSeries[], anchorMs?: number): ReplayTimeline {
    let start = Infinity;
    let end = -Infinity;
    for (const s of series) {
      start = Math.min(start, s.timestamp[0] as number);
      end = Math.max(end, (s.timestamp[s.length - 1] as number) + s.timeframeMs);
    }
    return new ReplayTimeline(start, end, anchorMs);
  }
}

/** One USDT market's hourly candles, indexed by data hour so a lookup is O(1). */
export class ReplayLeg {
  /** Median hourly volume: what a "normal hour" means for the synthetic book. */
  readonly typicalVolume: number;
  /** exact[k]: index of the candle opening k hours after the data start, or −1 (a gap). */
  private readonly exact: Int32Array;
  /** held[k]: index of the last candle at or before hour k, or −1 before the first one. */
  private readonly held: Int32Array;

  constructor(readonly series: CandleSeries, private readonly timeline: ReplayTimeline) {
    if (series.timeframeMs !== HOUR_MS) {
      throw new AppError('market.replay_timeframe', `The replay needs 1h candles; ${series.source} holds ${series.timeframe}.`);
    }
    const hours = timeline.spanMs / HOUR_MS;
    this.exact = new Int32Array(hours).fill(-1);
    this.held = new Int32Array(hours).fill(-1);
    for (let i = 0; i < series.length; i++) {
      this.exact[((series.timestamp[i] as number) - timeline.dataStart) / HOUR_MS] = i;
    }
    let last = -1;
    for (let k = 0; k < hours; k++) {
      if ((this.exact[k] as number) >= 0) last = this.exact[k] as number;
      this.held[k] = last;
    }
    const volumes = Float64Array.from(series.volume).sort();
    this.typicalVolume = volumes[volumes.length >> 1] as number;
  }

  /** The path of the wall hour opening at `wallHour`: its candle, or the held price through a gap. */
  hourPath(wallHour: number): CandlePath {
    const bar = this.hourBar(wallHour);
    return bar.present ? new CandlePath(bar, bar.volume) : CandlePath.flat(bar.close);
  }

  /** The whole-hour figures of that hour, without building its path (charts read thousands). */
  hourBar(wallHour: number): HourBar {
    const k = this.timeline.dataHourIndex(wallHour);
    const s = this.series;
    const i = this.exact[k] as number;
    if (i >= 0) {
      return { present: true, open: s.open[i] as number, high: s.high[i] as number, low: s.low[i] as number, close: s.close[i] as number, volume: s.volume[i] as number };
    }
    const h = this.held[k] as number;
    const price = h >= 0 ? (s.close[h] as number) : (s.open[0] as number);
    return { present: false, open: price, high: price, low: price, close: price, volume: 0 };
  }
}
