import type { Decimal } from '../shared/decimal.js';
import type { OrderSide } from '../exchange/exchange-port.js';

export interface User {
  id: number;
  telegramId: number;
  username: string | null;
  firstName: string | null;
}

export interface Account {
  id: number;
  userId: number;
  exchange: string;
  mode: 'paper' | 'live' | 'testnet';
}

/** How much the user asked for, in the unit they said it in. */
export type SizeSpec =
  | { kind: 'base'; amount: string }
  | { kind: 'quote'; amount: string }
  | { kind: 'percent'; percent: number };

/** A trade as the user asked for it, before sizing against balances and the book. */
export interface TradeRequest {
  side: OrderSide;
  symbol: string;
  type: 'market';
  size: SizeSpec;
}

export interface RiskCheck {
  name: 'funds' | 'min_size' | 'liquidity' | 'market';
  ok: boolean;
  message: string;
}

/**
 * What will be sent, and what it should cost: the preview the user confirms. Strings are
 * decimal strings (stored as JSON with the confirmation; no float ever touches them).
 */
export interface OrderPlan {
  exchange: string;
  paper: boolean;
  symbol: string;
  base: string;
  quote: string;
  side: OrderSide;
  type: 'market';
  /** Base amount to send, already on the market's step. */
  amount: string;
  estAveragePrice: string;
  /** Quote value of the fill before fees. */
  estCost: string;
  estFee: string;
  feeRate: string;
  /** Buy: quote debited (cost + fee). Sell: quote credited (proceeds − fee). */
  estTotal: string;
  /** Mid price when previewed, to show the expected slippage. */
  midPrice: string;
  balancesAfter: Array<{ asset: string; amount: string }>;
  checks: RiskCheck[];
  /** Things the user should know: rounding, dust left behind. */
  notes: string[];
}

export interface Position {
  asset: string;
  amount: Decimal;
  avgEntryUsdt: Decimal;
  realizedPnlUsdt: Decimal;
}

export type ConfirmationStatus = 'pending' | 'executing' | 'executed' | 'failed' | 'cancelled' | 'expired';

export interface Confirmation {
  id: string;
  userId: number;
  accountId: number;
  chatId: number | null;
  messageId: number | null;
  kind: 'order';
  request: TradeRequest;
  plan: OrderPlan;
  status: ConfirmationStatus;
  result: ExecutionResult | null;
  createdAt: Date;
  expiresAt: Date;
}

/** What happened when a confirmation was executed, as stored with it. */
export type ExecutionResult =
  | { ok: true; orderId: string; filled: string; average: string; cost: string; fee: string; feeCurrency: string; status: string }
  | { ok: false; code: string; message: string };

