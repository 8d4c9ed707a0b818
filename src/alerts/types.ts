/** The alert book's vocabulary. Prices are decimal strings, as they are stored. */

export type AlertDirection = 'above' | 'below';
export type AlertStatus = 'active' | 'triggered' | 'cancelled';

export interface PriceAlert {
  id: string;
  userId: number;
  symbol: string;
  direction: AlertDirection;
  /** The level. */
  price: string;
  status: AlertStatus;
  createdAt: Date;
  triggeredAt: Date | null;
  /** The last price that fired it. */
  triggeredPrice: string | null;
  cancelledAt: Date | null;
}

/** What a user asks for: the direction only when they said which way. */
export interface AlertRequest {
  userId: number;
  symbol: string;
  price: string | number;
  direction?: AlertDirection | null | undefined;
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

/** An alert a checking pass fired, with the last price that fired it. */
export interface FiredAlert {
  alert: PriceAlert;
  last: number;
  /** Decimals of the market's price tick, when known. */
  priceDecimals?: number;
}
