// Parley's indicators against TA-Lib's own output (fixtures/talib-fixtures.json.gz, made by
// fixtures/make-talib-fixtures.mjs) over real candles of three pairs: equal to 1e-9, relative
// (absolute near zero), from TA-Lib's first value on, and NaN exactly where TA-Lib gives nothing.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadCandleFile, type CandleSeries } from '../../market/candle-file.js';
import { projectPath } from '../../shared/project-paths.js';
import { largestDifference, seriesMismatch } from '../../../test/support/series-match.js';
import { indicatorColumns } from '../indicators-csv.js';

interface Fixture {
  talib: string;
  pairs: { source: string; candles: number; firstTimestamp: number; lastTimestamp: number; series: Record<string, (number | null)[]> }[];
}

const fixture = JSON.parse(gunzipSync(readFileSync(projectPath('src/signals/indicators/fixtures/talib-fixtures.json.gz'))).toString('utf8')) as Fixture;

/** Parley's values, named as the fixture's columns: the very table the CLI prints. */
const parley = (c: CandleSeries): Record<string, Float64Array> => indicatorColumns(c);

function head(c: CandleSeries, n: number): CandleSeries {
  return { ...c, length: n, timestamp: c.timestamp.subarray(0, n), open: c.open.subarray(0, n), high: c.high.subarray(0, n), low: c.low.subarray(0, n), close: c.close.subarray(0, n), volume: c.volume.subarray(0, n) };
}

describe.each(fixture.pairs)('TA-Lib fixtures: $source, first $candles candles', (pair) => {
  it('match TA-Lib to 1e-9 after the same warm-up', async () => {
    const candles = head(await loadCandleFile(projectPath(pair.source)), pair.candles);
    expect([candles.timestamp[0], candles.timestamp[pair.candles - 1]]).toEqual([pair.firstTimestamp, pair.lastTimestamp]);
    const ours = parley(candles);
    expect(Object.keys(ours).sort()).toEqual(Object.keys(pair.series).sort());
    for (const [name, expected] of Object.entries(pair.series)) {
      // Both sides must have values: a fixture of nulls would make this test unable to fail.
      expect(expected.filter((v) => v !== null).length, name).toBeGreaterThan(pair.candles - 60);
      expect(seriesMismatch(ours[name]!, expected, 1e-9), name).toBeUndefined();
    }
  });

  it('EMA, RSI, MACD and ATR are TA-Lib\'s arithmetic bit for bit; SMA and Bollinger within its rounding', async () => {
    // Not what callers rely on (that is the 1e-9 above), but a sign that the first four do the
    // same operations in the same order as TA-Lib, and that the rolling sums (computed differently
    // on purpose, see rolling-window.ts) stay within the ~3e-12 that TA-Lib's own rounding costs.
    const candles = head(await loadCandleFile(projectPath(pair.source)), pair.candles);
    const ours = parley(candles);
    for (const [name, expected] of Object.entries(pair.series)) {
      const limit = /^(sma|bb)_/.test(name) ? 1e-11 : 0;
      expect(largestDifference(ours[name]!, expected), name).toBeLessThanOrEqual(limit);
    }
  });
});
