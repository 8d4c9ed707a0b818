// A Monte Carlo run as a PNG: how many scenarios ended at each total return (a histogram), with the
// 95 % VaR and CVaR marked where they fall, losses in red, gains in green.
import * as echarts from 'echarts';
import { CHART_SIZE, longhandFonts } from './equity-chart.js';
import { svgToPng } from './svg-to-png.js';

export interface MonteCarloChartInput {
  /** "Monte Carlo of RSI reversion on BTC/USDT, 2021" */
  title: string;
  /** "500 scenarios, seed 1 · median −6.6 % · P(loss) 57 %" */
  subtitle: string;
  /** Total return as a fraction (−0.2 = −20 %), equal-width bins. */
  bins: ReadonlyArray<{ from: number; to: number; count: number }>;
  /** Losses as positive fractions of the start (0.3 = a 30 % loss); null when unknown. */
  var95: number | null;
  cvar95: number | null;
}

const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
const INK = '#1f2933';
const MUTED = '#52606d';
const GRID = '#d9e2ec';
const LOSS = '#e57373';
const GAIN = '#66bb6a';
const VAR = '#b71c1c';
const CVAR = '#6a1b9a';

const pct = (x: number) => `${x >= 0 ? '' : '−'}${Math.abs(x * 100).toFixed(x !== 0 && Math.abs(x) < 0.1 ? 1 : 0)}%`;

export function monteCarloChartSvg(input: MonteCarloChartInput): string {
  const { width, height } = CHART_SIZE;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const grid = { left: 84, right: 36, top: 150, bottom: 52 };
    const lo = input.bins[0]?.from ?? -0.5;
    const hi = input.bins[input.bins.length - 1]?.to ?? 0.5;
    const barPixels = Math.max(2, ((width - grid.left - grid.right) / Math.max(1, input.bins.length)) * 0.92);
    // The lines are labelled in the header, in their colours: VaR and CVaR often lie close together.
    const marks: object[] = [];
    const keys: object[] = [];
    const mark = (at: number, color: string, text: string, row: number) => {
      marks.push({ xAxis: at, lineStyle: { color, width: 3, type: row === 0 ? 'solid' : 'dashed' }, label: { show: false } });
      keys.push({ text: `${row === 0 ? '━━' : '╍╍'} ${text}`, right: 36, top: 84 + row * 26, textStyle: { fontSize: 17, fontWeight: 'bold', color, fontFamily: FONT } });
    };
    if (input.var95 !== null) mark(-input.var95, VAR, `VaR 95: ${pct(-input.var95)}`, 0);
    if (input.cvar95 !== null) mark(-input.cvar95, CVAR, `CVaR 95: ${pct(-input.cvar95)}`, 1);
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT, color: INK },
      title: [
        { text: input.title, left: 24, top: 14, textStyle: { fontSize: input.title.length > 44 ? 21 : 25, fontWeight: 'bold', color: INK, fontFamily: FONT } },
        { text: input.subtitle, left: 24, top: 50, textStyle: { fontSize: 17, fontWeight: 'normal', color: MUTED, fontFamily: FONT } },
        { text: 'Scenarios by total return', left: 24, top: 86, textStyle: { fontSize: 17, fontWeight: 'bold', color: INK, fontFamily: FONT } },
        { text: 'red bars: a loss', left: 24, top: 110, textStyle: { fontSize: 15, fontWeight: 'normal', color: MUTED, fontFamily: FONT } },
        ...keys,
      ],
      grid,
      xAxis: {
        type: 'value',
        min: lo,
        max: hi,
        splitNumber: 6,
        axisLabel: { color: MUTED, fontSize: 17, fontFamily: FONT, formatter: (v: number) => pct(v), hideOverlap: true },
        axisLine: { lineStyle: { color: MUTED } },
        splitLine: { show: false },
      },
      yAxis: { type: 'value', minInterval: 1, splitNumber: 4, axisLabel: { color: MUTED, fontSize: 17, fontFamily: FONT }, splitLine: { lineStyle: { color: GRID } } },
      series: [
        {
          type: 'bar',
          barWidth: barPixels,
          data: input.bins.map((b) => ({ value: [(b.from + b.to) / 2, b.count], itemStyle: { color: (b.from + b.to) / 2 < 0 ? LOSS : GAIN } })),
          markLine: { silent: true, symbol: 'none', data: marks },
        },
      ],
    });
    return longhandFonts(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG (800 × 500). */
export function monteCarloChartPng(input: MonteCarloChartInput): Buffer {
  return svgToPng(monteCarloChartSvg(input), CHART_SIZE.width);
}
