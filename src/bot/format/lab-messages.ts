// The lab in the chat: the progress line edited in place, the result card, and its charts.
import { backtestChartPng } from '../../charts/backtest-chart.js';
import { monteCarloChartPng } from '../../charts/monte-carlo-chart.js';
import type { BacktestReport } from '../../lab/backtest-report.js';
import type { LabResult } from '../../lab/lab-work.js';
import type { Outcome } from '../../lab/rl/walk-forward.js';
import { html } from './html.js';

const signed = (x: number | null, digits = 1) => (x === null ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(digits)}%`);
const plain = (x: number | null, digits = 1) => (x === null ? '—' : `${(x * 100).toFixed(digits)}%`);
const ratio = (x: number | null) => (x === null ? '—' : x.toFixed(2).replace('-', '−'));
const money = (x: number) => x.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const day = (at: string | number) => new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const strategyLabel = (name: string) => (name === 'rsi-reversion' ? 'RSI reversion' : name === 'ema-cross' ? 'EMA cross' : name);
const paramsOf = (r: BacktestReport) => Object.entries(r.strategy.params).map(([k, v]) => `${k} ${v}`).join(', ');

/** "⏳ Backtesting RSI reversion on BTC/USDT, 2021… 40%" with a bar. */
export function labProgressText(title: string, progress: number): string {
  const percent = Math.floor(Math.max(0, Math.min(1, progress)) * 100);
  const filled = Math.round(percent / 10);
  const verb = title.startsWith('Monte Carlo') ? 'Running a' : title.startsWith('RL agent') ? 'Training the' : 'Backtesting';
  return `⏳ ${html`${verb} ${title}…`} ${percent}%\n${'▓'.repeat(filled)}${'░'.repeat(10 - filled)}`;
}

export function labFailedText(title: string, message: string): string {
  return `⚠️ ${html`${title}: ${message}`}`;
}

/** The result card (HTML): the figures a trader reads first, beside buy-and-hold, and what they rest on. */
export function labResultCard(result: LabResult): string {
  switch (result.kind) {
    case 'backtest':
      return backtestCard(result.title, result.report, result.note);
    case 'monte-carlo':
      return monteCarloCard(result);
    case 'rl':
      return rlCard(result);
  }
}

function backtestCard(title: string, r: BacktestReport, note: string | null): string {
  const beat = r.total_return > r.buy_and_hold_return;
  const lines = [
    `📈 <b>${html`${title}`}</b>`,
    html`${day(r.period.start)} → ${day(r.period.end)} · ${r.candles.toLocaleString('en')} hourly candles · ${paramsOf(r)} · fee ${plain(r.fee_rate, 2)} a side`,
    ...(note ? [html`<i>${note}</i>`] : []),
    '',
    `<b>Total return ${signed(r.total_return)}</b>  (buy &amp; hold ${signed(r.buy_and_hold_return)})`,
    `CAGR ${signed(r.cagr)} · max drawdown ${plain(r.max_drawdown)} (hold ${plain(r.buy_and_hold_max_drawdown)})`,
    `Sharpe ${ratio(r.sharpe)} (hold ${ratio(r.buy_and_hold_sharpe)}) · Sortino ${ratio(r.sortino)}`,
    `Win rate ${plain(r.win_rate, 0)} of ${r.trades_closed} trades · exposure ${plain(r.exposure, 0)}`,
    html`${money(r.start_equity)} → ${money(r.final_equity)} USDT, fees ${money(r.fees_paid)}${r.open_position ? ' (a position still open, marked at the last close)' : ''}`,
    '',
    beat ? '✅ Beat buying and holding over this one period (in sample: one period is not an edge).' : '❌ Did not beat buying and holding over this period.',
    r.lookahead.flagged.length === 0
      ? `🔍 Look-ahead guard: ${r.lookahead.checked} cuts re-run, no signal changed.`
      : `🚨 Look-ahead: ${r.lookahead.flagged.length} of ${r.lookahead.checked} cuts changed a signal — this strategy reads the future; ignore these figures.`,
    '<i>Ask “monte carlo on that” for the spread of outcomes.</i>',
  ];
  return lines.join('\n');
}

function monteCarloCard(result: Extract<LabResult, { kind: 'monte-carlo' }>): string {
  const m = result.report;
  const b = result.backtest;
  const lines = [
    `🎲 <b>${html`${result.title}`}</b>`,
    html`${m.scenarios.toLocaleString('en')} made-up markets from the real candles (block bootstrap, price noise, regime switches), seed ${m.seed}: the same seed gives the same figures.`,
    ...(result.note ? [html`<i>${result.note}</i>`] : []),
    '',
    `<b>Median return ${signed(m.total_return.median)}</b>  (95% between ${signed(m.total_return.p2_5)} and ${signed(m.total_return.p97_5)})`,
    `Buy &amp; hold median ${signed(m.buy_and_hold_return.median)} · beat it in ${plain(m.prob_beats_buy_and_hold, 0)} of scenarios`,
    `Median max drawdown ${plain(m.max_drawdown.median)} · median Sharpe ${ratio(m.sharpe.median)}`,
    `VaR 95: lost ${plain(m.var_95)} or more in the worst 5% · CVaR 95 (their average): ${plain(m.cvar_95)}`,
    `P(loss) ${plain(m.prob_loss, 0)} · P(ruin: below ${plain(m.ruin_threshold, 0)} of the start) ${plain(m.prob_ruin, 0)}`,
    '',
    html`The real run: ${signed(b.total_return)} (buy & hold ${signed(b.buy_and_hold_return)}).`,
  ];
  return lines.join('\n');
}

function rlCard(result: Extract<LabResult, { kind: 'rl' }>): string {
  const r = result.report;
  const row = (o: Outcome) => html`${o.name}: ${signed(o.totalReturn)} · max DD ${plain(o.maxDrawdown)} · Sharpe ${ratio(o.sharpe)} · ${o.orders} orders`;
  const others = [r.buyAndHold, r.emaCross].filter((o) => r.agent.totalReturn <= o.totalReturn).map((o) => o.name);
  const lines = [
    `🤖 <b>${html`${result.title}`}</b>`,
    html`Trained on ${day(r.train.from)} → ${day(r.train.to)} (${r.train.candles.toLocaleString('en')} hourly candles, ${result.episodes} episode${result.episodes === 1 ? '' : 's'}, seed ${result.seed}); tested out of sample on ${day(r.test.from)} → ${day(r.test.to)}.`,
    '',
    `<b>${row(r.agent)}</b>`,
    row(r.buyAndHold),
    row(r.emaCross),
    '',
    others.length === 0
      ? '✅ Beat both baselines on return over this one test period (one period is not evidence of an edge).'
      : html`❌ Did not beat ${others.join(' or ')} on return over this test period.`,
    html`<i>Short training to fit a chat (${result.episodes} episodes); npm run rl trains longer. ${r.policy}.</i>`,
  ];
  return lines.join('\n');
}

export interface LabChart {
  png: () => Buffer;
  filename: string;
  caption: string;
}

/** The result's charts: equity beside buy-and-hold; the Monte Carlo histogram with VaR marked. RL has none yet. */
export function labCharts(result: LabResult): LabChart[] {
  switch (result.kind) {
    case 'backtest': {
      const r = result.report;
      return [
        {
          filename: 'backtest.png',
          caption: `${result.title}: equity vs buy & hold`,
          png: () =>
            backtestChartPng({
              title: result.title,
              subtitle: `${day(r.period.start)} → ${day(r.period.end)} · ${paramsOf(r)} · fee ${plain(r.fee_rate, 2)}`,
              points: result.curve,
              currency: 'USDT',
              strategyLabel: strategyLabel(r.strategy.name),
            }),
        },
      ];
    }
    case 'monte-carlo': {
      const m = result.report;
      return [
        {
          filename: 'monte-carlo.png',
          caption: `${result.title}: scenarios by total return, VaR and CVaR marked`,
          png: () =>
            monteCarloChartPng({
              title: result.title,
              subtitle: `${m.scenarios.toLocaleString('en')} scenarios, seed ${m.seed} · median ${signed(m.total_return.median)} · P(loss) ${plain(m.prob_loss, 0)}`,
              bins: result.histogram,
              var95: m.var_95,
              cvar95: m.cvar_95,
            }),
        },
      ];
    }
    case 'rl':
      return [];
  }
}
