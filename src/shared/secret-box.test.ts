import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { AesGcmSecretBox, createSecretBox, isEncryptionKeyText, parseEncryptionKey, SecretBoxError } from './secret-box.js';

const HEX_KEY = 'a'.repeat(64);
const box = createSecretBox({ key: HEX_KEY });
const CONTEXT = 'exchange_accounts:7:3:binance:live:api_secret';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

const failure = (fn: () => unknown): SecretBoxError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretBoxError) return error;
    throw error;
  }
  throw new Error('expected a SecretBoxError');
};

/** Flips one bit of the base64url part at `index` of a v1 ciphertext. */
const flipBit = (token: string, index: number): string => {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
};

describe('secret box (AES-256-GCM)', () => {
  it('round-trips text, unicode and multi-line PEM keys included', () => {
    for (const text of [SECRET, 'ключ 🔑', '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI…\n-----END EC PRIVATE KEY-----\n', '']) {
      const token = box.encrypt(text, CONTEXT);
      expect(box.decrypt(token, CONTEXT)).toBe(text);
    }
  });

  it('writes a versioned text format and never the plaintext; a fresh IV every time', () => {
    const a = box.encrypt(SECRET, CONTEXT);
    const b = box.encrypt(SECRET, CONTEXT);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
    expect(a).not.toContain(SECRET.slice(0, 12));
    expect(Buffer.from(a.split('.')[4]!, 'base64url').toString('latin1')).not.toContain(SECRET.slice(0, 6));
  });

  it('detects tampering with the ciphertext, the tag, the IV or the key id', () => {
    const token = box.encrypt(SECRET, CONTEXT);
    for (const index of [2, 3, 4]) expect(failure(() => box.decrypt(flipBit(token, index), CONTEXT)).reason).toBe('rejected');
    // Truncated body: still authenticated.
    const parts = token.split('.');
    parts[4] = parts[4]!.slice(0, -4);
    expect(failure(() => box.decrypt(parts.join('.'), CONTEXT)).reason).toBe('rejected');
    expect(failure(() => box.decrypt(flipBit(token, 1), CONTEXT)).reason).toBe('unknown_key');
  });

  it('refuses a ciphertext moved to another row or field (associated data)', () => {
    const token = box.encrypt(SECRET, CONTEXT);
    expect(failure(() => box.decrypt(token, 'exchange_accounts:8:3:binance:live:api_secret')).reason).toBe('rejected');
    expect(failure(() => box.decrypt(token, 'exchange_accounts:7:3:binance:live:api_key')).reason).toBe('rejected');
    expect(failure(() => box.decrypt(token, 'exchange_accounts:7:3:binance:testnet:api_secret')).reason).toBe('rejected');
  });

  it('refuses to open with another key, and says the key is unknown', () => {
    const other = new AesGcmSecretBox(randomBytes(32));
    const token = box.encrypt(SECRET, CONTEXT);
    const error = failure(() => other.decrypt(token, CONTEXT));
    expect(error.reason).toBe('unknown_key');
    expect(error.code).toBe('secret.undecryptable');
    // A forged key id matching the other box still fails on the tag.
    const forged = token.split('.');
    forged[1] = other.encrypt('x', CONTEXT).split('.')[1]!;
    expect(failure(() => other.decrypt(forged.join('.'), CONTEXT)).reason).toBe('rejected');
  });

  it('refuses malformed input without throwing anything else', () => {
    const token = box.encrypt(SECRET, CONTEXT);
    const cases = ['', 'v1', SECRET, `v2${token.slice(2)}`, token.replace(/\./g, ':'), `${token}.x`, token.replace(/\.[^.]+\./, '.$$$.'), 'v1.a.b.c.d'];
    for (const input of cases) expect(failure(() => box.decrypt(input, CONTEXT)).reason).toBe('malformed');
    expect(failure(() => box.decrypt(undefined as unknown as string, CONTEXT)).reason).toBe('malformed');
  });

  it('never puts the plaintext or the key in an error', () => {
    const token = box.encrypt(SECRET, CONTEXT);
    const error = failure(() => box.decrypt(flipBit(token, 4), 'elsewhere'));
    expect(`${error.message} ${error.userMessage} ${error.stack}`).not.toContain(SECRET.slice(0, 8));
    expect(JSON.stringify(box)).not.toContain('aaaa');
  });

  describe('key rotation', () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('hex');
    const before = createSecretBox({ key: oldKey });
    const after = createSecretBox({ key: newKey, previousKey: oldKey });

    it('opens ciphertexts made under the previous key, and marks them stale', () => {
      const old = before.encrypt(SECRET, CONTEXT);
      expect(after.decrypt(old, CONTEXT)).toBe(SECRET);
      expect(after.isStale(old)).toBe(true);
      const fresh = after.encrypt(SECRET, CONTEXT);
      expect(after.isStale(fresh)).toBe(false);
      // The previous key only decrypts: the new ciphertext is unreadable to the old server.
      expect(failure(() => before.decrypt(fresh, CONTEXT)).reason).toBe('unknown_key');
    });

    it('without the previous key, old ciphertexts fail clearly', () => {
      const old = before.encrypt(SECRET, CONTEXT);
      expect(failure(() => createSecretBox({ key: newKey }).decrypt(old, CONTEXT)).reason).toBe('unknown_key');
    });
  });

  describe('ENCRYPTION_KEY', () => {
    it('accepts 64 hex characters and base64 / base64url of 32 bytes', () => {
      const bytes = randomBytes(32);
      for (const text of [bytes.toString('hex'), bytes.toString('hex').toUpperCase(), bytes.toString('base64'), bytes.toString('base64url'), ` ${bytes.toString('base64')}\n`]) {
        expect(parseEncryptionKey(text).equals(bytes)).toBe(true);
        expect(isEncryptionKeyText(text)).toBe(true);
      }
    });

    it('refuses anything else with a ConfigError naming the variable and not echoing the value', () => {
      const bad = ['', 'secret', 'a'.repeat(63), 'g'.repeat(64), randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), `${randomBytes(32).toString('base64').slice(0, 42)}!=`];
      for (const text of bad) {
        let error: unknown;
        try {
          parseEncryptionKey(text);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as Error).message).toContain('ENCRYPTION_KEY');
        if (text.length > 4) expect((error as Error).message).not.toContain(text);
        expect(isEncryptionKeyText(text)).toBe(false);
      }
      expect(() => createSecretBox({ key: HEX_KEY, previousKey: 'nope' })).toThrow(/ENCRYPTION_KEY_PREVIOUS/);
    });
  });
});
