import type { UserDirectory } from '../../src/accounts/ports.js';
import type { Profile, Session } from '../../src/accounts/types.js';
import { dec } from '../../src/shared/decimal.js';

/** What every new user gets in tests (as in the app's default). */
export const PAPER_FUNDING = { asset: 'USDT', amount: dec(10_000) };

/** The user behind a Telegram id, created (with a funded paper account) on first sight. */
export function telegramUser(users: UserDirectory, telegramId: number, profile: Profile = {}): Promise<Session> {
  return users.identify({ provider: 'telegram', subject: String(telegramId) }, profile, PAPER_FUNDING);
}
