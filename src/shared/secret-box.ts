import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { AppError, ConfigError } from './errors.js';

/*
 * Encryption of small secrets at rest (exchange API keys): AES-256-GCM, a fresh 12-byte IV per
 * encryption, the 16-byte tag checked on the way back. A ciphertext is one line of text:
 *
 *   v1.<key id>.<iv>.<tag>.<ciphertext>        (each part base64url)
 *
 * The key id is a short HMAC fingerprint of the key (it reveals nothing about it) so that, after a
 * rotation, the right key is picked without trial and error and a ciphertext made under a key the
 * server no longer has fails with a clear reason. Every encryption is bound to a context — which
 * row and which field it belongs to — through GCM's associated data: a ciphertext copied into
 * another row or column does not decrypt.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Encrypts and decrypts short texts, each bound to a context such as "exchange_accounts:42:api_key". */
export interface SecretBox {
  encrypt(plaintext: string, context: string): string;
  decrypt(ciphertext: string, context: string): string;
  /** True when the ciphertext was made under an older key and should be written again (rotation). */
  isStale(ciphertext: string): boolean;
}

/** A ciphertext that cannot be opened: malformed, tampered with, wrong key or wrong context. */
export class SecretBoxError extends AppError {
  constructor(
    readonly reason: 'malformed' | 'unknown_key' | 'rejected',
    detail: string,
  ) {
    super('secret.undecryptable', 'A stored secret could not be read on this server.', { detail });
  }
}

const b64u = (bytes: Buffer) => bytes.toString('base64url');

/**
 * ENCRYPTION_KEY's text → 32 bytes. Accepts 64 hex characters or base64 / base64url of exactly 32
 * bytes; anything else is a ConfigError naming the variable (never echoing the value).
 */
export function parseEncryptionKey(text: string, variable = 'ENCRYPTION_KEY'): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    // Strict: the text must be the canonical encoding of 32 bytes, not something Buffer tolerated.
    if (bytes.length === KEY_BYTES && b64u(bytes) === value.replace(/=$/, '').replace(/\+/g, '-').replace(/\//g, '_')) return bytes;
  }
  throw new ConfigError(`Invalid configuration:\n  ${variable}: must be 64 hex characters or base64 of 32 random bytes (e.g. \`openssl rand -hex 32\`).`);
}

/** True when `text` is a usable ENCRYPTION_KEY (for the config schema). */
export function isEncryptionKeyText(text: string): boolean {
  try {
    parseEncryptionKey(text);
    return true;
  } catch {
    return false;
  }
}

interface Key {
  id: string;
  bytes: Buffer;
}

function keyOf(bytes: Buffer): Key {
  if (bytes.length !== KEY_BYTES) throw new ConfigError('An encryption key must be 32 bytes.');
  // A fingerprint, not the key: 6 bytes of an HMAC keyed by the key itself.
  const id = b64u(createHmac('sha256', bytes).update('parley secret-box key id').digest().subarray(0, 6));
  return { id, bytes: Buffer.from(bytes) };
}

const associatedData = (keyId: string, context: string) => Buffer.from(`${VERSION}\0${keyId}\0${context}`, 'utf8');

export class AesGcmSecretBox implements SecretBox {
  readonly #current: Key;
  readonly #byId: Map<string, Key>;

  /** `previous`: keys that may still open old ciphertexts (rotation); new ones always use `key`. */
  constructor(key: Buffer, previous: readonly Buffer[] = []) {
    this.#current = keyOf(key);
    this.#byId = new Map([this.#current, ...previous.map(keyOf)].reverse().map((k) => [k.id, k]));
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#current.bytes, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(this.#current.id, context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.#current.id, b64u(iv), b64u(cipher.getAuthTag()), b64u(body)].join('.');
  }

  decrypt(ciphertext: string, context: string): string {
    const { keyId, iv, tag, body } = parse(ciphertext);
    const key = this.#byId.get(keyId);
    if (!key) throw new SecretBoxError('unknown_key', 'encrypted under a key this server does not have (ENCRYPTION_KEY changed?)');
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId, context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('rejected', 'authentication failed: tampered with, or stored for another record');
    }
  }

  isStale(ciphertext: string): boolean {
    return parse(ciphertext).keyId !== this.#current.id;
  }

  /** Nothing about the keys reaches a log or a JSON dump of an object holding the box. */
  toJSON(): string {
    return 'SecretBox';
  }
}

function parse(ciphertext: string): { keyId: string; iv: Buffer; tag: Buffer; body: Buffer } {
  const parts = typeof ciphertext === 'string' ? ciphertext.split('.') : [];
  const b64 = /^[A-Za-z0-9_-]*$/;
  if (parts.length !== 5 || parts[0] !== VERSION || !parts.every((p) => b64.test(p))) {
    throw new SecretBoxError('malformed', `not a ${VERSION} secret-box ciphertext`);
  }
  const [, keyId, iv, tag, body] = parts as [string, string, string, string, string];
  const out = { keyId, iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), body: Buffer.from(body, 'base64url') };
  if (out.iv.length !== IV_BYTES || out.tag.length !== TAG_BYTES) throw new SecretBoxError('malformed', 'bad IV or tag length');
  return out;
}

/** The box from the config's key texts (ENCRYPTION_KEY, ENCRYPTION_KEY_PREVIOUS). */
export function createSecretBox(options: { key: string; previousKey?: string | undefined }): SecretBox {
  const previous = options.previousKey ? [parseEncryptionKey(options.previousKey, 'ENCRYPTION_KEY_PREVIOUS')] : [];
  return new AesGcmSecretBox(parseEncryptionKey(options.key), previous);
}
