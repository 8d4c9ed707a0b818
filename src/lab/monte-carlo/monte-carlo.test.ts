import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CandleSeries } from '../../market/candle-file.js';
import { loadCandleFile } from '../../market/candle-file.js';
import { projectPath, projectRoot } from '../../shared/project-paths.js';
import { candleRange } from '../candle-slice.js';
import { blockBootstrap } from './block-bootstrap.js';
import { candleShapes } from './candle-shapes.js';
import { defaultWorkers, runMonteCarlo, type MonteCarloOptions } from './monte-carlo.js';
import { closeVolatility, priceNoise } from './price-noise.js';
import { scenarioRandom } from './random.js';
import { estimateRegimes, regimePools, regimeScenario } from './regimes.js';
import { WIDTH } from './scenario.js';
import { summarize } from './summary.js';

const btcAll = await loadCandleFile(projectPath('data/candles/binance_BTC-USDT_1h.csv.gz'));
/** ~2 months: enough for every method, small enough for fast tests. */
const btc = candleRange(btcAll, 0, 1500);
const OPTIONS: MonteCarloOptions = { strategy: { name: 'ema-cross', params: { fast: 12, slow: 26 } }, cash: 10_000, feeRate: 0.001, scenarios: 30, seed: 7 };

function expectValidCandles(c: CandleSeries, length: number): void {
  expect(c.length).toBe(length);
  for (let i = 0; i < c.length; i++) {
    const [o, h, l, cl, v] = [c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!, c.volume[i]!];
    if (!(l > 0 && l <= Math.min(o, cl) * (1 + 1e-12) && h >= Math.max(o, cl) * (1 - 1e-12) && v >= 0 && Number.isFinite(h))) throw new Error(`candle ${i} is not valid: ${[o, h, l, cl, v]}`);
  }
}

describe('scenario generators', () => {
  const shapes = candleShapes(btc);

  it('block bootstrap: the data\'s own candle moves, in runs of consecutive candles, from the same start', () => {
    const out = blockBootstrap(btc, shapes, 24, scenarioRandom(1, 0));
    expectValidCandles(out, btc.length);
    expect(out.close[0]).toBe(btc.close[0]);
    const moves = new Map<string, number>();
    for (let i = 1; i < btc.length; i++) moves.set((btc.close[i]! / btc.close[i - 1]!).toFixed(9), i);
    let consecutive = 0;
    let previous = -1;
    for (let i = 1; i < out.length; i++) {
      const source = moves.get((out.close[i]! / out.close[i - 1]!).toFixed(9));
      expect(source, `move ${i}`).toBeDefined();
      if (source === previous + 1) consecutive++;
      previous = source!;
    }
    expect(consecutive / out.length).toBeGreaterThan(0.9); // blocks of 24: ~23 of 24 follow on
    expect(out.close[out.length - 1]).not.toBe(btc.close[btc.length - 1]);
  });

  it('noise: the same path with jittered prices and volumes; zero noise gives the data back', () => {
    const vol = closeVolatility(shapes);
    expect(vol).toBeGreaterThan(0.002);
    expect(vol).toBeLessThan(0.05);
    const same = priceNoise(btc, vol, { priceNoise: 0, volumeNoise: 0 }, scenarioRandom(1, 1));
    expect(same.close).toEqual(btc.close);
    expect(same.volume).toEqual(btc.volume);
    const noisy = priceNoise(btc, vol, { priceNoise: 0.25, volumeNoise: 0.25 }, scenarioRandom(1, 1));
    expectValidCandles(noisy, btc.length);
    const logDiff = Array.from(noisy.close, (c, i) => Math.log(c / btc.close[i]!));
    const sd = Math.sqrt(logDiff.reduce((a, d) => a + d * d, 0) / logDiff.length);
    expect(sd).toBeGreaterThan(0.2 * vol);
    expect(sd).toBeLessThan(0.3 * vol);
  });

  it('regimes: estimated from the data, crash falls fastest and swings most, the chain is a proper one', () => {
    const model = estimateRegimes(btcAll, candleShapes(btcAll));
    const { calm, trending, crash } = model.params;
    expect(model.window).toBe(168);
    expect(crash.share).toBeCloseTo(0.1, 2);
    expect(trending.share).toBeCloseTo(0.25, 2);
    expect(calm.share + trending.share + crash.share).toBeCloseTo(1, 12);
    expect(crash.drift).toBeLessThan(calm.drift);
    expect(trending.drift).toBeGreaterThan(calm.drift);
    expect(crash.volatility).toBeGreaterThan(calm.volatility);
    for (const row of model.transitions) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // Regimes last: staying is far likelier than leaving.
    model.transitions.forEach((row, k) => expect(row[k]).toBeGreaterThan(0.9));
    const out = regimeScenario(btcAll, candleShapes(btcAll), model, regimePools(model), scenarioRandom(3, 2));
    expectValidCandles(out, btcAll.length);
  });
});

