import type { Decimal } from '../shared/decimal.js';
import type { OrderSide } from './exchange-port.js';

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

export type OrderType = 'market' | 'limit' | 'stop_loss' | 'take_profit';
export type OrderStatus = 'pending' | 'submitting' | 'open' | 'partially_filled' | 'filled' | 'cancelled' | 'rejected' | 'expired';
export const ACTIVE_STATUSES: readonly OrderStatus[] = ['submitting', 'open', 'partially_filled'];

/** A stop-loss or take-profit level: a price, or a distance from the current price in percent. */
export type TriggerSpec = { kind: 'price'; price: string } | { kind: 'percent'; percent: number };

/** A trade as the user asked for it, before sizing against balances and the book. */
export interface TradeRequest {
  side: OrderSide;
  symbol: string;
  type: OrderType;
  size: SizeSpec;
  /** limit orders */
  price?: string;
  /** stop_loss / take_profit */
  trigger?: TriggerSpec;
  /**
   * Where it goes: 'best' routes it over every venue the user can trade on ("wherever it's
   * cheapest"); a venue id ('kraken') sends it there; absent, the user's default venue setting.
   */
  venue?: string;
}

/** "cancel #12", "cancel my last order", "cancel all (my btc) orders". */
export interface CancelRequest {
  target: 'one' | 'last' | 'all';
  orderRef?: string;
  symbol?: string;
}

export interface RiskCheck {
  /** 'risk': the user's risk limits (src/risk), checked after the others. */
  name: 'funds' | 'min_size' | 'liquidity' | 'market' | 'price' | 'orders' | 'risk';
  ok: boolean;
  message: string;
  /** risk: the rule's code (`risk.<rule>.<reason>`). */
  code?: string;
}

/** A reason from the risk rules, as stored with a plan (the code for interfaces, a default sentence). */
export interface RiskNote {
  code: string;
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
  type: OrderType;
  /** Base amount to send, already on the market's step. */
  amount: string;
  /** The base amount the user asked for, when they said one (it may round to less, even to 0). */
  asked?: string;
  /** Decimals of the market's price tick: every price of this plan is shown with these. */
  priceDecimals: number;
  /** limit: the price, on the market's tick. */
  limitPrice?: string;
  /** stop_loss / take_profit: the trigger price, on the tick. */
  triggerPrice?: string;
  /** A market order, or a limit the book already crosses: it fills (at least partly) at once. */
  fillsNow: boolean;
  /** What a resting order holds until it fills or is cancelled. */
  locked?: { asset: string; amount: string };
  /** The exchange holds the stop (true), or Parley watches the price and sends a market order. */
  nativeTrigger?: boolean;
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
  /** Things the user should know: rounding, dust left behind, the risk rules' warnings. */
  notes: string[];
  /**
   * The risk rules ask for a second, explicit confirmation (a fat finger): the first ✅ only shows
   * these reasons; only a confirmation that says it was confirmed twice executes.
   */
  confirmTwice?: RiskNote[];
  /** A risk block with a way out: the largest order that passes (base amount, its value in USDT). */
  riskSuggestion?: { amount: string; value: string };
  /** Sent to this venue of the account (a paper venue, or the live account's exchange), not the account's own exchange. */
  venue?: string;
  /**
   * One leg of a routed order: every leg is its own order (this confirmation's id is its client
   * order id), and all of them are confirmed as one by any of their ids (`legs`, in order; `id` is
   * the first, the one the preview shows).
   */
  route?: { id: string; index: number; legs: string[] };
  /** An order with a stop (a stop-loss, or a buy sized to one): what it loses if the stop fills, fees included. */
  atRisk?: { stop: string; value: string; pctOfEquity: number | null };
}

export interface Position {
  asset: string;
  amount: Decimal;
  avgEntryUsdt: Decimal;
  realizedPnlUsdt: Decimal;
}

/** An order as Parley's journal holds it (decimal strings, as stored in JSON results too). */
export interface OrderSnapshot {
  id: number;
  clientOrderId: string;
  exchangeOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  status: OrderStatus;
  amount: string;
  price: string | null;
  triggerPrice: string | null;
  triggerNative: boolean;
  filled: string;
  average: string | null;
  cost: string;
  fee: string;
  feeCurrency: string | null;
  error: string | null;
  /** Decimals of the market's price tick (null for orders older than this field, or adopted ones). */
  priceDecimals?: number | null;
}

/** An order together with whom it belongs to, for the jobs that watch orders. */
export interface TrackedOrder extends OrderSnapshot {
  userId: number;
  accountId: number;
  updatedAt: Date;
}

export interface CancelPlan {
  exchange: string;
  paper: boolean;
  orders: OrderSnapshot[];
  checks: RiskCheck[];
}

export type ConfirmationStatus = 'pending' | 'executing' | 'executed' | 'failed' | 'cancelled' | 'expired';

interface ConfirmationBase {
  id: string;
  userId: number;
  accountId: number;
  status: ConfirmationStatus;
  result: ExecutionResult | null;
  createdAt: Date;
  expiresAt: Date;
}
export type OrderConfirmation = ConfirmationBase & { kind: 'order'; request: TradeRequest; plan: OrderPlan };
export type CancelConfirmation = ConfirmationBase & { kind: 'cancel'; request: CancelRequest; plan: CancelPlan };
export type Confirmation = OrderConfirmation | CancelConfirmation;

/** What happened when a confirmation was executed, as stored with it. */
export type ExecutionResult =
  | { ok: true; kind: 'order'; order: OrderSnapshot }
  | { ok: true; kind: 'cancel'; cancelled: OrderSnapshot[]; failed: Array<{ id: number; message: string }> }
  | { ok: false; code: string; message: string };

