import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawdownSeries, equityChartPng, equityChartSvg } from './equity-chart.js';

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 0, 1);
/** 90 days: a rise, a fall of about 18 % from its peak, a partial recovery. */
const points = Array.from({ length: 90 }, (_, i) => ({ at: D0 + i * DAY, equity: 10_000 * (1 + 0.004 * Math.min(i, 40)) * (i > 40 && i < 60 ? 1 - 0.01 * (i - 40) : i >= 60 ? 0.8 + 0.004 * (i - 60) : 1) }));
const input = { title: 'Equity · PAPER', subtitle: 'Since 2026-01-01 · +7.60% · max drawdown 19.00%', points, currency: 'USDT' };

describe('the equity chart', () => {
  it('measures the drawdown from the running peak', () => {
    expect(drawdownSeries([{ equity: 100 }, { equity: 120 }, { equity: 90 }, { equity: 130 }])).toEqual([0, 0, -25, 0]);
  });

  it('renders an 800 × 500 PNG with both panels and every label at its size', () => {
    const svg = equityChartSvg(input);
    expect(svg).toContain('Equity (USDT)');
    expect(svg).toContain('Drawdown from peak');
    // resvg ignores the CSS font shorthand: every label is written with font-size.
    expect(svg).not.toMatch(/font:\s*normal/);
    const png = equityChartPng(input);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([800, 500]);
    // For a person to look at (the report says what it shows).
    writeFileSync(join(tmpdir(), 'parley-equity-chart.png'), png);
  });

  it('draws a curve of two points (a new account: today’s opening and now)', () => {
    const png = equityChartPng({ ...input, points: [{ at: D0, equity: 10_000 }, { at: D0 + 5 * 3_600_000, equity: 9_950 }] });
    expect(png.byteLength).toBeGreaterThan(5_000);
  });
});
