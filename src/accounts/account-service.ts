import type { Clock } from '../shared/clock.js';
import type { Decimal } from '../shared/decimal.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Account } from '../trading/types.js';
import { AccountNotFound } from './errors.js';
import type { ExchangeKeys } from './exchange-keys.js';
import type { AccountBook, KeyVerifier, UserDirectory } from './ports.js';
import { SessionCache } from './session-cache.js';
import type { AccountView, ConnectOutcome, Identity, Profile, Session, SwitchOutcome } from './types.js';

export interface AccountDeps {
  users: UserDirectory;
  book: AccountBook;
  /** Undefined when the server cannot store keys (no ENCRYPTION_KEY): connecting is refused, paper works. */
  verifyKeys: KeyVerifier | undefined;
  /** Drops this instance's cached exchange client of an account whose keys changed or were erased. */
  forgetExchange: (accountId: number) => void;
  paperFunding: { asset: string; amount: Decimal };
  clock: Clock;
  logger: Logger;
}

/**
 * Accounts, for every interface alike: who is talking (an identity becomes a user with a funded
 * paper account on first contact), which account they trade with, connecting an exchange with
 * keys (checked with the exchange before anything is stored), switching and disconnecting.
 */
export class AccountService {
  private readonly sessions: SessionCache;

  constructor(private readonly deps: AccountDeps) {
    this.sessions = new SessionCache(deps.clock);
  }

  /** Whether exchange accounts can be connected on this server. */
  get canConnect(): boolean {
    return this.deps.verifyKeys !== undefined;
  }

  /** The user behind an identity and their active account; the first contact creates both. */
  async identify(identity: Identity, profile: Profile = {}): Promise<Session> {
    const hit = this.sessions.get(identity);
    if (hit && sameProfile(hit, profile)) return hit;
    const session = await this.deps.users.identify(identity, profile, this.deps.paperFunding);
    this.sessions.set(identity, session);
    return session;
  }

  list(userId: number): Promise<AccountView[]> {
    return this.deps.book.list(userId);
  }

  async active(userId: number): Promise<AccountView> {
    const active = (await this.deps.book.list(userId)).find((a) => a.isDefault);
    if (!active) throw new AppError('account.missing', 'Your paper account is missing. Start again to open it.');
    return active;
  }

  /** One of the user's accounts, or null when it is not theirs (or was disconnected). */
  async owned(userId: number, accountId: number): Promise<Account | null> {
    const view = await this.deps.book.get(userId, accountId);
    return view ? { id: view.id, userId, exchange: view.exchange, mode: view.mode } : null;
  }

  /**
   * Makes `accountId` the account trades go to. A live account needs `liveConfirmed`: the
   * caller asks the user first, because from then on confirmed trades use real money.
   */
  async switchTo(userId: number, accountId: number, options: { liveConfirmed?: boolean } = {}): Promise<SwitchOutcome> {
    const account = await this.deps.book.get(userId, accountId);
    if (!account) throw notYours();
    if (account.isDefault) return { outcome: 'unchanged', account };
    if (account.mode === 'live' && !options.liveConfirmed) return { outcome: 'confirm_live', account };
    const switched = await this.deps.book.setDefault(userId, accountId);
    this.sessions.forgetUser(userId);
    this.deps.logger.info({ userId, accountId, mode: switched.mode, exchange: switched.exchange }, 'trading account switched');
    return { outcome: 'switched', account: switched };
  }

  /**
   * Checks the keys with the exchange (one balance call) and only then stores them, encrypted.
   * Connecting does not switch: the caller offers that. Throws KeysRefused when the exchange says no.
   */
  async connect(input: { userId: number; exchange: string; mode: 'live' | 'testnet'; keys: ExchangeKeys }): Promise<ConnectOutcome> {
    const verify = this.deps.verifyKeys;
    if (!verify) throw new AppError('account.no_encryption_key', 'Connecting an exchange needs ENCRYPTION_KEY on the server; nothing was stored.');
    try {
      await verify({ exchange: input.exchange, mode: input.mode, keys: input.keys });
    } catch (error) {
      this.deps.logger.info({ err: error, exchange: input.exchange, mode: input.mode }, 'exchange keys not accepted; nothing stored');
      throw error;
    }
    const { account, replaced } = await this.deps.book.connect(input);
    this.deps.forgetExchange(account.id);
    this.sessions.forgetUser(input.userId);
    const active = await this.active(input.userId);
    this.deps.logger.info({ userId: input.userId, accountId: account.id, exchange: input.exchange, mode: input.mode, replaced }, 'exchange account connected');
    return { account, replaced, active };
  }

  /** Erases a live account's keys; trading goes back to paper if it was the active one. */
  async disconnect(userId: number, accountId: number): Promise<{ removed: AccountView; active: AccountView }> {
    const result = await this.deps.book.disconnect(userId, accountId);
    this.deps.forgetExchange(result.removed.id);
    this.sessions.forgetUser(userId);
    this.deps.logger.info({ userId, accountId, exchange: result.removed.exchange, mode: result.removed.mode }, 'exchange account disconnected');
    return result;
  }
}

const notYours = () => new AccountNotFound();

function sameProfile(session: Session, profile: Profile): boolean {
  return (profile.username === undefined || (profile.username ?? null) === session.user.username) && (profile.firstName === undefined || (profile.firstName ?? null) === session.user.firstName);
}
