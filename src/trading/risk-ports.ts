import type { Decimal } from '../shared/decimal.js';
import type { NewNotification } from '../notifications/notification.js';
import type { LimitSettings } from '../risk/limit-settings.js';
import type { Account } from './types.js';

/** Why new risk is paused: the user's kill switch, or the drawdown rule. */
export type PauseReason = 'panic' | 'drawdown';

/** A user's risk settings as stored: the limits (in force and waiting) and the kill switch. */
export interface StoredRiskSettings extends LimitSettings {
  /** Epoch ms; null when the account takes new risk. */
  pausedAt: number | null;
  pauseReason: PauseReason | null;
}

/** The risk settings store (the db's RiskRepo). It stores and loads; the domain decides. */
export interface RiskSettingsStore {
  get(userId: number): Promise<StoredRiskSettings>;
  /** In one transaction, with the user's row locked: the limits `change` makes of the current ones. */
  updateLimits(userId: number, change: (current: StoredRiskSettings) => LimitSettings | null, at: Date): Promise<StoredRiskSettings>;
  /** not paused → paused (conditionally: true only for the caller that paused), and what to tell, in the same transaction. */
  pause(userId: number, at: Date, reason: PauseReason, notify: (pausedAt: number) => NewNotification[]): Promise<boolean>;
  /** paused → not paused and, in the same transaction, each account's peak set to its equity now. */
  resume(userId: number, at: Date, peaks: ReadonlyArray<{ accountId: number; equity: Decimal }>): Promise<boolean>;
}

/** One UTC day of an account's equity (USDT): the day's opening, its low, high and last mark. */
export interface EquityDay {
  /** 00:00 UTC of the day, epoch ms. */
  day: number;
  open: Decimal;
  low: Decimal;
  high: Decimal;
  last: Decimal;
}

export interface EquityMark {
  today: EquityDay;
  /** The highest equity since tracking began or the last resume. */
  peak: Decimal;
}

/** Daily equity snapshots and the drawdown peak (the db's RiskRepo, over performance_metrics and equity_peaks). */
export interface EquityBook {
  /**
   * Records the account's equity at `at`: the first mark of a UTC day opens that day's row (its
   * opening equity), later ones move its low, high and last; the peak rises to it if higher.
   */
  mark(accountId: number, at: Date, equity: Decimal): Promise<EquityMark>;
  /** The account's days, oldest first (at most `limit`, the newest). */
  days(accountId: number, limit?: number): Promise<EquityDay[]>;
}

/** Every account the risk job watches, a page at a time (ids ascending). */
export interface AccountDirectory {
  accountsOf(userId: number): Promise<Account[]>;
  allAccounts(afterId: number, limit: number): Promise<Account[]>;
}
