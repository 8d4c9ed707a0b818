import { and, eq, sql } from 'drizzle-orm';
import type { TelegramProfile, UserStore } from '../trading/ports.js';
import type { Account, User } from '../trading/types.js';
import type { Decimal } from '../shared/decimal.js';
import type { Db } from './client.js';
import { toNumeric } from './numeric.js';
import { exchangeAccounts, paperBalances, users } from './schema.js';

type UserRow = typeof users.$inferSelect;
type AccountRow = typeof exchangeAccounts.$inferSelect;

const toUser = (row: UserRow): User => ({ id: row.id, telegramId: row.telegramId, username: row.username, firstName: row.firstName });
const toAccount = (row: AccountRow): Account => ({ id: row.id, userId: row.userId, exchange: row.exchange, mode: row.mode as Account['mode'] });

const sameProfile = (row: UserRow, profile: TelegramProfile): boolean =>
  row.username === (profile.username ?? null) && row.firstName === (profile.firstName ?? null) && row.languageCode === (profile.languageCode ?? null);

export class UserRepo implements UserStore {
  constructor(private readonly db: Db) {}

  async ensureUser(profile: TelegramProfile, paperFunding: { asset: string; amount: Decimal }): Promise<{ user: User; account: Account; created: boolean }> {
    // Nearly every update comes from a known user whose profile has not changed: one read, no
    // write (a write transaction would cost a commit on every message and every button press).
    const [known] = await this.db
      .select({ user: users, account: exchangeAccounts })
      .from(users)
      .innerJoin(exchangeAccounts, and(eq(exchangeAccounts.userId, users.id), eq(exchangeAccounts.isDefault, true)))
      .where(eq(users.telegramId, profile.telegramId))
      .limit(1);
    if (known && sameProfile(known.user, profile)) return { user: toUser(known.user), account: toAccount(known.account), created: false };
    return this.db.transaction(async (tx) => {
      // Insert-or-touch: two first messages racing both end with the same single user.
      const [userRow] = await tx
        .insert(users)
        .values({ telegramId: profile.telegramId, username: profile.username ?? null, firstName: profile.firstName ?? null, languageCode: profile.languageCode ?? null })
        .onConflictDoUpdate({
          target: users.telegramId,
          set: { username: sql`excluded.username`, firstName: sql`excluded.first_name`, languageCode: sql`excluded.language_code` },
        })
        .returning();
      const user = userRow!;
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
    });
  }

  async findByTelegramId(telegramId: number): Promise<{ user: User; account: Account } | null> {
    const rows = await this.db
      .select({ user: users, account: exchangeAccounts })
      .from(users)
      .innerJoin(exchangeAccounts, and(eq(exchangeAccounts.userId, users.id), eq(exchangeAccounts.isDefault, true)))
      .where(eq(users.telegramId, telegramId))
      .limit(1);
    const row = rows[0];
    return row ? { user: toUser(row.user), account: toAccount(row.account) } : null;
  }

  async getAccount(accountId: number): Promise<Account | null> {
    const [row] = await this.db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, accountId)).limit(1);
    return row ? toAccount(row) : null;
  }
}