describe('summarize', () => {
  it('VaR, CVaR, probabilities of loss and ruin, worked on 20 scenarios', () => {
    // Returns −0.50, −0.45, …, +0.45; lowest equity ratio 1 + return; buy and hold 0 each.
    const rows = new Float64Array(20 * WIDTH);
    for (let i = 0; i < 20; i++) {
      const r = -0.5 + 0.05 * i;
      rows.set([0, r, 1, 1, 0.1, 1 + r, 3, 0.5, 0.5, 0], i * WIDTH);
    }
    const s = summarize(rows, 0.58);
    expect(s.scenarios).toBe(20);
    // 5th percentile (numpy): rank 0.95 between −0.50 and −0.45 → −0.4525.
    expect(s.var_95).toBeCloseTo(0.4525, 12);
    expect(s.cvar_95).toBeCloseTo(0.5, 12); // the worst ⌈5 % · 20⌉ = 1 scenario
    expect(s.prob_loss).toBe(10 / 20); // −0.50 … −0.05
    expect(s.prob_ruin).toBe(2 / 20); // lowest ratio below 0.58: returns −0.50 and −0.45
    expect(s.prob_beats_buy_and_hold).toBe(9 / 20); // +0.05 … +0.45
    expect(s.total_return.median).toBeCloseTo(-0.025, 12);
    expect(s.interval_95.total_return![0]).toBeCloseTo(-0.5 + 0.05 * 0.475, 12);
  });
});

