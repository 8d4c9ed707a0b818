// The equity curve and its drawdown as a PNG a person can read on a phone: echarts renders SVG in
// the process (server-side, no browser), resvg turns it into pixels with the system's fonts.
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

export interface EquityChartInput {
  /** "Equity · PAPER" */
  title: string;
  /** "Since 1 Jan 2026 · +4.2% · max drawdown 3.1%" */
  subtitle: string;
  /** Oldest first; equity in `currency`. */
  points: ReadonlyArray<{ at: number; equity: number }>;
  currency: string;
}

export const CHART_SIZE = { width: 800, height: 500 } as const;

const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
const INK = '#1f2933';
const MUTED = '#52606d';
const GRID = '#d9e2ec';
const EQUITY = '#1565c0';
const LOSS = '#c62828';

/** Fall from the running peak at each point, in percent (0 or negative). */
export function drawdownSeries(points: ReadonlyArray<{ equity: number }>): number[] {
  let peak = Number.NEGATIVE_INFINITY;
  return points.map(({ equity }) => {
    peak = Math.max(peak, equity);
    return peak > 0 ? Math.min(0, (equity / peak - 1) * 100) : 0;
  });
}

/** The chart as SVG text (800 × 500): equity on top, its drawdown below, one time axis. */
export function equityChartSvg(input: EquityChartInput): string {
  const { width, height } = CHART_SIZE;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const equity = input.points.map((p) => [p.at, round(p.equity, 2)]);
    const drawdown = drawdownSeries(input.points).map((d, i) => [input.points[i]!.at, round(d, 2)]);
    const deepest = Math.min(0, ...drawdown.map(([, d]) => d!));
    const spanDays = input.points.length > 1 ? (input.points[input.points.length - 1]!.at - input.points[0]!.at) / 86_400_000 : 0;
    const axisDate = (ms: number) => {
      const d = new Date(ms);
      const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
      return spanDays < 2 ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : spanDays > 400 ? `${month} ${d.getUTCFullYear()}` : `${d.getUTCDate()} ${month}`;
    };
    const axisLabel = { color: MUTED, fontSize: 17, fontFamily: FONT };
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT, color: INK },
      title: [
        { text: input.title, left: 24, top: 14, textStyle: { fontSize: 26, fontWeight: 'bold', color: INK, fontFamily: FONT } },
        { text: input.subtitle, left: 24, top: 50, textStyle: { fontSize: 18, fontWeight: 'normal', color: MUTED, fontFamily: FONT } },
        { text: `Equity (${input.currency})`, left: 24, top: 86, textStyle: { fontSize: 17, fontWeight: 'bold', color: EQUITY, fontFamily: FONT } },
        { text: 'Drawdown from peak', left: 24, top: 338, textStyle: { fontSize: 17, fontWeight: 'bold', color: LOSS, fontFamily: FONT } },
      ],
      grid: [
        { left: 110, right: 44, top: 126, height: 192 },
        { left: 110, right: 44, top: 366, height: 86 },
      ],
      xAxis: [
        { type: 'time', gridIndex: 0, axisLabel: { show: false }, axisTick: { show: false }, axisLine: { lineStyle: { color: GRID } }, splitLine: { show: false } },
        { type: 'time', gridIndex: 1, axisLabel: { ...axisLabel, formatter: axisDate, hideOverlap: true }, axisLine: { lineStyle: { color: MUTED } }, splitNumber: 4, splitLine: { show: false } },
      ],
      yAxis: [
        { type: 'value', gridIndex: 0, scale: true, splitNumber: 4, axisLabel: { ...axisLabel, formatter: moneyAxis(Math.max(...input.points.map((p) => Math.abs(p.equity)), 0)) }, splitLine: { lineStyle: { color: GRID } } },
        { type: 'value', gridIndex: 1, max: 0, min: Math.min(-1, Math.floor(deepest * 1.15)), splitNumber: 2, axisLabel: { ...axisLabel, formatter: (v: number) => `${round(v, 1)}%` }, splitLine: { lineStyle: { color: GRID } } },
      ],
      series: [
        { type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: equity, showSymbol: equity.length <= 2, symbolSize: 9, lineStyle: { width: 4, color: EQUITY }, itemStyle: { color: EQUITY }, areaStyle: { color: 'rgba(21,101,192,0.10)' } },
        { type: 'line', xAxisIndex: 1, yAxisIndex: 1, data: drawdown, showSymbol: false, step: false, lineStyle: { width: 2, color: LOSS }, itemStyle: { color: LOSS }, areaStyle: { color: 'rgba(198,40,40,0.30)' } },
      ],
    });
    return longhandFonts(chart.renderToSVGString());
  } finally {
    // Otherwise the chart keeps timers alive and the process does not exit.
    chart.dispose();
  }
}

/** The chart as a PNG (800 × 500). */
export function equityChartPng(input: EquityChartInput): Buffer {
  const svg = equityChartSvg(input);
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: CHART_SIZE.width }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' }).render();
  return png.asPng();
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Axis labels in one unit for the whole axis: "10,250", or "125k" / "1.25M" when the numbers are large. */
export function moneyAxis(largest: number): (value: number) => string {
  if (largest >= 1e6) return (v) => `${round(v / 1e6, 2)}M`;
  if (largest >= 1e5) return (v) => `${round(v / 1e3, 1)}k`;
  return (v) => v.toLocaleString('en-US', { maximumFractionDigits: largest >= 100 ? 0 : 2 });
}

/**
 * echarts writes some labels (the time axis) with the CSS `font` shorthand, which resvg does not
 * read (it falls back to a 12 px default): spelled out, every label keeps its size.
 */
export function longhandFonts(svg: string): string {
  return svg.replace(/font:\s*(normal|italic|oblique)\s+(normal|bold|bolder|lighter|\d{3})\s+(\d+(?:\.\d+)?)px\s+([^";]+)/g, 'font-style:$1;font-weight:$2;font-size:$3px;font-family:$4');
}
