import type { Decimal } from '../shared/decimal.js';
import type { ExchangeOrder, ExchangePort } from '../exchange/exchange-port.js';
import type { Account, Confirmation, ConfirmationStatus, ExecutionResult, OrderPlan, Position, TradeRequest, User } from './types.js';

/** The storage the trading core needs. Implemented in src/db for PGlite and PostgreSQL alike. */

export interface TelegramProfile {
  telegramId: number;
  username?: string | null | undefined;
  firstName?: string | null | undefined;
  languageCode?: string | null | undefined;
}

export interface UserStore {
  /** Creates the user and their funded paper account on first sight; idempotent under races. */
  ensureUser(profile: TelegramProfile, paperFunding: { asset: string; amount: Decimal }): Promise<{ user: User; account: Account; created: boolean }>;
  findByTelegramId(telegramId: number): Promise<{ user: User; account: Account } | null>;
  getAccount(accountId: number): Promise<Account | null>;
}

export type ClaimOutcome =
  | { outcome: 'claimed'; confirmation: Confirmation }
  | { outcome: 'not_found' }
  | { outcome: 'not_owner' }
  | { outcome: 'expired'; confirmation: Confirmation }
  | { outcome: 'already'; confirmation: Confirmation };

export interface NewConfirmation {
  id: string;
  userId: number;
  accountId: number;
  chatId: number | null;
  request: TradeRequest;
  plan: OrderPlan;
  createdAt: Date;
  expiresAt: Date;
}

export interface ConfirmationStore {
  create(confirmation: NewConfirmation): Promise<void>;
  attachMessage(id: string, messageId: number): Promise<void>;
  get(id: string): Promise<Confirmation | null>;
  /**
   * Atomically moves a pending, unexpired confirmation owned by `userId` to 'executing'.
   * Only one caller can ever get 'claimed' for an id, across processes.
   */
  claim(id: string, userId: number, now: Date): Promise<ClaimOutcome>;
  /** pending → cancelled, with the same ownership and expiry rules as claim. */
  cancel(id: string, userId: number, now: Date): Promise<ClaimOutcome>;
  /** executing → failed (an execution that did not happen). */
  fail(id: string, result: ExecutionResult): Promise<void>;
  /** Pending confirmations past their expiry become 'expired'; returns those it moved. */
  expireDue(now: Date, limit: number): Promise<Confirmation[]>;
  /** Confirmations left 'executing' (a crash mid-execution), for recovery. */
  listStuck(olderThan: Date): Promise<Confirmation[]>;
  statusOf(id: string): Promise<ConfirmationStatus | null>;
}

export interface RecordExecution {
  confirmationId: string;
  userId: number;
  accountId: number;
  order: ExchangeOrder;
  result: ExecutionResult;
  /** Pure: given the account's current positions, the positions after this fill. */
  applyToPositions: (current: Position[]) => Position[];
}

export interface TradeStore {
  /**
   * In one transaction: the order and its first event, the positions after the fill, and
   * the confirmation moved to 'executed'. Recording the same client order id twice is a no-op.
   */
  recordExecution(input: RecordExecution): Promise<void>;
  positions(accountId: number): Promise<Position[]>;
}

/** Opens the exchange an account trades on (paper, or live through ccxt). */
export type ExchangeResolver = (account: Account) => ExchangePort;

