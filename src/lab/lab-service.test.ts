import { describe, expect, it } from 'vitest';
import type { NewNotification } from '../notifications/notification.js';
import { projectPath } from '../shared/project-paths.js';
import { silentLogger } from '../shared/logger.js';
import { CandleFolder } from './lab-candles.js';
import type { BacktestRequest, LabRequest } from './lab-request.js';
import { LAB_EVENTS, LabService, type LabProgressEvent, type LabRun } from './lab-service.js';
import { histogram, runLab, type LabResult, type LabWorkDeps, type RlTrainer } from './lab-work.js';

const candles = new CandleFolder(projectPath('data/candles'));
/** Stands in for the DQN: always holds (action 0), one call per episode told. */
const holdingTrainer: RlTrainer = async (_env, { episodes, onEpisode }) => {
  for (let e = 1; e <= episodes; e++) onEpisode(e);
  return { act: () => 0, describe: () => 'always hold', dispose: () => {} };
};
const work: LabWorkDeps = { candles, train: holdingTrainer, feeRate: 0.001, cash: 10_000 };
const RSI_2021: LabRequest = { kind: 'backtest', backtest: { strategy: 'rsi', symbol: 'btc', year: 2021 } };

async function progressOf(request: LabRequest): Promise<{ result: LabResult; steps: number[] }> {
  const steps: number[] = [];
  const result = await runLab(request, work, (p) => steps.push(p));
  return { result, steps };
}

describe('the lab’s work', () => {
  it('backtests RSI on BTC for 2021 on the bundled candles, with progress up to 1, the curve beside buy-and-hold, and a note that 2021 is partly covered', async () => {
    const { result, steps } = await progressOf(RSI_2021);
    expect(steps.length).toBeGreaterThanOrEqual(2);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(1);
    if (result.kind !== 'backtest') throw new Error(result.kind);
    expect(result.title).toBe('RSI reversion on BTC/USDT, 2021');
    expect(result.report.strategy.name).toBe('rsi-reversion');
    expect(result.report.period.start).toBe('2021-01-01T00:00:00.000Z');
    expect(result.note).toBe('The bundled data covers 2021-01-01 → 2021-07-17 of 2021.');
    expect(result.curve.length).toBeLessThanOrEqual(401);
    expect(result.curve.length).toBeGreaterThan(300);
    // The last point is the report's own final equity and buy-and-hold return.
    const last = result.curve.at(-1)!;
    expect(last.strategy).toBeCloseTo(result.report.final_equity, 1);
    expect(last.hold / 10_000 - 1).toBeCloseTo(result.report.buy_and_hold_return, 4);
  });

  it('gives the same Monte Carlo figures for the same seed, and other figures for another seed', async () => {
    const request = (seed: number): LabRequest => ({ kind: 'monte-carlo', backtest: { strategy: 'ema', symbol: 'ETH/USDT', from: '2021-03-01', to: '2021-05-01' }, scenarios: 30, seed });
    const [a, b, c] = await Promise.all([runLab(request(7), work), runLab(request(7), work), runLab(request(8), work)]);
    if (a.kind !== 'monte-carlo' || b.kind !== 'monte-carlo' || c.kind !== 'monte-carlo') throw new Error('not a Monte Carlo result');
    expect(a.report.scenarios).toBe(30);
    expect(a.report.var_95).not.toBeNull();
    expect(b.report).toEqual(a.report);
    expect(b.histogram).toEqual(a.histogram);
    expect(c.report.total_return).not.toEqual(a.report.total_return);
    expect(a.histogram.reduce((n, bin) => n + bin.count, 0)).toBe(30);
  });

  it('reports Monte Carlo progress in steps, ending at 1', async () => {
    const { steps } = await progressOf({ kind: 'monte-carlo', backtest: { strategy: 'rsi', symbol: 'SOL', year: 2021 }, scenarios: 20, seed: 1 });
    expect(steps.length).toBeGreaterThan(10);
    expect(steps.at(-1)).toBe(1);
  });

  it('runs the RL walk-forward with one progress step per training episode', async () => {
    const { result, steps } = await progressOf({ kind: 'rl', symbol: 'BTC/USDT', episodes: 3, seed: 1 });
    if (result.kind !== 'rl') throw new Error(result.kind);
    expect(result.report.policy).toBe('always hold');
    expect(result.report.agent.totalReturn).toBe(0);
    expect(steps.filter((s) => s > 0.05 && s < 1)).toHaveLength(3);
  });

  it('refuses clearly: an unknown strategy, a coin with no bundled candles, a period without data', async () => {
    const backtest = (b: Partial<BacktestRequest>): LabRequest => ({ kind: 'backtest', backtest: { strategy: 'rsi', symbol: 'BTC', year: 2021, ...b } });
    await expect(runLab(backtest({ strategy: 'macd' }), work)).rejects.toMatchObject({ code: 'lab.unknown_strategy' });
    const { service } = serviceWith();
    await expect(service.submit(1, backtest({ strategy: 'macd' }))).rejects.toMatchObject({ code: 'lab.unknown_strategy', userMessage: expect.stringContaining('ema-cross and rsi-reversion') });
    await expect(service.submit(1, backtest({ symbol: 'doge' }))).rejects.toMatchObject({ code: 'lab.unknown_symbol', userMessage: 'I have no price history for DOGE/USDT to test on (I have ADA, BTC, ETH, SOL, XRP).' });
    await expect(service.submit(1, backtest({ year: 2019 }))).rejects.toMatchObject({ code: 'lab.no_data', userMessage: 'I have BTC/USDT prices from 2020-12-01 to 2021-07-17 only: too few for 2019.' });
    await expect(service.submit(1, backtest({ year: undefined, from: '2021-07-17', to: '2021-08-01' }))).rejects.toMatchObject({ code: 'lab.no_data' });
    await expect(service.submit(1, backtest({ year: undefined, from: '2021-13-45' }))).rejects.toMatchObject({ code: 'lab.invalid' });
    await expect(service.submit(1, { kind: 'monte-carlo', backtest: { strategy: 'rsi', symbol: 'BTC' }, scenarios: 1e9 })).rejects.toMatchObject({ code: 'lab.invalid' });
  });

  it('bins values into equal-width bins that hold every value', () => {
    const bins = histogram([0, 0.1, 0.2, 0.2, 1, Number.NaN], 5);
    expect(bins.map((b) => b.count)).toEqual([2, 2, 0, 0, 1]);
    expect(bins[0]!.from).toBe(0);
    expect(bins[4]!.to).toBeCloseTo(1, 12);
  });
});

