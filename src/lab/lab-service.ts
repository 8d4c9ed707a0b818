// The lab as a use case the chat, the API and the job share: a request is checked and stored as a
// run (queued), a job runs it (running, with progress), and the result or the error is stored for
// polling and published to the outbox, where the chat's progress message is edited in place.
import type { NewNotification } from '../notifications/notification.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { describeRequest, LabError, normalizeRequest, type BacktestRequest, type LabKind, type LabRequest } from './lab-request.js';
import { checkRequest, runLab, type LabResult, type LabWorkDeps } from './lab-work.js';

export type LabRunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface LabRun {
  id: string;
  userId: number;
  kind: LabKind;
  /** "RSI reversion on BTC/USDT, 2021" */
  title: string;
  request: LabRequest;
  status: LabRunStatus;
  /** 0..1 */
  progress: number;
  createdAt: string;
  updatedAt: string;
  result?: LabResult;
  error?: { code: string; message: string };
}

/** Runs by id (the database's key-value table, prefix lab-run:). */
export interface LabRunStore {
  read(id: string): Promise<LabRun | undefined>;
  write(id: string, run: LabRun): Promise<void>;
}

/** Each user's last backtest, so "monte carlo on that" knows what "that" is. */
export interface LastBacktestStore {
  read(userId: string): Promise<BacktestRequest | undefined>;
  write(userId: string, request: BacktestRequest): Promise<void>;
}

/** Each user's newest run id: one run at a time per person (the lab shares the CPU with the bot). */
export interface ActiveRunStore {
  read(userId: string): Promise<string | undefined>;
  write(userId: string, runId: string): Promise<void>;
}

/** A run not updated for this long is taken as lost (its process stopped): it no longer blocks a new one. */
const STALE_RUN_MS = 10 * 60_000;

export const LAB_EVENTS = { progress: 'lab.progress', finished: 'lab.finished', failed: 'lab.failed' } as const;

export interface LabProgressEvent {
  runId: string;
  title: string;
  progress: number;
}
export interface LabFinishedEvent {
  runId: string;
  title: string;
  result: LabResult;
}
export interface LabFailedEvent {
  runId: string;
  title: string;
  error: { code: string; message: string };
}

export interface LabServiceDeps {
  runs: LabRunStore;
  last: LastBacktestStore;
  active: ActiveRunStore;
  outbox: { publish(notifications: readonly NewNotification[]): Promise<number> };
  /** Queues the job that runs `runId` (the lab-run job calls execute). */
  enqueue: (runId: string) => Promise<void>;
  work: LabWorkDeps;
  clock: Clock;
  newId: () => string;
  logger: Logger;
  /** Progress is stored and told at most this often (default 1.5 s): an edit per tell, within Telegram's limits. */
  progressEveryMs?: number;
}

export const DEFAULT_PROGRESS_EVERY_MS = 1_500;

export class LabService {
  constructor(private readonly deps: LabServiceDeps) {}

  /**
   * Checks the request (strategy, coin, data in the period), stores it as a queued run and queues
   * its job. `beforeStart` runs between the two: the chat sends its progress message there, so the
   * job's first edit always finds it.
   */
  async submit(userId: number, given: LabRequest, options: { beforeStart?: (run: LabRun) => Promise<void> } = {}): Promise<LabRun> {
    const request = normalizeRequest(given);
    await checkRequest(request, this.deps.work.candles);
    const busy = await this.unfinished(userId);
    if (busy) throw new LabError('lab.busy', `“${busy.title}” is still running (${Math.floor(busy.progress * 100)}%). One run at a time: ask again when it has finished.`, { run: busy.id });
    const now = new Date(this.deps.clock.now()).toISOString();
    const run: LabRun = { id: this.deps.newId(), userId, kind: request.kind, title: describeRequest(request), request, status: 'queued', progress: 0, createdAt: now, updatedAt: now };
    await this.deps.runs.write(run.id, run);
    await this.deps.active.write(String(userId), run.id);
    if (request.kind !== 'rl') await this.deps.last.write(String(userId), request.backtest);
    await options.beforeStart?.(run);
    await this.deps.enqueue(run.id);
    return run;
  }

