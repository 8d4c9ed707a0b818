import { describe, expect, it } from 'vitest';
import { INDICATOR_CSV_HEADER, indicatorColumns, indicatorCsvRows } from './indicators-csv.js';

describe('indicatorCsvRows', () => {
  it('prints the timestamp, then each value in its shortest round-trip form, empty during the warm-up', () => {
    const n = 60;
    const close = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 4) * 7 + i / 3);
    const candles = { timestamp: Float64Array.from({ length: n }, (_, i) => 1_600_000_000_000 + i * 3_600_000), high: close.map((c) => c + 1.5), low: close.map((c) => c - 1.25), close };
    const columns = indicatorColumns(candles);
    const lines = indicatorCsvRows(candles.timestamp, columns, 0, n).split('\n');
    expect(lines).toHaveLength(n + 1);
    expect(lines.at(-1)).toBe('');
    const names = INDICATOR_CSV_HEADER.split(',');
    expect(lines[0]).toBe('1600000000000,,,,,,,,,,');
    for (let i = 0; i < n; i++) {
      const cells = lines[i]!.split(',');
      expect(cells).toHaveLength(names.length);
      expect(Number(cells[0])).toBe(candles.timestamp[i]);
      names.slice(1).forEach((name, k) => {
        const value = columns[name as keyof typeof columns][i]!;
        const cell = cells[k + 1]!;
        if (Number.isNaN(value)) expect(cell, `${name}[${i}]`).toBe('');
        else expect(Number(cell), `${name}[${i}]`).toBe(value); // every bit survives
      });
    }
    // The first rows of each indicator: SMA(50) at 49, EMA(20) and Bollinger at 19, RSI and ATR at 14, MACD at 33.
    const firstFilled = names.slice(1).map((_, k) => lines.findIndex((line) => line.split(',')[k + 1] !== ''));
    expect(firstFilled).toEqual([49, 19, 14, 33, 33, 33, 19, 19, 19, 14]);
  });

  it('prints a range of rows, for writing a long series in chunks', () => {
    const close = Float64Array.from({ length: 40 }, (_, i) => 10 + i);
    const timestamp = Float64Array.from({ length: 40 }, (_, i) => i * 60_000);
    const columns = indicatorColumns({ timestamp, high: close, low: close, close });
    expect(indicatorCsvRows(timestamp, columns, 0, 25) + indicatorCsvRows(timestamp, columns, 25, 40)).toBe(indicatorCsvRows(timestamp, columns, 0, 40));
  });
});
