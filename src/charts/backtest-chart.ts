// A backtest's equity beside buying and holding the same coin, as a PNG a person can read on a
// phone: two lines on one money axis, the legend saying which is which and where each ended.
import * as echarts from 'echarts';
import { CHART_SIZE, longhandFonts, moneyAxis, round } from './equity-chart.js';
import { svgToPng } from './svg-to-png.js';

export interface BacktestChartInput {
  /** "RSI reversion on BTC/USDT, 2021" */
  title: string;
  /** "1 Jan → 17 Jul 2021 · fee 0.1 % per side" */
  subtitle: string;
  /** Oldest first: the strategy's equity and buy-and-hold's at each close, in `currency`. */
  points: ReadonlyArray<{ at: number; strategy: number; hold: number }>;
  currency: string;
  /** "RSI reversion" */
  strategyLabel: string;
}

const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
const INK = '#1f2933';
const MUTED = '#52606d';
const GRID = '#d9e2ec';
const STRATEGY = '#1565c0';
const HOLD = '#ef6c00';

const signedPct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;

export function backtestChartSvg(input: BacktestChartInput): string {
  const { width, height } = CHART_SIZE;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const first = input.points[0];
    const last = input.points[input.points.length - 1];
    const start = first ? first.strategy : 0;
    const ended = (key: 'strategy' | 'hold') => (last && start > 0 ? signedPct(last[key] / start - 1) : '');
    const strategyName = `${input.strategyLabel} ${ended('strategy')}`;
    const holdName = `Buy & hold ${ended('hold')}`;
    const spanDays = first && last ? (last.at - first.at) / 86_400_000 : 0;
    const axisDate = (ms: number) => {
      const d = new Date(ms);
      const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
      return spanDays > 400 ? `${month} ${d.getUTCFullYear()}` : spanDays > 45 ? month : `${d.getUTCDate()} ${month}`;
    };
    const largest = Math.max(0, ...input.points.flatMap((p) => [Math.abs(p.strategy), Math.abs(p.hold)]));
    const axisLabel = { color: MUTED, fontSize: 17, fontFamily: FONT };
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT, color: INK },
      title: [
        { text: input.title, left: 24, top: 14, textStyle: { fontSize: 25, fontWeight: 'bold', color: INK, fontFamily: FONT } },
        { text: input.subtitle, left: 24, top: 50, textStyle: { fontSize: 17, fontWeight: 'normal', color: MUTED, fontFamily: FONT } },
        { text: `Equity (${input.currency}), from the same start`, right: 36, top: 112, textStyle: { fontSize: 14, fontWeight: 'normal', color: MUTED, fontFamily: FONT } },
      ],
      legend: {
        top: 84,
        left: 24,
        itemWidth: 30,
        itemHeight: 4,
        icon: 'rect',
        itemGap: 44,
        textStyle: { fontSize: 18, color: INK, fontFamily: FONT, fontWeight: 'bold' },
        data: [strategyName, holdName],
      },
      grid: { left: 96, right: 36, top: 140, bottom: 52 },
      xAxis: { type: 'time', axisLabel: { ...axisLabel, formatter: axisDate, hideOverlap: true }, axisLine: { lineStyle: { color: MUTED } }, splitNumber: 5, splitLine: { show: false } },
      yAxis: {
        type: 'value',
        scale: true,
        splitNumber: 5,
        axisLabel: { ...axisLabel, formatter: moneyAxis(largest) },
        splitLine: { lineStyle: { color: GRID } },
      },
      series: [
        { name: holdName, type: 'line', data: input.points.map((p) => [p.at, round(p.hold, 2)]), showSymbol: false, lineStyle: { width: 2.5, color: HOLD, type: 'dashed' }, itemStyle: { color: HOLD } },
        {
          name: strategyName,
          type: 'line',
          data: input.points.map((p) => [p.at, round(p.strategy, 2)]),
          showSymbol: false,
          lineStyle: { width: 3.5, color: STRATEGY },
          itemStyle: { color: STRATEGY },
          // The starting cash, for reading gains and losses at a glance.
          markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: MUTED, type: 'dotted', width: 1.5 }, data: [{ yAxis: start }] },
        },
      ],
    });
    return longhandFonts(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG (800 × 500). */
export function backtestChartPng(input: BacktestChartInput): Buffer {
  return svgToPng(backtestChartSvg(input), CHART_SIZE.width);
}
