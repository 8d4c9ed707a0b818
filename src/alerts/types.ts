/** The alert book's vocabulary. Prices are decimal strings, as they are stored. */

/** A level alert's side: it fires when the price is at or beyond the level that way. */
export type AlertDirection = 'above' | 'below';
/** A move alert's side: a rise, a fall, or either. */
export type MoveDirection = 'up' | 'down' | 'either';
export type AlertStatus = 'active' | 'triggered' | 'cancelled' | 'expired';

/** What every kind of alert has: who, which coin, its state, and how often it tells. */
interface AlertCommon {
  id: string;
  userId: number;
  symbol: string;
  status: AlertStatus;
  createdAt: Date;
  /** The last time it fired. */
  triggeredAt: Date | null;
  /** The last price that fired it. */
  triggeredPrice: string | null;
  cancelledAt: Date | null;
  /** Repeating: the least time between two firings. Null: it fires once. */
  cooldownMs: number | null;
  /**
   * False between a repeating alert's firing and its re-arming (the cooldown over and the
   * condition seen false again): so a price that stays past the level is told once per crossing.
   */
  armed: boolean;
  /** Quiet until then. */
  snoozedUntil: Date | null;
  /** Gone quietly at this time; null: never. */
  expiresAt: Date | null;
  /** How many times it fired. */
  fireCount: number;
}

/** "alert me when btc drops below 60k". */
export interface LevelAlert extends AlertCommon {
  kind: 'level';
  direction: AlertDirection;
  /** The level. */
  price: string;
}

/** "tell me if eth moves 5% in an hour". */
export interface MoveAlert extends AlertCommon {
  kind: 'move';
  direction: MoveDirection;
  /** The move, in percent (positive). */
  pct: string;
  windowMs: number;
}

export type PriceAlert = LevelAlert | MoveAlert;

/** How an alert keeps telling: once (default) or every crossing, at most once per cooldown; and until when. */
export interface AlertSchedule {
  /** Repeating, with this cooldown; absent or null: once. */
  cooldownMs?: number | null | undefined;
  /** From now, how long it lives; absent or null: until it fires (or forever, when repeating). */
  expiresInMs?: number | null | undefined;
}

/** What a user asks for: the direction only when they said which way. */
export interface AlertRequest extends AlertSchedule {
  userId: number;
  symbol: string;
  price: string | number;
  direction?: AlertDirection | null | undefined;
}

/** "tell me if eth moves 5% in an hour". */
export interface MoveAlertRequest extends AlertSchedule {
  userId: number;
  symbol: string;
  pct: string | number;
  windowMs: number;
  direction?: MoveDirection | null | undefined;
}

/** An alert just set (or the same one already active), with the price it was set against. */
export interface SetAlert {
  alert: PriceAlert;
  /** The last price when it was set. */
  last: number;
  /** True when the very same alert was already active: nothing new was stored. */
  existing: boolean;
  /** Decimals of the market's price tick, when known. */
  priceDecimals?: number;
}

/** The move a move alert measured when it fired: from `from` (the window's low or high) to the last price. */
export interface MeasuredMove {
  /** Signed percent, e.g. 5.2 or -6.1. */
  pct: number;
  from: number;
}

/** An alert a checking pass fired, with the last price that fired it. */
export interface FiredAlert {
  alert: PriceAlert;
  last: number;
  /** Decimals of the market's price tick, when known. */
  priceDecimals?: number;
  /** A move alert's measured move. */
  move?: MeasuredMove;
}

/** What a fired alert's notice offers; each channel renders them its own way (Telegram: buttons). */
export type AlertAction = 'buy' | 'sell' | 'snooze' | 'remove';
