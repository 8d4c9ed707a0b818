import type { Decimal } from '../shared/decimal.js';
import type { Account } from '../trading/types.js';
import type { ExchangeKeys } from './exchange-keys.js';
import type { AccountView, Identity, Profile, Session } from './types.js';

/** Users and their identities (the db's UserRepo). */
export interface UserDirectory {
  /**
   * The user behind an identity, created on first contact with a funded paper account (exactly
   * once, under races); the profile is brought up to date. Clears a "blocked the bot" mark.
   */
  identify(identity: Identity, profile: Profile, paperFunding: { asset: string; amount: Decimal }): Promise<Session>;
  /** The user an identity belongs to, without creating anything. */
  find(identity: Identity): Promise<Session | null>;
}

/** A user's accounts: the paper one and the connected ones (the db's AccountRepo). */
export interface AccountBook {
  list(userId: number): Promise<AccountView[]>;
  get(userId: number, accountId: number): Promise<AccountView | null>;
  /** Stores the keys encrypted; the same exchange and mode again replaces them. */
  connect(input: { userId: number; exchange: string; mode: 'live' | 'testnet'; keys: ExchangeKeys }): Promise<{ account: AccountView; replaced: boolean }>;
  setDefault(userId: number, accountId: number): Promise<AccountView>;
  /** Erases a live account's keys; paper becomes the default again if it was. */
  disconnect(userId: number, accountId: number): Promise<{ removed: AccountView; active: AccountView }>;
}

export interface KeyCheck {
  exchange: string;
  mode: 'live' | 'testnet';
  keys: ExchangeKeys;
}

/** One authenticated call with the keys before anything is stored (KeysRefused when the exchange says no). */
export type KeyVerifier = (check: KeyCheck) => Promise<{ assets: number }>;

export type { Account };
