/**
 * An account's API key and secret (and passphrase, for exchanges whose keys have one: KuCoin), in memory only. ES-private fields: JSON.stringify, pino and
 * util.inspect of this object (or of anything holding it) show nothing of them.
 */
export class ExchangeKeys {
  readonly #apiKey: string;
  readonly #secret: string;
  readonly #passphrase: string | undefined;

  constructor(apiKey: string, secret: string, passphrase?: string) {
    this.#apiKey = apiKey;
    this.#secret = secret;
    this.#passphrase = passphrase;
  }

  /** Undefined for exchanges whose keys have none. */
  get passphrase(): string | undefined {
    return this.#passphrase;
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
