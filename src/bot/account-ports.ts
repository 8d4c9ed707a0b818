import type { ExchangeKeys } from '../exchange/credential-store.js';
import type { SecretBox } from '../shared/secret-box.js';

/** An exchange account as the bot shows it: never its keys, not even encrypted. */
export interface AccountView {
  id: number;
  exchange: string;
  mode: 'paper' | 'live' | 'testnet';
  label: string;
  isDefault: boolean;
  createdAt: Date;
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

/** What /connect, /accounts and /disconnect need. */
export interface LiveAccounts {
  book: AccountBook;
  /** Seals secrets before they enter conversation state; undefined without ENCRYPTION_KEY (/connect refuses). */
  vault: SecretBox | undefined;
  /** One balance call with the keys, before anything is stored (KeysRefused when the exchange says no). */
  verifyKeys(check: { exchange: string; mode: 'live' | 'testnet'; keys: ExchangeKeys }): Promise<{ assets: number }>;
  /** Drops this instance's cached client of an account whose keys changed or were erased. */
  forgetExchange(accountId: number): void;
}