function serviceWith(options: { progressEveryMs?: number } = {}) {
  const runs = new Map<string, LabRun>();
  const last = new Map<string, BacktestRequest>();
  const active = new Map<string, string>();
  const published: NewNotification[] = [];
  const queued: string[] = [];
  let now = Date.UTC(2026, 11, 2);
  let ids = 0;
  const service = new LabService({
    runs: { read: async (id) => runs.get(id), write: async (id, run) => void runs.set(id, structuredClone(run)) },
    last: { read: async (k) => last.get(k), write: async (k, v) => void last.set(k, v) },
    active: { read: async (k) => active.get(k), write: async (k, v) => void active.set(k, v) },
    outbox: { publish: async (n) => (published.push(...n), n.length) },
    enqueue: async (id) => void queued.push(id),
    work,
    // Every look at the clock is a second later: the throttle lets every other progress step through.
    clock: { now: () => (now += 1000) },
    newId: () => `run${++ids}`,
    logger: silentLogger(),
    ...options,
  });
  return { service, runs, published, queued, skip: (ms: number) => void (now += ms) };
}

describe('the lab service', () => {
  it('stores a queued run, lets the caller act before the job is queued, runs it to done, and tells throttled, rising progress', async () => {
    const { service, runs, published, queued } = serviceWith({ progressEveryMs: 1500 });
    const order: string[] = [];
    const run = await service.submit(42, { kind: 'monte-carlo', backtest: { strategy: 'rsi', symbol: 'BTC', year: 2021 }, scenarios: 40 }, { beforeStart: async (r) => void order.push(`before:${r.status}:${queued.length}`) });
    expect(order).toEqual(['before:queued:0']);
    expect(queued).toEqual([run.id]);
    expect(run).toMatchObject({ status: 'queued', progress: 0, kind: 'monte-carlo', title: 'Monte Carlo of RSI reversion on BTC/USDT, 2021' });
    expect(run.request).toMatchObject({ seed: 1, scenarios: 40, backtest: { strategy: 'rsi-reversion', symbol: 'BTC/USDT' } });

    await service.execute(run.id);
    const done = runs.get(run.id)!;
    expect(done.status).toBe('done');
    expect(done.progress).toBe(1);
    expect(done.result?.kind).toBe('monte-carlo');

    const progress = published.filter((n) => n.kind === LAB_EVENTS.progress).map((n) => (n.payload as LabProgressEvent).progress);
    expect(progress.length).toBeGreaterThan(3);
    // Fewer tells than steps (about 50 chunks), each figure higher than the last (no edit to the same text).
    expect(progress.length).toBeLessThan(40);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThan(progress[i - 1]!);
    expect(published.at(-1)).toMatchObject({ kind: LAB_EVENTS.finished, userId: 42, subject: `lab:${run.id}`, urgent: true });
    expect(new Set(published.map((n) => n.key)).size).toBe(published.length);

    // A re-delivered job leaves a finished run alone.
    const before = published.length;
    await service.execute(run.id);
    expect(published).toHaveLength(before);
  });

  it('runs one at a time per person: a second ask while the first is going is refused, then allowed once it ends or is lost', async () => {
    const { service, skip } = serviceWith();
    const first = await service.submit(5, RSI_2021);
    await expect(service.submit(5, RSI_2021)).rejects.toMatchObject({ code: 'lab.busy', userMessage: '“RSI reversion on BTC/USDT, 2021” is still running (0%). One run at a time: ask again when it has finished.' });
    // Someone else is not held up.
    await service.submit(6, RSI_2021);
    await service.execute(first.id);
    const second = await service.submit(5, RSI_2021);
    // A run whose process died stops blocking after ten minutes without news.
    skip(11 * 60_000);
    expect((await service.submit(5, RSI_2021)).id).not.toBe(second.id);
  });

  it('keeps each user’s runs to themselves', async () => {
    const { service } = serviceWith();
    const run = await service.submit(1, RSI_2021);
    expect(await service.get(1, run.id)).toMatchObject({ id: run.id });
    expect(await service.get(2, run.id)).toBeUndefined();
  });

  it('"monte carlo on that" takes the user’s last backtest, and says so when there is none', async () => {
    const { service } = serviceWith();
    await expect(service.monteCarloOnLast(7)).rejects.toMatchObject({ code: 'lab.nothing_before' });
    await service.submit(7, RSI_2021);
    expect(await service.monteCarloOnLast(7)).toEqual({ kind: 'monte-carlo', backtest: { strategy: 'rsi-reversion', symbol: 'BTC/USDT', year: 2021 } });
    expect(await service.rlOnLast(7)).toEqual({ kind: 'rl', symbol: 'BTC/USDT' });
    expect(await service.rlOnLast(8)).toEqual({ kind: 'rl', symbol: 'BTC/USDT' });
  });

  it('stores a failed run with its reason and tells it', async () => {
    const { service, runs, published } = serviceWith();
    const run = await service.submit(3, RSI_2021);
    // The run's data vanished between the check and the job (a broken deployment).
    runs.set(run.id, { ...runs.get(run.id)!, request: { kind: 'backtest', backtest: { strategy: 'rsi-reversion', symbol: 'ZZZ/USDT' } } });
    await service.execute(run.id);
    expect(runs.get(run.id)).toMatchObject({ status: 'failed', error: { code: 'lab.unknown_symbol' } });
    expect(published.at(-1)).toMatchObject({ kind: LAB_EVENTS.failed });
  });
});