  /** The request for "monte carlo on that": the user's last backtest, or a LabError saying to run one first. */
  async monteCarloOnLast(userId: number, options: { scenarios?: number; seed?: number } = {}): Promise<LabRequest> {
    const backtest = await this.deps.last.read(String(userId));
    if (!backtest) throw new LabError('lab.nothing_before', 'There is no backtest to run a Monte Carlo on yet: run one first (a strategy, a coin and a period).');
    return { kind: 'monte-carlo', backtest, ...options };
  }

  /** The request for "how would the RL agent have done?": on the coin of the last backtest, else BTC. */
  async rlOnLast(userId: number, options: { episodes?: number; seed?: number } = {}): Promise<LabRequest> {
    const backtest = await this.deps.last.read(String(userId));
    return { kind: 'rl', symbol: backtest?.symbol ?? 'BTC/USDT', ...options };
  }

  /** The user's newest run while it is queued or running (and not lost). */
  private async unfinished(userId: number): Promise<LabRun | undefined> {
    const id = await this.deps.active.read(String(userId));
    const run = id === undefined ? undefined : await this.deps.runs.read(id);
    if (!run || run.status === 'done' || run.status === 'failed') return undefined;
    return this.deps.clock.now() - Date.parse(run.updatedAt) < STALE_RUN_MS ? run : undefined;
  }

  /** A run, if it is this user's (another's is as good as missing). */
  async get(userId: number, runId: string): Promise<LabRun | undefined> {
    const run = await this.deps.runs.read(runId);
    return run && run.userId === userId ? run : undefined;
  }

  /** The job's body: runs a queued run to its end. A run already finished (a re-delivered job) is left as it is. */
  async execute(runId: string): Promise<void> {
    const { runs, clock, logger } = this.deps;
    const stored = await runs.read(runId);
    if (!stored) {
      logger.warn({ runId }, 'lab run not found');
      return;
    }
    if (stored.status === 'done' || stored.status === 'failed') return;
    let run: LabRun = { ...stored, status: 'running', updatedAt: new Date(clock.now()).toISOString() };
    await runs.write(runId, run);

    const every = this.deps.progressEveryMs ?? DEFAULT_PROGRESS_EVERY_MS;
    let toldAt = clock.now();
    let toldPercent = 0;
    let writes = Promise.resolve();
    const onProgress = (done: number) => {
      const percent = Math.floor(Math.max(0, Math.min(1, done)) * 100);
      const now = clock.now();
      // Throttled, and never the same figure twice: an edit to the same text is an error in Telegram.
      if (percent >= 100 || percent <= toldPercent || now - toldAt < every) return;
      toldAt = now;
      toldPercent = percent;
      run = { ...run, progress: percent / 100, updatedAt: new Date(now).toISOString() };
      const snapshot = run;
      const event: LabProgressEvent = { runId, title: run.title, progress: snapshot.progress };
      writes = writes
        .then(() => runs.write(runId, snapshot))
        .then(() => this.publish(snapshot, `p${percent}`, LAB_EVENTS.progress, event))
        .catch((error: unknown) => logger.warn({ err: error, runId }, 'could not store a lab run’s progress'));
    };

    try {
      const result = await runLab(run.request, this.deps.work, onProgress);
      await writes;
      run = { ...run, status: 'done', progress: 1, result, updatedAt: new Date(clock.now()).toISOString() };
      await runs.write(runId, run);
      await this.publish(run, 'done', LAB_EVENTS.finished, { runId, title: run.title, result } satisfies LabFinishedEvent);
    } catch (error) {
      await writes;
      const known = error instanceof AppError;
      if (!known) logger.error({ err: error, runId }, 'lab run failed');
      const failure = known ? { code: error.code, message: error.userMessage } : { code: 'lab.failed', message: 'The run failed on our side. Please try again later.' };
      run = { ...run, status: 'failed', error: failure, updatedAt: new Date(clock.now()).toISOString() };
      await runs.write(runId, run);
      await this.publish(run, 'failed', LAB_EVENTS.failed, { runId, title: run.title, error: failure } satisfies LabFailedEvent);
    }
  }

  private async publish(run: LabRun, step: string, kind: string, payload: unknown): Promise<void> {
    await this.deps.outbox.publish([{ key: `lab:${run.id}:${step}`, userId: run.userId, kind, subject: `lab:${run.id}`, payload, urgent: true }]);
  }
}
