import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logger.js';
import { retrainSignalsJob } from './retrain-signals.job.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 2);
/** Orders that cannot succeed: a retrain that starts fails, so a quiet pass proves none started. */
const orders = { candlesDir: '/nonexistent/candles', outDir: '/nonexistent/out' };
const job = (everyDays: number, newest: number | undefined) => retrainSignalsJob({ orders, everyDays, newestAt: async () => newest, now: () => NOW, logger: silentLogger() });

describe('the signals retrain job', () => {
  it('keeps a set younger than the period: a start or restart costs no retrain', async () => {
    await expect(job(7, NOW - 6 * DAY)(undefined as never)).resolves.toBeUndefined();
  });

  it('never retrains when switched off', async () => {
    await expect(job(0, undefined)(undefined as never)).resolves.toBeUndefined();
  });

  it('retrains a set as old as the period, or when there is none', async () => {
    await expect(job(7, NOW - 7 * DAY)(undefined as never)).rejects.toThrow();
    await expect(job(7, undefined)(undefined as never)).rejects.toThrow();
  }, 60_000);
});
