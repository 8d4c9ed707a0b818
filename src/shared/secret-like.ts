/**
 * Text that looks like an API key or secret: a long token of key characters with both letters and
 * digits (Binance's 64-character keys, Kraken's base64 secrets, hex secrets), a PEM private key, or
 * a Coinbase key name (organizations/…/apiKeys/…). Words, numbers, amounts and tickers never match;
 * a crypto address may (it is long hex) — deleting one costs nothing, keeping a secret would.
 */
const TOKEN = /[A-Za-z0-9+/=]{24,}/g;
const URL = /https?:\/\/\S+/gi;
const PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;
const COINBASE_NAME = /organizations\/[0-9a-f-]{8,}\/apiKeys\/[0-9a-f-]{8,}/gi;

function secretToken(token: string): boolean {
  return /[0-9]/.test(token) && /[A-Za-z]/.test(token);
}

export function looksLikeSecret(text: string): boolean {
  return redactSecrets(text) !== text;
}

/** The text with every secret-looking part replaced by `placeholder` (links are left as they are). */
export function redactSecrets(text: string, placeholder = '[secret removed]'): string {
  // Links are cut out first (a long path is not a secret) and put back after.
  const parts = text.split(URL);
  const links = text.match(URL) ?? [];
  const redact = (part: string) =>
    part
      .replace(PEM, placeholder)
      .replace(COINBASE_NAME, placeholder)
      .replace(TOKEN, (token) => (secretToken(token) ? placeholder : token));
  return parts.map((part, i) => redact(part) + (links[i] ?? '')).join('');
}
