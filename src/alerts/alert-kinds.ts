import { dec } from '../shared/decimal.js';
import { formatPrice } from '../shared/number-format.js';
import { AlertRefused, alertHolds } from './alert-rules.js';
import type { AlertAction, MeasuredMove, MoveDirection, PriceAlert } from './types.js';

/*
 * The kinds of alert beyond "once, at a level": a move within a window, repeating with a
 * cooldown, snoozed, expiring. Pure functions of `now` and the prices they are given, so the
 * checking pass, the tests and any other caller agree on when an alert fires.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** "every time" without a cooldown: at most one notice per 10 minutes. */
export const DEFAULT_COOLDOWN_MS = 10 * MINUTE_MS;
const MAX_WINDOW_MS = 7 * DAY_MS;
const MAX_COOLDOWN_MS = 7 * DAY_MS;
const MAX_EXPIRY_MS = 366 * DAY_MS;

/** The lowest and highest price within a move alert's window. */
export interface WindowRange {
  low: number;
  high: number;
}

/** The move a move alert watches, measured: up from the window's low, down from its high; null when it is not enough. */
export function moveHolds(alert: { direction: MoveDirection; pct: string }, range: WindowRange, last: number): MeasuredMove | null {
  const need = Number(alert.pct);
  const up = range.low > 0 ? ((last - range.low) / range.low) * 100 : 0;
  const down = range.high > 0 ? ((range.high - last) / range.high) * 100 : 0;
  // A tenth of a basis point of float noise must not decide a "5%".
  const enough = (moved: number) => moved + 1e-9 >= need;
  const upOk = alert.direction !== 'down' && enough(up);
  const downOk = alert.direction !== 'up' && enough(down);
  if (upOk && (!downOk || up >= down)) return { pct: up, from: range.low };
  if (downOk) return { pct: -down, from: range.high };
  return null;
}

/** Whether an alert's condition holds now; a move alert needs its window's range (null: not known this pass). */
export function conditionHolds(alert: PriceAlert, last: number, range: WindowRange | null): { holds: boolean; move?: MeasuredMove } {
  if (alert.kind === 'level') return { holds: alertHolds(alert.direction, alert.price, last) };
  if (!range) return { holds: false };
  const move = moveHolds(alert, range, last);
  return move ? { holds: true, move } : { holds: false };
}

export type PassDecision = 'fire' | 'rearm' | 'expire' | 'wait';

/**
 * What a checking pass does with an active alert: expire it (its time is up), fire it (armed,
 * not snoozed, the condition holds), re-arm it (a repeating alert whose cooldown is over, with the
 * condition seen false again — so a price that stays past the level is told once per crossing), or
 * wait. A condition not known this pass (`holds` null) neither fires nor re-arms.
 */
export function passDecision(alert: PriceAlert, now: number, holds: boolean | null): PassDecision {
  if (alert.status !== 'active') return 'wait';
  if (alert.expiresAt && alert.expiresAt.getTime() <= now) return 'expire';
  if (alert.snoozedUntil && alert.snoozedUntil.getTime() > now) return 'wait';
  if (holds === null) return 'wait';
  if (alert.armed) return holds ? 'fire' : 'wait';
  if (!holds && alert.cooldownMs !== null && cooledDown(alert, now)) return 'rearm';
  return 'wait';
}

/** A repeating alert's cooldown since it last fired is over. */
export function cooledDown(alert: Pick<PriceAlert, 'cooldownMs' | 'triggeredAt'>, now: number): boolean {
  if (alert.cooldownMs === null) return false;
  return !alert.triggeredAt || alert.triggeredAt.getTime() + alert.cooldownMs <= now;
}

/**
 * What a fired alert's notice offers. Buy and sell lead to the usual order conversation; snooze
 * tells again later; remove only when there is something to remove — an alert that keeps telling.
 */
export function actionsAfterFiring(alert: PriceAlert): AlertAction[] {
  return alert.status === 'active' ? ['buy', 'sell', 'snooze', 'remove'] : ['buy', 'sell', 'snooze'];
}

export type SnoozeChoice = 'hour' | 'tomorrow';

/** When a snooze ends: an hour from now, or the next 00:00 UTC. */
export function snoozeEnd(choice: SnoozeChoice, now: number): Date {
  if (choice === 'hour') return new Date(now + HOUR_MS);
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
}

/** A move in percent, positive, at most 100 (a fall cannot be more). */
export function movePercent(pct: string | number): string {
  let value;
  try {
    value = dec(pct);
  } catch {
    throw new AlertRefused('alert.invalid_move', 'I need the move as a percentage, for example 5%.');
  }
  if (!value.isFinite() || value.lte(0) || value.gt(100)) throw new AlertRefused('alert.invalid_move', 'A move must be more than 0% and at most 100%.');
  return value.toDecimalPlaces(4).toFixed();
}

/** A window, cooldown or lifetime within its bounds, or a refusal saying what is accepted. */
export function checkDuration(what: 'window' | 'cooldown' | 'expiry', ms: number): number {
  const max = what === 'window' ? MAX_WINDOW_MS : what === 'cooldown' ? MAX_COOLDOWN_MS : MAX_EXPIRY_MS;
  if (!Number.isFinite(ms) || ms < MINUTE_MS || ms > max) {
    const words = { window: 'A move’s window', cooldown: 'The time between two alerts', expiry: 'An alert’s lifetime' }[what];
    throw new AlertRefused('alert.invalid_duration', `${words} must be between a minute and ${formatDuration(max)}.`);
  }
  return Math.round(ms);
}

/** "1 h", "24 h", "15 min", "7 days": a duration the way people say it. */
export function formatDuration(ms: number): string {
  if (ms >= 2 * DAY_MS && ms % DAY_MS === 0) return `${ms / DAY_MS} days`;
  if (ms >= HOUR_MS && ms % HOUR_MS === 0) return `${ms / HOUR_MS} h`;
  if (ms >= HOUR_MS) return `${formatPrice(ms / HOUR_MS, 1)} h`;
  return `${Math.round(ms / MINUTE_MS)} min`;
}

/** "an hour", "24 hours", "15 minutes": a window in words. */
export function windowWords(ms: number): string {
  if (ms === HOUR_MS) return 'an hour';
  if (ms === DAY_MS) return 'a day';
  if (ms % DAY_MS === 0) return `${ms / DAY_MS} days`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS} hours`;
  return `${Math.round(ms / MINUTE_MS)} minutes`;
}

/** The candles a window is measured on: the finest the feed keeps, so the window is met within a candle. */
export function windowRange(candles: ReadonlyArray<{ timestamp: number; high: number; low: number }>, frameMs: number, since: number): WindowRange | null {
  const inWindow = candles.filter((c) => c.timestamp + frameMs > since);
  if (inWindow.length === 0) return null;
  return { low: Math.min(...inWindow.map((c) => c.low)), high: Math.max(...inWindow.map((c) => c.high)) };
}
