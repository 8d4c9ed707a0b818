import { z } from 'zod';
import type { LabRequest } from '../../lab/lab-request.js';
import type { LabRun, LabService } from '../../lab/lab-service.js';
import { notFound } from './api-errors.js';
import { symbolInput } from './api-schemas.js';
import { idempotencyHeaders, once, type IdempotencyStore } from './idempotency.js';
import type { RouteKit } from './route-kit.js';

export interface LabRouteDeps {
  lab: Pick<LabService, 'submit' | 'get'>;
  idempotency: IdempotencyStore;
}

const TYPES = ['backtest', 'monte_carlo', 'rl'] as const;
const STATUSES = ['queued', 'running', 'done', 'failed'] as const;
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?$/, 'must be a UTC date such as 2021-03-01');

const runView = z.object({
  id: z.string(),
  type: z.enum(TYPES),
  title: z.string().describe('What runs, in words: "RSI reversion on BTC/USDT, 2021"'),
  status: z.enum(STATUSES),
  progress: z.number().min(0).max(1),
  poll_url: z.string().describe('GET it until status is done or failed'),
  created_at: z.string(),
  updated_at: z.string(),
  result: z.record(z.string(), z.unknown()).nullable().describe('When done: the report (the backtest CLI’s JSON report; the Monte Carlo summary and a histogram of returns; the RL walk-forward report) and the chart series'),
  error: z.object({ code: z.string(), message: z.string() }).nullable().describe('When failed'),
});

const typeOf = (run: LabRun): (typeof TYPES)[number] => (run.kind === 'monte-carlo' ? 'monte_carlo' : run.kind);

function view(run: LabRun): z.input<typeof runView> {
  return {
    id: run.id,
    type: typeOf(run),
    title: run.title,
    status: run.status,
    progress: run.progress,
    poll_url: `/api/v1/backtests/${run.id}`,
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    result: (run.result as unknown as Record<string, unknown> | undefined) ?? null,
    error: run.error ?? null,
  };
}

/** POST /backtests and GET /backtests/{id}: the lab as the chat uses it, run in a job, polled here. */
export function registerLabRoutes(kit: RouteKit, deps: LabRouteDeps): void {
  kit.add(
    {
      method: 'POST', url: '/backtests', tag: 'lab', auth: true,
      summary: 'Start a backtest (or a Monte Carlo run on one, or the RL agent’s walk-forward) on the bundled hourly candles; poll the answer’s poll_url. One run at a time per user (409 while one is going)',
      headers: idempotencyHeaders,
      body: z
        .object({
          type: z.enum(TYPES).default('backtest'),
          strategy: z.string().min(1).max(40).optional().describe('ema-cross or rsi-reversion (ema, rsi); not for rl'),
          symbol: symbolInput.describe('A pair with bundled candles: BTC/USDT, ETH/USDT, SOL/USDT, XRP/USDT, ADA/USDT'),
          year: z.number().int().min(2009).max(2100).optional(),
          from: date.optional(),
          to: date.optional(),
          params: z.record(z.string().max(20), z.number().finite()).optional().describe('Strategy parameters, e.g. {"period": 14, "lower": 30, "upper": 70}'),
          scenarios: z.number().int().min(10).max(5000).optional().describe('monte_carlo: default 500'),
          seed: z.number().int().min(0).max(2147483647).optional().describe('monte_carlo and rl: default 1; the same seed gives the same figures'),
          episodes: z.number().int().min(1).max(10).optional().describe('rl: training episodes, default 2'),
        })
        .refine((b) => b.type === 'rl' || b.strategy !== undefined, { message: 'a backtest or a Monte Carlo run needs a strategy', path: ['strategy'] })
        .refine((b) => b.year === undefined || (b.from === undefined && b.to === undefined), { message: 'give a year, or from and to, not both', path: ['year'] }),
      responses: { 202: runView },
      errors: [400, 409, 422],
    },
    async ({ body, headers, session }) =>
      once(deps.idempotency, { userId: session.user.id, route: 'POST /backtests', key: headers['idempotency-key'], request: body }, async () => {
        const backtest = {
          strategy: body.strategy ?? '',
          symbol: body.symbol,
          ...(body.year !== undefined ? { year: body.year } : {}),
          ...(body.from !== undefined ? { from: body.from } : {}),
          ...(body.to !== undefined ? { to: body.to } : {}),
          ...(body.params ? { params: body.params } : {}),
        };
        const request: LabRequest =
          body.type === 'rl'
            ? { kind: 'rl', symbol: body.symbol, ...(body.episodes !== undefined ? { episodes: body.episodes } : {}), ...(body.seed !== undefined ? { seed: body.seed } : {}) }
            : body.type === 'monte_carlo'
              ? { kind: 'monte-carlo', backtest, ...(body.scenarios !== undefined ? { scenarios: body.scenarios } : {}), ...(body.seed !== undefined ? { seed: body.seed } : {}) }
              : { kind: 'backtest', backtest };
        return { status: 202, body: view(await deps.lab.submit(session.user.id, request)) };
      }),
  );

  kit.add(
    {
      method: 'GET', url: '/backtests/:id', tag: 'lab', auth: true,
      summary: 'A lab run: its status and progress, and its result once done (your runs only)',
      params: z.object({ id: z.string().regex(/^[0-9A-Za-z]{16}$/, 'must be a run id') }),
      responses: { 200: runView },
      errors: [400, 404],
    },
    async ({ params, session }) => {
      const run = await deps.lab.get(session.user.id, params.id);
      if (!run) throw notFound('That run');
      return { status: 200, body: view(run) };
    },
  );
}
