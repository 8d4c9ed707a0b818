import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A random base62 id. 16 characters carry ~95 bits: unguessable, short enough for
 * Telegram's 64-byte callback_data and for exchanges' client order ids (Binance: ≤ 36).
 */
export function newId(length = 16): string {
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function isId(value: string, length = 16): boolean {
  return value.length === length && /^[0-9A-Za-z]+$/.test(value);
}
