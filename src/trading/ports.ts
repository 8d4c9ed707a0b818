import type { Decimal } from '../shared/decimal.js';
import type { NewNotification } from '../notifications/notification.js';
import type { ExchangePort, OrderSide } from './exchange-port.js';
import type {
  Account, CancelPlan, CancelRequest, Confirmation, ConfirmationStatus, ExecutionResult, OrderPlan, OrderSnapshot, OrderStatus, OrderType, Position,
  TrackedOrder, TradeRequest,
} from './types.js';

/** The storage the trading core needs. Implemented in src/db for PGlite and PostgreSQL alike. */

/** Accounts by id (the orders and jobs know an account id, not its owner's session). */
export interface AccountLookup {
  getAccount(accountId: number): Promise<Account | null>;
}

export type ClaimOutcome =
  | { outcome: 'claimed'; confirmation: Confirmation }
  | { outcome: 'not_found' }
  | { outcome: 'not_owner' }
  | { outcome: 'expired'; confirmation: Confirmation }
  | { outcome: 'already'; confirmation: Confirmation };

interface NewConfirmationBase {
  id: string;
  userId: number;
  accountId: number;
  createdAt: Date;
  expiresAt: Date;
}
export type NewConfirmation =
  | (NewConfirmationBase & { kind: 'order'; request: TradeRequest; plan: OrderPlan })
  | (NewConfirmationBase & { kind: 'cancel'; request: CancelRequest; plan: CancelPlan });

/** An order entering the journal: written in the same transaction that wins the claim. */
export interface NewOrder {
  clientOrderId: string;
  userId: number;
  accountId: number;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  amount: string;
  price: string | null;
  triggerPrice: string | null;
  triggerNative: boolean;
  priceDecimals: number | null;
}

export interface ConfirmationStore {
  create(confirmation: NewConfirmation): Promise<void>;
  get(id: string): Promise<Confirmation | null>;
  /**
   * Atomically moves a pending, unexpired confirmation owned by `userId` to 'executing' and,
   * in the same transaction, journals the order it becomes ('submitting'). Only one caller
   * can ever get 'claimed' for an id, across processes.
   */
  claim(id: string, userId: number, now: Date, journal?: (confirmation: Confirmation) => NewOrder | null): Promise<ClaimOutcome>;
  /**
   * The claim of several confirmations as one: every one of them moves to 'executing' and has its
   * order journaled in one transaction, or none does (the legs of a routed order: a crash can never
   * leave one leg claimed and another still pending). 'claimed' lists them in the order of `ids`;
   * otherwise the outcome of the first that could not be claimed.
   */
  claimAll(ids: readonly string[], userId: number, now: Date, journal: (confirmation: Confirmation) => NewOrder | null): Promise<{ outcome: 'claimed'; confirmations: Confirmation[] } | Exclude<ClaimOutcome, { outcome: 'claimed' }>>;
  /** pending → cancelled, with the same ownership and expiry rules as claim. */
  cancel(id: string, userId: number, now: Date): Promise<ClaimOutcome>;
  /** executing → executed | failed, with what happened, and (same transaction) what to tell about it. */
  finish(id: string, status: 'executed' | 'failed', result: ExecutionResult, notify?: (settled: Confirmation) => NewNotification[]): Promise<void>;
  /** Pending confirmations past their expiry become 'expired' (with a notification each, same transaction); returns those it moved. */
  expireDue(now: Date, limit: number, notify?: (expired: Confirmation) => NewNotification[]): Promise<Confirmation[]>;
  statusOf(id: string): Promise<ConfirmationStatus | null>;
}

/** What the exchange (or Parley itself, for its own triggers) says an order now is. Fills are cumulative. */
export interface OrderUpdate {
  status: OrderStatus;
  exchangeOrderId?: string | null;
  filled?: Decimal;
  cost?: Decimal;
  fee?: Decimal;
  feeCurrency?: string;
  error?: string;
  detail?: Record<string, unknown>;
}

/** The part of a fill not booked before: what positions must absorb. */
export interface FillDelta {
  amount: Decimal;
  cost: Decimal;
  fee: Decimal;
  feeCurrency: string;
}

export interface AppliedUpdate {
  order: TrackedOrder;
  previousStatus: OrderStatus;
  fill: FillDelta | null;
  /** What the fill realised (a sale against the average entry), in USDT; null without a fill. */
  realizedPnlUsdt?: Decimal | null;
  /** The status moved or a fill was booked. */
  changed: boolean;
}

export interface ApplyOptions {
  /** Pure: the account's positions after absorbing a fill. */
  applyFill: (positions: Position[], fill: FillDelta, order: OrderSnapshot) => Position[];
  /** Settle the confirmation this order came from, in the same transaction. */
  finish?: (order: OrderSnapshot) => { confirmationId: string; status: 'executed' | 'failed'; result: ExecutionResult };
  /** Pure: what to tell about the change (written to the outbox in the same transaction). */
  notify?: (applied: AppliedUpdate, settled: Confirmation | null) => NewNotification[];
}

export interface OrderFilter {
  symbol?: string;
  activeOnly?: boolean;
  /** Only orders in one of these statuses. */
  statuses?: readonly OrderStatus[];
  /** Only orders with something filled (the trade history). */
  filledOnly?: boolean;
  limit?: number;
  offset?: number;
  accountId?: number;
}

/** Parley's order journal: every state an order passes through, and the positions its fills make. */
export interface OrderStore {
  /**
   * In one transaction, with the order row locked: the new status (journal rules: forward
   * only), the fill growth booked into positions, an event row, and the confirmation settled.
   * Applying the same report twice changes nothing.
   */
  apply(clientOrderId: string, update: OrderUpdate, options: ApplyOptions): Promise<AppliedUpdate>;
  /** A waiting stop or take-profit Parley watches now covers `amount` (an event row and the notification, one transaction); null when it is no longer waiting. */
  resize(clientOrderId: string, amount: Decimal, notify: (order: TrackedOrder, from: string) => NewNotification[]): Promise<TrackedOrder | null>;
  /** open → submitting for a trigger Parley watches: only one watcher ever fires it. */
  claimTrigger(clientOrderId: string): Promise<boolean>;
  /** Orders that can still change (submitting, open, partially filled), oldest first. */
  active(limit: number): Promise<TrackedOrder[]>;
  forUser(userId: number, filter?: OrderFilter): Promise<TrackedOrder[]>;
  /** How many orders `forUser` would find without limit and offset. */
  countForUser(userId: number, filter?: OrderFilter): Promise<number>;
  /** "#12", "12", an exchange order id or a client order id — only among this user's orders. */
  findForUser(userId: number, ref: string): Promise<TrackedOrder | null>;
  byClientId(clientOrderId: string): Promise<TrackedOrder | null>;
  positions(accountId: number): Promise<Position[]>;
  /** Positions changed by a pure function, in one transaction (reconciliation's "adopt"). */
  updatePositions(accountId: number, change: (positions: Position[]) => Position[]): Promise<void>;
}

/** Opens the exchange an account trades on (paper, or live through ccxt). */
export type ExchangeResolver = (account: Account) => ExchangePort;

