// Small helpers for the rules' default English sentences and their parameters.
import type { Decimal } from '../shared/decimal.js';

const DAY_MS = 86_400_000;

/** 00:00 UTC of the day `ms` falls in. */
export function utcDayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** 00:00 UTC of the next day. */
export function nextUtcDay(ms: number): number {
  return utcDayStart(ms) + DAY_MS;
}

/** "10%", "5.3%", "0.25%": at most `decimals` decimals, no trailing zeros. */
export function pct(value: number | Decimal, decimals = 1): string {
  const n = typeof value === 'number' ? value : value.toNumber();
  return `${Number(n.toFixed(decimals))}%`;
}

/** A share rounded for parameters (two decimals). */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** "2024-05-02 00:00 UTC" */
export function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "7 h 12 min", "45 min", "under a minute" (rounded up to the minute: a wait is never shorter than said). */
export function duration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes <= 0) return 'under a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
