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
