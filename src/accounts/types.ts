import type { Account } from '../trading/types.js';

/** How a person is known to Parley: a Telegram user id now, an email login later. */
export interface Identity {
  provider: 'telegram' | 'email';
  /** The provider's id for them, as text ("123456789", "ana@example.com"). */
  subject: string;
}

/** What a sign-in tells about the person; kept up to date on each contact. */
export interface Profile {
  username?: string | null | undefined;
  firstName?: string | null | undefined;
  languageCode?: string | null | undefined;
}

export interface User {
  id: number;
  username: string | null;
  firstName: string | null;
}

/** Who is acting, and with which account: what every use case is given. */
export interface Session {
  user: User;
  /** The account the user trades with now (their default). */
  account: Account;
  /** This contact created the user (and funded their paper account). */
  created: boolean;
}

/** An exchange account as interfaces show it: never its keys, not even encrypted. */
export interface AccountView {
  id: number;
  exchange: string;
  mode: 'paper' | 'live' | 'testnet';
  label: string;
  isDefault: boolean;
  createdAt: Date;
}

export type SwitchOutcome =
  | { outcome: 'switched'; account: AccountView }
  /** Already the active one: nothing changed. */
  | { outcome: 'unchanged'; account: AccountView }
  /** A live account: trades would use real money, so the user must say yes explicitly first. */
  | { outcome: 'confirm_live'; account: AccountView };

export type ConnectOutcome = {
  account: AccountView;
  /** The same exchange and mode was connected before: its keys were replaced. */
  replaced: boolean;
  /** The account the user trades with now (connecting does not switch to it). */
  active: AccountView;
};
