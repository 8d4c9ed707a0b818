import { describe, expect, it } from 'vitest';
import { looksLikeSecret, redactSecrets } from './secret-like.js';

const BINANCE_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const KRAKEN_SECRET = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';

describe('text that looks like a key or a secret', () => {
  it('finds exchange keys and secrets, alone or inside a command', () => {
    expect(looksLikeSecret(BINANCE_KEY)).toBe(true);
    expect(looksLikeSecret(KRAKEN_SECRET)).toBe(true);
    expect(looksLikeSecret(`/connect binance ${BINANCE_KEY} ${KRAKEN_SECRET}`)).toBe(true);
    expect(looksLikeSecret('-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB\n-----END EC PRIVATE KEY-----')).toBe(true);
    expect(looksLikeSecret('organizations/1f2e3d4c-aaaa/apiKeys/9b8a7c6d-bbbb')).toBe(true);
  });

  it('leaves ordinary messages alone', () => {
    for (const text of ['buy 0.01 btc', 'sell half my sol at 180', 'alert me when btc drops below 60,000', 'what is the price of dogecoin today?', 'cancel #1234567', 'supercalifragilisticexpialidocious', 'https://example.com/a-very-long-path-with-9-digits']) {
      expect(looksLikeSecret(text), text).toBe(false);
    }
  });

  it('replaces only the secret parts, so a command stays a command', () => {
    expect(redactSecrets(`/connect binance ${BINANCE_KEY} ${KRAKEN_SECRET}`)).toBe('/connect binance [secret removed] [secret removed]');
    expect(redactSecrets(`my key is ${BINANCE_KEY}, ok?`)).toBe('my key is [secret removed], ok?');
  });
});
