import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CandleFolder } from '../../lab/lab-candles.js';
import { runLab, type LabWorkDeps } from '../../lab/lab-work.js';
import { projectPath } from '../../shared/project-paths.js';
import { labCharts, labProgressText, labResultCard } from './lab-messages.js';

const work: LabWorkDeps = {
  candles: new CandleFolder(projectPath('data/candles')),
  train: async () => ({ act: () => 0, describe: () => 'always hold', dispose: () => {} }),
  feeRate: 0.001,
  cash: 10_000,
};
const isPng = (png: Buffer, width: number, height: number) => png.subarray(1, 4).toString() === 'PNG' && png.readUInt32BE(16) === width && png.readUInt32BE(20) === height;

describe('the lab in the chat', () => {
  it('shows progress as a percentage and a bar, each step a different text', () => {
    expect(labProgressText('RSI reversion on BTC/USDT, 2021', 0)).toBe('⏳ Backtesting RSI reversion on BTC/USDT, 2021… 0%\n░░░░░░░░░░');
    expect(labProgressText('Monte Carlo of EMA cross on ETH/USDT, 2021', 0.456)).toBe('⏳ Running a Monte Carlo of EMA cross on ETH/USDT, 2021… 45%\n▓▓▓▓▓░░░░░');
    expect(labProgressText('x', 0.41)).not.toBe(labProgressText('x', 0.42));
  });

  it('answers a backtest with a card of trader figures beside buy-and-hold and the look-ahead verdict, and a readable equity chart', async () => {
    const result = await runLab({ kind: 'backtest', backtest: { strategy: 'rsi', symbol: 'BTC', year: 2021 } }, work);
    const card = labResultCard(result);
    if (process.env.SHOW_CHAT) console.log(card);
    expect(card).toContain('<b>RSI reversion on BTC/USDT, 2021</b>');
    expect(card).toMatch(/<b>Total return [+−]\d+\.\d%<\/b> {2}\(buy &amp; hold [+−]\d+\.\d%\)/);
    expect(card).toMatch(/CAGR [+−]\d+\.\d% · max drawdown \d+\.\d%/);
    expect(card).toMatch(/Sharpe −?\d\.\d\d \(hold −?\d\.\d\d\) · Sortino/);
    expect(card).toMatch(/Win rate \d+% of \d+ trades · exposure \d+%/);
    expect(card).toContain('Look-ahead guard: 16 cuts re-run, no signal changed.');
    expect(card).toContain('The bundled data covers 2021-01-01 → 2021-07-17 of 2021.');
    const [chart] = labCharts(result);
    const png = chart!.png();
    expect(isPng(png, 800, 500)).toBe(true);
    writeFileSync(join(tmpdir(), 'parley-backtest-chart.png'), png);
  });

  it('answers a Monte Carlo run with the spread, VaR and CVaR, and a histogram with both marked', async () => {
    const result = await runLab({ kind: 'monte-carlo', backtest: { strategy: 'rsi', symbol: 'BTC', year: 2021 }, scenarios: 300, seed: 1 }, work);
    const card = labResultCard(result);
    if (process.env.SHOW_CHAT) console.log(card);
    expect(card).toMatch(/300 made-up markets .* seed 1: the same seed gives the same figures/);
    expect(card).toMatch(/VaR 95: lost \d+\.\d% or more in the worst 5% · CVaR 95 \(their average\): \d+\.\d%/);
    const [chart] = labCharts(result);
    const png = chart!.png();
    expect(isPng(png, 800, 500)).toBe(true);
    writeFileSync(join(tmpdir(), 'parley-monte-carlo-chart.png'), png);
  });

  it('answers the RL agent with its out-of-sample figures beside both baselines', async () => {
    const result = await runLab({ kind: 'rl', symbol: 'ETH', episodes: 1 }, work);
    const card = labResultCard(result);
    expect(card).toMatch(/<b>RL agent: \+0\.0% · max DD 0\.0% · Sharpe — · 0 orders<\/b>/);
    expect(card).toContain('buy-and-hold: ');
    expect(card).toContain('EMA cross 12/26: ');
    expect(labCharts(result)).toEqual([]);
  });
});
