import type { PartialTrade } from '../../assistant/answer.js';
import type { AlertDirection, AlertSchedule } from '../../alerts/types.js';

/** The conversations by name, with what each is entered with: handlers enter them, install.ts defines them. */

export const COMPLETE_TRADE = 'completeTrade';
export interface CompleteTradeArgs {
  /** What the message said; the conversation asks for the rest. */
  request: PartialTrade;
  /** The word the parser could not place as a coin, if any. */
  unresolvedCoin: string | null;
}

export const ALERT_PRICE = 'alertPrice';
export interface AlertPriceArgs {
  symbol: string;
  /** Set when the message said which way ("alert me when eth drops"): the presets go that way only. */
  direction: AlertDirection | null;
  /** "every time", "for the next 24 hours": kept for the alert once its level is given. */
  schedule?: AlertSchedule;
}

export const CONNECT_EXCHANGE = 'connectExchange';
