import { PERFORMANCE_PERIODS, type PerformancePeriod, type PeriodPerformance } from '../../trading/performance.js';
import type { PerformanceView } from '../../trading/performance-service.js';
import { formatMoney, formatSignedMoney } from '../../shared/number-format.js';
import type { EquityChartInput } from '../../charts/equity-chart.js';
import { html } from './html.js';
import { modeLabel } from './order-lines.js';

const PERIOD_LABEL: Record<PerformancePeriod, string> = { '1d': '1 day', '7d': '7 days', '30d': '30 days', '1y': '1 year', all: 'All' };

const pct = (value: number | null, signed = true) => (value === null ? '—' : `${signed && value > 0 ? '+' : ''}${(value * 100).toFixed(2)}%`);
const ratio = (value: number | null) => (value === null ? '—' : value.toFixed(2));
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function mode(view: PerformanceView): string {
  return modeLabel(view.paper, view.account.mode === 'testnet' ? `${view.exchange} testnet` : view.exchange);
}

/** The numbers of /performance: one row per period (a table a phone shows in one screen), then the trades and how they were measured. */
export function performanceMessage(view: PerformanceView): string {
  const rows = PERFORMANCE_PERIODS.map((period) => row(period, view.periods[period]));
  const all = view.periods.all;
  const lines = [
    `📈 <b>Performance</b> · ${mode(view)}`,
    html`Equity now: ${formatMoney(view.equityNow, 'USDT')}`,
    '',
    `<pre>${html`${[columns('Period', 'Return', 'Max DD', 'Sharpe'), ...rows].join('\n')}`}</pre>`,
  ];
  if (all.returns > 0) lines.push(html`All time: ${all.returns} daily return${all.returns === 1 ? '' : 's'} · Sharpe ${ratio(all.sharpe)} · Sortino ${ratio(all.sortino)}`);
  const partial = PERFORMANCE_PERIODS.filter((p) => p !== 'all' && view.periods[p].partial && view.periods[p].from !== null);
  if (all.from === null) lines.push('Not enough history yet: the curve starts with today’s opening snapshot, and returns need two points.');
  else if (partial.length > 0) lines.push(html`History starts ${day(all.from)}: ${partial.map((p) => PERIOD_LABEL[p]).join(', ')} cover only that.`);
  lines.push(
    '',
    all.trades === 0
      ? 'Trades: none closed yet (a sale closes one).'
      : html`Trades closed: ${all.trades} · won ${pct(all.winRate, false)} · profit factor ${all.profitFactor === null ? (all.grossProfit.gt(0) ? '∞' : '—') : all.profitFactor.toFixed(2)} · per trade ${formatSignedMoney(all.expectancy!.toDecimalPlaces(2), 'USDT')}`,
    html`P&L from fills: realized ${formatSignedMoney(view.realizedPnl.toDecimalPlaces(2), 'USDT')} · unrealized ${formatSignedMoney(view.unrealizedPnl.toDecimalPlaces(2), 'USDT')} · fees paid ${formatMoney(view.fees, 'USDT')}`,
    '',
    '<i>Returns are time-weighted from daily equity (00:00 UTC snapshots and now). Sharpe and Sortino: daily returns × √365, no risk-free rate. Deposits and withdrawals are not told apart yet.</i>',
  );
  return lines.join('\n');
}

function row(period: PerformancePeriod, p: PeriodPerformance): string {
  return columns(PERIOD_LABEL[period], pct(p.totalReturn), pct(p.maxDrawdown, false), ratio(p.sharpe));
}

/** One line of the table: narrow enough for a phone (33 characters). */
function columns(period: string, total: string, drawdown: string, sharpe: string): string {
  return `${period.padEnd(8)} ${total.padStart(8)} ${drawdown.padStart(7)} ${sharpe.padStart(7)}`;
}

/** The chart's title lines (plain text: it is drawn, not sent as HTML). */
export function chartInput(view: PerformanceView): EquityChartInput {
  const all = view.periods.all;
  const first = view.curve[0]?.at ?? view.now;
  const since = view.now - first < 2 * 86_400_000 ? `Since ${day(first)} (times UTC)` : `Since ${day(first)}`;
  const numbers = all.totalReturn === null ? 'not enough history for returns yet' : `${pct(all.totalReturn)} · max drawdown ${pct(all.maxDrawdown, false)}`;
  return {
    title: `Equity · ${view.paper ? 'PAPER' : view.account.mode === 'testnet' ? 'TESTNET' : 'LIVE'}`,
    subtitle: `${since} · ${numbers}`,
    points: view.curve.map((p) => ({ at: p.at, equity: p.equity.toNumber() })),
    currency: 'USDT',
  };
}
