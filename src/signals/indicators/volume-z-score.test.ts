import { describe, expect, it } from 'vitest';
import { volumeZScore } from './volume-z-score.js';

const f = (...values: number[]) => Float64Array.from(values);

describe('volumeZScore', () => {
  it('is (volume − mean) / population σ over the window, the current candle included', () => {
    // (1, 1, 4): mean 2, σ √2 → z √2.
    const z = volumeZScore(f(1, 1, 4), 3);
    expect(z[0]).toBeNaN();
    expect(z[1]).toBeNaN();
    expect(z[2]).toBeCloseTo(Math.SQRT2, 14);
  });

  it('is 0 over a run of identical volumes, zero-volume candles included, even after busy ones', () => {
    // Windows of 3 from index 5: (0, 0, 0) (0, 0, 0) (0, 0, 5) (0, 5, 5) (5, 5, 5).
    const z = volumeZScore(f(3.7, 1234.5678, 0.1, 0, 0, 0, 0, 5, 5, 5), 3);
    expect(z[5]).toBe(0);
    expect(z[6]).toBe(0);
    expect(z[7]).toBeCloseTo(Math.SQRT2, 14);
    expect(z[8]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(z[9]).toBe(0);
  });

  it('is at most √(period − 1) for a lone spike', () => {
    const volume = new Float64Array(20).fill(1);
    volume[19] = 1e6;
    expect(volumeZScore(volume, 20)[19]).toBeCloseTo(Math.sqrt(19), 9);
  });
});
