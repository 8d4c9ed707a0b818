import { join } from 'node:path';
import type { ResolvedConfig } from '../config/load-config.js';
import { BullmqQueue } from '../jobs/bullmq-queue.js';
import { checkAlertsJob } from '../jobs/handlers/check-alerts.job.js';
import { expirePreviewsJob } from '../jobs/handlers/expire-previews.job.js';
import { gatherDigestsJob } from '../jobs/handlers/gather-digests.job.js';
import { pruneJob } from '../jobs/handlers/prune.job.js';
import { reconcileAccountsJob } from '../jobs/handlers/reconcile-accounts.job.js';
import { syncOrdersJob } from '../jobs/handlers/sync-orders.job.js';
import { watchRiskJob } from '../jobs/handlers/watch-risk.job.js';
import { SignalReportFile } from '../signals/signal-report-file.js';
import { refreshSignalsJob } from '../jobs/handlers/refresh-signals.job.js';
import { retrainSignalsJob } from '../jobs/handlers/retrain-signals.job.js';
import { labRunJob } from '../jobs/handlers/lab-run.job.js';
import { projectPath } from '../shared/project-paths.js';
import { InProcessQueue } from '../jobs/in-process-queue.js';
import { JOBS } from '../jobs/job-names.js';
import type { JobHandler, JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../shared/logger.js';
import { BUNDLED_SIGNALS_DIR, type Core } from './core.js';

/** BullMQ on Redis when REDIS_URL is set (shared by every process), else timers in this process. */
export function buildQueue(config: ResolvedConfig, logger: Logger): JobQueue {
  return config.REDIS_URL ? new BullmqQueue({ redisUrl: config.REDIS_URL, logger }) : new InProcessQueue(logger);
}

/** Every job's handler, for the processes that run jobs (workers and the all-in-one). */
export function registerJobs(queue: JobQueue, core: Core): void {
  const { config, trading, logger, repos } = core;
  // Every run counted and timed (parley_job_runs_total, parley_job_duration_seconds).
  const jobs = {
    register<T>(name: string, handler: JobHandler<T>): void {
      queue.register<T>(name, async (data) => {
        const started = performance.now();
        try {
          await handler(data);
          core.metrics.jobRun(name, 'ok', (performance.now() - started) / 1000);
        } catch (error) {
          core.metrics.jobRun(name, 'error', (performance.now() - started) / 1000);
          throw error;
        }
      });
    },
  };
  jobs.register(JOBS.expirePreviews, expirePreviewsJob(trading));
  jobs.register(JOBS.syncOrders, syncOrdersJob({ matchPaperOrders: () => core.matcher.matchRestingOrders(), trading, submittingGraceMs: config.ORDER_SUBMIT_GRACE_SECONDS * 1000 }));
  jobs.register(JOBS.reconcileAccounts, reconcileAccountsJob({ connected: core.connectedAccounts, trading, logger }));
  jobs.register(JOBS.checkAlerts, checkAlertsJob(core.alerts));
  jobs.register(JOBS.gatherDigests, gatherDigestsJob(core.notifications));
  jobs.register(JOBS.watchRisk, watchRiskJob({ risk: core.risk, logger }));
  jobs.register(JOBS.refreshSignals, refreshSignalsJob({ pairs: core.signalPairs, signals: core.signals, store: repos.signals, onNew: core.onNewSignal, logger }));
  jobs.register(
    JOBS.retrainSignals,
    retrainSignalsJob({
      orders: core.signalsDir ? { candlesDir: projectPath('data/candles'), outDir: core.signalsDir } : undefined,
      everyDays: config.SIGNALS_RETRAIN_DAYS,
      // The newest set: this instance's last retrain, or the bundled one.
      newestAt: async () => {
        const reports = await Promise.all([...(core.signalsDir ? [join(core.signalsDir, 'report.json')] : []), join(BUNDLED_SIGNALS_DIR, 'report.json')].map((f) => new SignalReportFile(f).load().catch(() => undefined)));
        const times = reports.filter((r) => r !== undefined).map((r) => r.createdAt);
        return times.length ? Math.max(...times) : undefined;
      },
      now: () => core.clock.now(),
      logger,
    }),
  );
  jobs.register(JOBS.labRun, labRunJob(core.lab));
  jobs.register(
    JOBS.prune,
    pruneJob({
      updates: repos.dedupe,
      history: repos.history,
      conversations: repos.conversations,
      notifications: repos.outbox,
      targets: repos.targets,
      webLinks: core.webLinks,
      notes: [
        // The API promises a replayed answer for a day (see idempotency.ts).
        { name: 'idempotencyKeys', store: repos.idempotency, days: 1 },
        // Both expire within the hour they were written; a day's margin costs nothing.
        { name: 'chatMemory', store: repos.chatMemory, days: 1 },
        { name: 'explanations', store: repos.explanations, days: 1 },
        // Lab runs (backtests from the chat and the API) can be polled for 30 days.
        { name: 'labRuns', store: repos.labRuns, days: 30 },
      ],
      historyRetentionDays: config.HISTORY_RETENTION_DAYS,
      clock: core.clock,
      logger,
    }),
  );
}

/** How often each job runs. One schedule however many processes ask for it. */
export async function scheduleJobs(jobs: JobQueue, config: ResolvedConfig): Promise<void> {
  await Promise.all([
    // A sweep for previews whose own expiry job was lost with a restart.
    jobs.every(JOBS.expirePreviews, 30_000),
    jobs.every(JOBS.syncOrders, 5_000),
    jobs.every(JOBS.reconcileAccounts, config.RECONCILE_SECONDS * 1000),
    jobs.every(JOBS.checkAlerts, 5_000),
    jobs.every(JOBS.gatherDigests, 60_000),
    // A minute apart: the day's opening snapshot within a minute of 00:00 UTC, and the day's low close enough.
    jobs.every(JOBS.watchRisk, 60_000),
    jobs.every(JOBS.prune, 3600_000),
    // A candle closes every hour: a minute's delay at most before its readings are stored.
    jobs.every(JOBS.refreshSignals, 60_000),
    // Weekly, as the walk-forward evaluation steps.
    jobs.every(JOBS.retrainSignals, 7 * 86_400_000),
  ]);
}
