// The backtest CLI's human-readable answer: a short table, the strategy beside buy-and-hold.
import type { BacktestReport } from './backtest-report.js';
import type { MonteCarloReport } from './monte-carlo/monte-carlo.js';
import type { Distribution } from './monte-carlo/summary.js';

const pct = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`);
const plainPct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));
const money = (x: number) => x.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function formatReport(r: BacktestReport): string {
  const params = Object.entries(r.strategy.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const row = (label: string, strategy: string, hold = '') => `  ${label.padEnd(20)}${strategy.padStart(14)}${hold.padStart(14)}`.trimEnd();
  const lines = [
    `${r.strategy.name} (${params}) on ${r.symbol} ${r.timeframe}, ${day(r.period.start)} → ${day(r.period.end)} UTC, ${r.candles.toLocaleString('en')} candles`,
    `fee ${num(r.fee_rate * 100, 3)} % per side, slippage ${r.slippage}; signals at a close act at the next open`,
    row('', 'strategy', 'buy & hold'),
    row('total return', pct(r.total_return), pct(r.buy_and_hold_return)),
    row('max drawdown', plainPct(r.max_drawdown), plainPct(r.buy_and_hold_max_drawdown)),
    row('Sharpe', num(r.sharpe), num(r.buy_and_hold_sharpe)),
    row('final equity', money(r.final_equity)),
    row('CAGR', pct(r.cagr)),
    row('Sortino', num(r.sortino)),
    row('Calmar', num(r.calmar)),
    row('trades closed', String(r.trades_closed)),
    row('win rate', plainPct(r.win_rate)),
    row('profit factor', num(r.profit_factor)),
    row('expectancy', r.expectancy === null ? '—' : money(r.expectancy)),
    row('avg trade', r.avg_trade_hours === null ? '—' : `${num(r.avg_trade_hours, 1)} h`),
    row('exposure', plainPct(r.exposure)),
    row('fees paid', money(r.fees_paid)),
  ];
  if (r.open_position) lines.push('  (a position is still open: final equity marks it at the last close)');
  lines.push(
    r.total_return <= r.buy_and_hold_return
      ? '  The strategy did not beat buying and holding over this period.'
      : '  The strategy beat buying and holding over this period (one period, in sample: see --monte-carlo).',
  );
  lines.push(
    r.lookahead.flagged.length === 0
      ? `  look-ahead guard: ${r.lookahead.checked} prefix cuts re-run, no signal changed`
      : `  LOOK-AHEAD: ${r.lookahead.flagged.length} of ${r.lookahead.checked} prefix cuts changed a signal (first at ${day(r.lookahead.flagged[0]!.time)}): the strategy reads the future`,
  );
  lines.push('  Sharpe/Sortino: per-candle returns annualised by √(candles per year), no risk-free rate');
  return lines.join('\n') + '\n';
}

export function formatMonteCarlo(m: MonteCarloReport, timing: { elapsedMs: number; workers: number }): string {
  const span = (d: Distribution, f: (x: number | null) => string) => `${f(d.median)}  [${f(d.p2_5)} … ${f(d.p97_5)}]`;
  const lines = [
    `Monte Carlo: ${m.scenarios.toLocaleString('en')} scenarios (${m.method}), seed ${m.seed}, ${(timing.elapsedMs / 1000).toFixed(1)} s (this thread${timing.workers ? ` and ${timing.workers} worker thread${timing.workers === 1 ? '' : 's'}` : ' only'})`,
    `  median [95 % interval]`,
    `  total return        ${span(m.total_return, pct)}`,
    `  Sharpe              ${span(m.sharpe, (x) => num(x))}`,
    `  max drawdown        ${span(m.max_drawdown, plainPct)}`,
    `  buy & hold return   ${span(m.buy_and_hold_return, pct)}`,
    `  VaR 95 ${plainPct(m.var_95)}, CVaR 95 ${plainPct(m.cvar_95)} (losses of the start)`,
    `  P(loss) ${plainPct(m.prob_loss)}, P(ruin: equity below ${plainPct(m.ruin_threshold)} of the start) ${plainPct(m.prob_ruin)}, P(beats buy & hold) ${plainPct(m.prob_beats_buy_and_hold)}`,
  ];
  for (const [method, s] of Object.entries(m.by_method)) lines.push(`  ${method.padEnd(10)} median return ${pct(s.total_return.median)}, P(loss) ${plainPct(s.prob_loss)}, VaR 95 ${plainPct(s.var_95)}`);
  return lines.join('\n') + '\n';
}
