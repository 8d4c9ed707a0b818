import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../../test/support/in-process-app.js';

type Run = { id: string; type: string; title: string; status: string; progress: number; poll_url: string; result: Record<string, unknown> | null; error: { code: string; message: string } | null };

/** POST /api/v1/backtests and polling GET /api/v1/backtests/{id}, over loopback HTTP on the app in this process. */
describe('REST API v1: the lab', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  let root = '';
  const tokens: string[] = [];

  beforeAll(async () => {
    h = await inProcessApp({ API_RATE_LIMIT_PER_MINUTE: '100000', JWT_SECRET: 'lab-secret-of-at-least-thirty-two-chars!' });
    root = await h.app.server.listen({ port: 0, host: '127.0.0.1' });
    for (const email of ['lab-a@example.com', 'lab-b@example.com']) {
      const registered = await fetch(`${root}/api/v1/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'lab password' }) });
      tokens.push(((await registered.json()) as { access_token: string }).access_token);
    }
  }, 60_000);
  afterAll(async () => {
    await h?.app.server.close();
    await h?.close();
  });

  const call = async (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${root}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, body: (await response.json()) as Run & { error: { code: string; message: string } } };
  };
  /** Polls the run until it ends (the job runs on the in-process queue's timers). */
  const finished = async (run: Run, token: string): Promise<Run> => {
    for (let i = 0; i < 3000; i++) {
      const polled = await call('GET', run.poll_url, token);
      expect(polled.status).toBe(200);
      if (polled.body.status === 'done' || polled.body.status === 'failed') return polled.body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the run did not end');
  };

  it('answers 202 with a run to poll, which ends done with the report and the curve; another user cannot read it', async () => {
    const started = await call('POST', '/api/v1/backtests', tokens[0]!, { strategy: 'rsi', symbol: 'BTC', year: 2021 });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ type: 'backtest', title: 'RSI reversion on BTC/USDT, 2021', status: 'queued', progress: 0, poll_url: `/api/v1/backtests/${started.body.id}`, result: null, error: null });
    const done = await finished(started.body, tokens[0]!);
    expect(done.status).toBe('done');
    expect(done.progress).toBe(1);
    expect(done.result).toMatchObject({ kind: 'backtest', report: { symbol: 'BTC/USDT', strategy: { name: 'rsi-reversion' }, lookahead: { flagged: [] } } });
    expect((done.result!.curve as unknown[]).length).toBeGreaterThan(300);
    expect(await call('GET', started.body.poll_url, tokens[1]!)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  }, 120_000);

  it('gives the same Monte Carlo figures for the same seed', async () => {
    const ask = { type: 'monte_carlo', strategy: 'ema-cross', symbol: 'ETH/USDT', from: '2021-02-01', to: '2021-05-01', scenarios: 150, seed: 11 };
    const a = await call('POST', '/api/v1/backtests', tokens[0]!, ask);
    // One run at a time: a second while the first is going is a conflict.
    expect(await call('POST', '/api/v1/backtests', tokens[0]!, ask)).toMatchObject({ status: 409, body: { error: { code: 'lab.busy' } } });
    const ra = await finished(a.body, tokens[0]!);
    const b = await call('POST', '/api/v1/backtests', tokens[0]!, ask);
    const rb = await finished(b.body, tokens[0]!);
    expect(ra.id).not.toBe(rb.id);
    expect((ra.result as { report: { seed: number } }).report.seed).toBe(11);
    expect(rb.result!.report).toEqual(ra.result!.report);
    expect(rb.result!.histogram).toEqual(ra.result!.histogram);
  }, 120_000);

  it('answers the same run again for the same Idempotency-Key', async () => {
    const ask = { strategy: 'ema', symbol: 'SOL/USDT', year: 2021 };
    const first = await call('POST', '/api/v1/backtests', tokens[1]!, ask, { 'idempotency-key': 'lab-once-1' });
    const again = await call('POST', '/api/v1/backtests', tokens[1]!, ask, { 'idempotency-key': 'lab-once-1' });
    expect(again.body.id).toBe(first.body.id);
    await finished(first.body, tokens[1]!);
  }, 60_000);

  it('refuses bad input with the one error shape: no strategy, an unknown strategy, a coin without history, a period without data', async () => {
    expect(await call('POST', '/api/v1/backtests', tokens[0]!, { symbol: 'BTC' })).toMatchObject({ status: 400, body: { error: { code: 'request.invalid' } } });
    expect(await call('POST', '/api/v1/backtests', tokens[0]!, { strategy: 'macd', symbol: 'BTC' })).toMatchObject({ status: 422, body: { error: { code: 'lab.unknown_strategy' } } });
    expect(await call('POST', '/api/v1/backtests', tokens[0]!, { strategy: 'rsi', symbol: 'DOGE' })).toMatchObject({ status: 422, body: { error: { code: 'lab.unknown_symbol', message: expect.stringContaining('DOGE/USDT') } } });
    expect(await call('POST', '/api/v1/backtests', tokens[0]!, { strategy: 'rsi', symbol: 'BTC', year: 2019 })).toMatchObject({ status: 422, body: { error: { code: 'lab.no_data' } } });
    expect(await call('POST', '/api/v1/backtests', tokens[0]!, { strategy: 'rsi', symbol: 'BTC', params: { period: 0 } })).toMatchObject({ status: 422, body: { error: { code: 'strategy.invalid_params' } } });
    expect(await call('GET', '/api/v1/backtests/not-a-run', tokens[0]!)).toMatchObject({ status: 400 });
  }, 60_000);
});
