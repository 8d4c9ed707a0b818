import { AppError } from '../shared/errors.js';

import { ExchangeKeys } from '../accounts/exchange-keys.js';

export { ExchangeKeys };

export interface StoredCredentials {
  keys: ExchangeKeys;
  /** Changes whenever the stored keys change (a digest of their ciphertexts). */
  stamp: string;
}

/** Where a live account's keys are kept (src/db/account-repo.ts, encrypted). */
export interface CredentialStore {
  /** The decrypted keys; CredentialsUnavailable when the account has none or they cannot be read. */
  credentials(accountId: number): Promise<StoredCredentials>;
  /** The current stamp without decrypting anything; null once the account is disconnected. */
  credentialStamp(accountId: number): Promise<string | null>;
}

export type CredentialsProblem = 'disconnected' | 'no_encryption_key' | 'unreadable';

/** A live account's keys are not usable: removed, unreadable, or the server has no ENCRYPTION_KEY. */
export class CredentialsUnavailable extends AppError {
  constructor(
    readonly problem: CredentialsProblem,
    options?: { cause?: unknown; detail?: string },
  ) {
    const messages: Record<CredentialsProblem, string> = {
      disconnected: 'This exchange account is no longer connected. Nothing was sent.',
      no_encryption_key: 'Live trading needs ENCRYPTION_KEY on the server. Nothing was sent.',
      unreadable: 'Your exchange keys can no longer be read on this server (its encryption key changed). Nothing was sent; connect the account again.',
    };
    super(`account.${problem}`, messages[problem], options);
  }
}
