import { AppError, userMessageOf } from '../../shared/errors.js';

/**
 * The chat's wording of an error: the core's errors carry a code and a channel-neutral sentence;
 * here the chat adds what to do next in its own terms (its commands).
 */
const CHAT_WORDING: Record<string, (params: Record<string, string | number>) => string> = {
  'account.not_found': () => 'That account is not one of yours, or it was disconnected. /accounts shows them.',
  'account.missing': () => 'Your paper account is missing. Send /start to open it again.',
  'account.disconnected': () => 'This exchange account is no longer connected. Nothing was sent; /accounts shows what you can trade with.',
  'account.no_encryption_key': () => 'Live trading needs ENCRYPTION_KEY on the server. Nothing was sent; /accounts switches you back to paper.',
  'account.unreadable': () => 'Your exchange keys can no longer be read on this server (its encryption key changed). Nothing was sent; reconnect with /connect.',
  'exchange.keys_refused': (p) => `Your ${p.exchange ?? 'exchange'} keys were refused; reconnect with /connect. (Check that the key still exists and may trade.)`,
};

export function errorText(error: unknown): string {
  if (error instanceof AppError) {
    const phrase = CHAT_WORDING[error.code];
    if (phrase) return phrase(error.params);
  }
  return userMessageOf(error);
}
