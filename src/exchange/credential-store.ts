import { AppError } from '../shared/errors.js';

/**
 * An account's API key and secret, in memory only. ES-private fields: JSON.stringify, pino and
 * util.inspect of this object (or of anything holding it) show nothing of them.
 */
export class ExchangeKeys {
  readonly #apiKey: string;
  readonly #secret: string;

  constructor(apiKey: string, secret: string) {
    this.#apiKey = apiKey;
    this.#secret = secret;
  }

  get apiKey(): string {
    return this.#apiKey;
  }

  get secret(): string {
    return this.#secret;
  }

  toJSON(): string {
    return '[exchange keys]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'ExchangeKeys [redacted]';
  }
}

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
      disconnected: 'This exchange account is no longer connected. Nothing was sent; /accounts shows what you can trade with.',
      no_encryption_key: 'Live trading needs ENCRYPTION_KEY on the server. Nothing was sent; /accounts switches you back to paper.',
      unreadable: 'Your exchange keys can no longer be read on this server (its encryption key changed). Nothing was sent; reconnect with /connect.',
    };
    super(`account.${problem}`, messages[problem], options);
  }
}
