import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { PAPER_FUNDING, telegramUser } from '../../test/support/users.js';
import { AuthService } from '../accounts/auth-service.js';
import { argon2Hasher } from '../api/auth/argon2-hasher.js';
import { joseSigner } from '../api/auth/jose-signer.js';
import { ManualClock } from '../shared/clock.js';
import type { AppError } from '../shared/errors.js';
import { silentLogger } from '../shared/logger.js';
import { AuthRepo } from './auth-repo.js';
import { paperBalances } from './schema.js';
import { UserRepo } from './user-repo.js';

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as AppError);
let seq = 0;
const email = () => `user${++seq}.${Date.now()}@example.com`;

for (const driver of DATABASES) {
  describe.skipIf(!driver.enabled)(`email logins and tokens on ${driver.name}`, () => {
    let database: TestDatabase;
    let users: UserRepo;
    let repo: AuthRepo;
    let auth: AuthService;
    const clock = new ManualClock(Date.UTC(2026, 0, 10));

    beforeAll(async () => {
      database = await driver.open();
      users = new UserRepo(database.db);
      repo = new AuthRepo(database.db);
      auth = new AuthService({
        users, sessions: users, credentials: repo, refreshTokens: repo, linkCodes: repo, hasher: argon2Hasher,
        tokens: joseSigner('a test secret of at least thirty-two characters', clock), paperFunding: PAPER_FUNDING, clock, logger: silentLogger(),
      });
    });
    afterAll(async () => {
      await database?.close();
    });

    it('a registered user gets a funded paper account, and logs in with the password only', async () => {
      const address = email();
      const tokens = await auth.register({ email: `  ${address.toUpperCase()} `, password: 'correct horse battery' });
      const session = await auth.authenticate(tokens.accessToken);
      expect(session.user.id).toBe(tokens.userId);
      expect(session.account.mode).toBe('paper');
      const [balance] = await database.db.select().from(paperBalances).where(eq(paperBalances.accountId, session.account.id));
      expect(Number(balance!.free)).toBe(10_000);
      expect((await failure(auth.login({ email: address, password: 'wrong horse battery' }))).code).toBe('auth.invalid_credentials');
      expect((await failure(auth.login({ email: 'nobody@example.com', password: 'correct horse battery' }))).code).toBe('auth.invalid_credentials');
      expect((await auth.login({ email: address, password: 'correct horse battery' })).userId).toBe(tokens.userId);
      expect((await failure(auth.register({ email: address, password: 'another password' }))).code).toBe('auth.email_taken');
      // The stored hash is argon2id, never the password.
      expect((await repo.find(address))!.passwordHash).toMatch(/^\$argon2id\$/);
    });

    it('refresh rotates; a rotated token used again signs the whole login out', async () => {
      const first = await auth.register({ email: email(), password: 'password one' });
      expect((await failure(auth.refresh(first.accessToken))).code).toBe('auth.invalid_token');
      const second = await auth.refresh(first.refreshToken);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      await auth.authenticate(second.accessToken);
      expect((await failure(auth.refresh(first.refreshToken))).code).toBe('auth.refresh_reused');
      // The thief's copy and the owner's newer tokens are all dead now.
      expect((await failure(auth.refresh(second.refreshToken))).code).toBe('auth.invalid_token');
      expect((await failure(auth.authenticate(second.accessToken))).code).toBe('auth.invalid_token');
    });

    it('access tokens expire after 15 minutes; logout revokes', async () => {
      const tokens = await auth.register({ email: email(), password: 'password two' });
      clock.advance(16 * 60_000);
      expect((await failure(auth.authenticate(tokens.accessToken))).code).toBe('auth.invalid_token');
      const fresh = await auth.refresh(tokens.refreshToken);
      await auth.logout(fresh.accessToken);
      expect((await failure(auth.authenticate(fresh.accessToken))).code).toBe('auth.invalid_token');
      expect((await failure(auth.authenticate('not.a.token'))).code).toBe('auth.invalid_token');
    });

    it('a /link code joins the email login to that Telegram user, once, and only for that Telegram id', async () => {
      const telegramId = 880_000 + ++seq;
      const telegram = await telegramUser(users, telegramId);
      const { code } = await auth.createLinkCode(telegram.user.id);
      // A code given with another Telegram id is refused (and spent).
      expect((await failure(auth.register({ email: email(), password: 'password three', telegramId: String(telegramId + 1), linkCode: code }))).code).toBe('auth.link_code_invalid');
      expect((await failure(auth.register({ email: email(), password: 'password three', telegramId: String(telegramId) }))).code).toBe('auth.link_code_required');
      const again = await auth.createLinkCode(telegram.user.id);
      const tokens = await auth.register({ email: email(), password: 'password three', telegramId: String(telegramId), linkCode: again.code.toLowerCase() });
      const session = await auth.authenticate(tokens.accessToken);
      expect(session.user.id).toBe(telegram.user.id);
      expect(session.account.id).toBe(telegram.account.id);
      expect((await failure(auth.register({ email: email(), password: 'password three', telegramId: String(telegramId), linkCode: again.code }))).code).toBe('auth.link_code_invalid');
      const late = await auth.createLinkCode(telegram.user.id);
      clock.advance(11 * 60_000);
      expect((await failure(auth.register({ email: email(), password: 'password three', telegramId: String(telegramId), linkCode: late.code }))).code).toBe('auth.link_code_invalid');
    });

    it('every instance gets the same signing key', async () => {
      const a = await repo.signingKey(() => 'first');
      const b = await repo.signingKey(() => 'second');
      expect(a).toBe(b);
    });
  });
}