describe('runMonteCarlo', () => {
  it('gives the same figures for the same seed, and others for another seed', async () => {
    const [a, b, c] = await Promise.all([runMonteCarlo(btc, OPTIONS), runMonteCarlo(btc, OPTIONS), runMonteCarlo(btc, { ...OPTIONS, seed: 8 })]);
    expect(b.report).toEqual(a.report);
    expect(b.rows).toEqual(a.rows);
    expect(c.report.total_return).not.toEqual(a.report.total_return);
    expect(a.report.scenarios).toBe(30);
    expect(Object.keys(a.report.by_method)).toEqual(['bootstrap', 'noise', 'regime']);
    expect(a.report.by_method.noise!.scenarios).toBe(10);
    expect(a.report.parameters.block_length).toBe(11); // ∛1499
    expect(a.report.ruin_threshold).toBe(0.5);
    expect(a.report.var_95).not.toBeNull();
    expect(JSON.parse(JSON.stringify(a.report))).toEqual(a.report); // plain data: no NaN, no Infinity
  });

  it('gives the same rows on worker threads as in this thread', async () => {
    const options = { ...OPTIONS, scenarios: 24 };
    const [inline, threads, shared] = await Promise.all([
      runMonteCarlo(btc, options),
      // Every scenario on the two workers: this thread only hands out the ranges.
      runMonteCarlo(btc, { ...options, workers: 2, thisThreadToo: false }),
      runMonteCarlo(btc, { ...options, workers: 1 }),
    ]);
    expect(threads.rows).toEqual(inline.rows);
    expect(threads.report).toEqual(inline.report);
    expect(shared.rows).toEqual(inline.rows);
  });

  it('stays in this thread by default for a short run (threads take seconds to start under tsx)', () => {
    expect(defaultWorkers(1000, 8760, 2)).toBe(0);
    expect(defaultWorkers(10_000, 8760, 2)).toBe(1);
    expect(defaultWorkers(10_000, 8760, 1)).toBe(0);
    expect(defaultWorkers(10_000, 8760, 32)).toBe(8);
  });

  it('refuses bad options with a clear message', async () => {
    await expect(runMonteCarlo(btc, { ...OPTIONS, scenarios: 0 })).rejects.toThrow(/number of scenarios must be an integer from 1/);
    await expect(runMonteCarlo(btc, { ...OPTIONS, seed: -1 })).rejects.toThrow(/seed must be an integer/);
    await expect(runMonteCarlo(btc, { ...OPTIONS, ruinThreshold: 1.5 })).rejects.toThrow(/ruin threshold/);
    await expect(runMonteCarlo(btc, { ...OPTIONS, strategy: { name: 'ema-cross', params: { fast: 30 } } })).rejects.toThrow(/fast \(30\) must be shorter/);
    await expect(runMonteCarlo(candleRange(btc, 0, 20), OPTIONS)).rejects.toThrow(/at least 30 candles/);
  });
});

describe('under node --import tsx, as the CLI runs', () => {
  const node = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', ...args], { cwd: projectRoot(), maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });

  it('gives the same figures on 1 and on 2 worker threads (the workers doing every scenario)', async () => {
    const script = `
      import { loadCandleFile } from ${JSON.stringify(pathToFileURL(projectPath('src/market/candle-file.ts')).href)};
      import { runMonteCarlo } from ${JSON.stringify(pathToFileURL(projectPath('src/lab/monte-carlo/monte-carlo.ts')).href)};
      import { candleRange } from ${JSON.stringify(pathToFileURL(projectPath('src/lab/candle-slice.ts')).href)};
      const candles = candleRange(await loadCandleFile('data/candles/binance_ETH-USDT_1h.csv.gz'), 0, 1500);
      const options = { strategy: { name: 'rsi-reversion', params: {} }, cash: 10000, feeRate: 0.001, scenarios: 40, seed: 11, thisThreadToo: false };
      const [one, two] = await Promise.all([runMonteCarlo(candles, { ...options, workers: 1 }), runMonteCarlo(candles, { ...options, workers: 2 })]);
      process.stdout.write(JSON.stringify({ one: one.report, two: two.report, same: one.rows.every((x, i) => Object.is(x, two.rows[i])) }));
    `;
    const result = await node(['--input-type=module', '-e', script]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { one, two, same } = JSON.parse(result.stdout);
    expect(same).toBe(true);
    expect(two).toEqual(one);
    expect(one.scenarios).toBe(40);
  });

  it('npm run -s backtest -- … --monte-carlo N --seed S --json: the backtest and the Monte Carlo in one JSON object', async () => {
    const result = await node([projectPath('src/lab/backtest-cli.ts'), '--csv', 'data/candles/binance_BTC-USDT_1h.csv.gz', '--to', '2021-02-02', '--strategy', 'ema-cross', '--monte-carlo', '30', '--seed', '7', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.trades_closed).toBeGreaterThan(0);
    expect(out.monte_carlo_timing).toEqual({ elapsed_ms: expect.any(Number), workers: expect.any(Number) });
    const { report } = await runMonteCarlo(candleRange(btcAll, 0, out.candles), OPTIONS);
    expect(out.candles).toBe(1508); // 2020-12-01 → 2021-02-01 23:00: 1,512 hours, 4 missing in the data
    expect(out.monte_carlo).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
