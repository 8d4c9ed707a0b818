import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { SessionLookup } from '../accounts/auth-ports.js';
import type { UserDirectory } from '../accounts/ports.js';
import type { Identity, Profile, Session, User } from '../accounts/types.js';
import type { Decimal } from '../shared/decimal.js';
import type { AccountLookup } from '../trading/ports.js';
import type { Account } from '../trading/types.js';
import type { Db } from './client.js';
import { toNumeric } from './numeric.js';
import { exchangeAccounts, identities, paperBalances, users } from './schema.js';

type UserRow = typeof users.$inferSelect;
type AccountRow = typeof exchangeAccounts.$inferSelect;

const toUser = (row: UserRow): User => ({ id: row.id, username: row.username, firstName: row.firstName });
export const toAccount = (row: AccountRow): Account => ({ id: row.id, userId: row.userId, exchange: row.exchange, mode: row.mode as Account['mode'] });

/** A profile field left out is not a change; one given is written as given. */
const unchanged = (row: UserRow, profile: Profile): boolean =>
  (profile.username === undefined || row.username === (profile.username ?? null)) &&
  (profile.firstName === undefined || row.firstName === (profile.firstName ?? null)) &&
  (profile.languageCode === undefined || row.languageCode === (profile.languageCode ?? null));

/** Users, the identities they sign in with, and their default account. */
export class UserRepo implements UserDirectory, AccountLookup, SessionLookup {
  constructor(private readonly db: Db) {}

  async find(identity: Identity): Promise<Session | null> {
    const known = await this.known(identity);
    return known ? { user: toUser(known.user), account: toAccount(known.account), created: false } : null;
  }

  async identify(identity: Identity, profile: Profile, paperFunding: { asset: string; amount: Decimal }): Promise<Session> {
    // Nearly every update comes from a known user whose profile has not changed: one read, no
    // write (a write transaction would cost a commit on every message and every button press).
    const known = await this.known(identity);
    if (known && unchanged(known.user, profile) && known.blockedAt === null) return { user: toUser(known.user), account: toAccount(known.account), created: false };
    return this.db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ userId: identities.userId })
        .from(identities)
        .where(and(eq(identities.provider, identity.provider), eq(identities.subject, identity.subject)))
        .for('update');
      let user: UserRow;
      if (existing) {
        const changes = {
          ...(profile.username !== undefined ? { username: profile.username ?? null } : {}),
          ...(profile.firstName !== undefined ? { firstName: profile.firstName ?? null } : {}),
          ...(profile.languageCode !== undefined ? { languageCode: profile.languageCode ?? null } : {}),
        };
        const [updated] =
          Object.keys(changes).length > 0
            ? await tx.update(users).set(changes).where(eq(users.id, existing.userId)).returning()
            : await tx.select().from(users).where(eq(users.id, existing.userId));
        user = updated!;
        // Writing again after blocking the bot: they can be told things again.
        await tx.update(identities).set({ blockedAt: null }).where(and(eq(identities.provider, identity.provider), eq(identities.subject, identity.subject), isNotNull(identities.blockedAt)));
      } else {
        const [created] = await tx
          .insert(users)
          .values({ username: profile.username ?? null, firstName: profile.firstName ?? null, languageCode: profile.languageCode ?? null })
          .returning();
        // Two first messages racing: one identity row wins; the loser's user is rolled back with it.
        const claimed = await tx.insert(identities).values({ provider: identity.provider, subject: identity.subject, userId: created!.id }).onConflictDoNothing().returning();
        if (claimed.length === 0) throw new Error('identity claimed concurrently; retry');
        user = created!;
      }
      const inserted = await tx
        .insert(exchangeAccounts)
        .values({ userId: user.id, exchange: 'paper', mode: 'paper', label: 'main', isDefault: true })
        .onConflictDoNothing()
        .returning();
      const created = inserted.length > 0;
      if (created) {
        // Funding happens exactly once: only the transaction that created the account does it.
        await tx.insert(paperBalances).values({ accountId: inserted[0]!.id, asset: paperFunding.asset, free: toNumeric(paperFunding.amount) });
      }
      const accountRow =
        inserted[0] ??
        (await tx
          .select()
          .from(exchangeAccounts)
          .where(and(eq(exchangeAccounts.userId, user.id), eq(exchangeAccounts.isDefault, true)))
          .limit(1))[0]!;
      return { user: toUser(user), account: toAccount(accountRow), created };
    }).catch(async (error: unknown) => {
      // Lost the race to create this identity: the winner's user is there now.
      const winner = await this.find(identity);
      if (winner) return winner;
      throw error;
    });
  }

  /** A user and their default account, by id (the API's tokens name the user). */
  async sessionOf(userId: number): Promise<Session | null> {
    const [row] = await this.db
      .select({ user: users, account: exchangeAccounts })
      .from(users)
      .innerJoin(exchangeAccounts, and(eq(exchangeAccounts.userId, users.id), eq(exchangeAccounts.isDefault, true)))
      .where(eq(users.id, userId))
      .limit(1);
    return row ? { user: toUser(row.user), account: toAccount(row.account), created: false } : null;
  }

  async getAccount(accountId: number): Promise<Account | null> {
    const [row] = await this.db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, accountId)).limit(1);
    return row ? toAccount(row) : null;
  }

  /** Each user's identity on one provider (the Telegram channel: who is which chat), with blocked marks. */
  async identitiesOf(provider: Identity['provider'], userIds: readonly number[]): Promise<Map<number, { subject: string; blocked: boolean }>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .select({ userId: identities.userId, subject: identities.subject, blockedAt: identities.blockedAt })
      .from(identities)
      .where(and(eq(identities.provider, provider), inArray(identities.userId, [...new Set(userIds)])));
    return new Map(rows.map((r) => [r.userId, { subject: r.subject, blocked: r.blockedAt !== null }]));
  }

  /** The person blocked the bot (a send answered 403): nothing more is sent until they write again. */
  async markBlocked(provider: Identity['provider'], userId: number): Promise<void> {
    await this.db
      .update(identities)
      .set({ blockedAt: sql`now()` })
      .where(and(eq(identities.provider, provider), eq(identities.userId, userId)));
  }

  private async known(identity: Identity): Promise<{ user: UserRow; account: AccountRow; blockedAt: Date | null } | undefined> {
    const [row] = await this.db
      .select({ user: users, account: exchangeAccounts, blockedAt: identities.blockedAt })
      .from(identities)
      .innerJoin(users, eq(users.id, identities.userId))
      .innerJoin(exchangeAccounts, and(eq(exchangeAccounts.userId, users.id), eq(exchangeAccounts.isDefault, true)))
      .where(and(eq(identities.provider, identity.provider), eq(identities.subject, identity.subject)))
      .limit(1);
    return row;
  }
}
