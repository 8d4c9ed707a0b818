import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { CredentialStore, LinkCodeStore, RefreshRecord, RefreshTokenStore, RotateOutcome } from '../accounts/auth-ports.js';
import type { Db } from './client.js';
import { identities, kvState, linkCodes, loginCredentials, refreshTokens } from './schema.js';

/** Email logins, refresh-token families and /link codes. Stores and loads; the rules are AuthService's. */
export class AuthRepo implements CredentialStore, RefreshTokenStore, LinkCodeStore {
  constructor(private readonly db: Db) {}

  async find(email: string): Promise<{ userId: number; passwordHash: string } | null> {
    const [row] = await this.db.select({ userId: loginCredentials.userId, passwordHash: loginCredentials.passwordHash }).from(loginCredentials).where(eq(loginCredentials.email, email)).limit(1);
    return row ?? null;
  }

  async create(input: { email: string; userId: number; passwordHash: string }): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.insert(loginCredentials).values(input).onConflictDoNothing().returning({ email: loginCredentials.email });
      if (inserted.length === 0) return false;
      await tx.insert(identities).values({ provider: 'email', subject: input.email, userId: input.userId }).onConflictDoNothing();
      const [owner] = await tx.select({ userId: identities.userId }).from(identities).where(and(eq(identities.provider, 'email'), eq(identities.subject, input.email)));
      if (owner?.userId !== input.userId) throw new Error('email identity belongs to another user');
      return true;
    });
  }

  async issue(record: RefreshRecord): Promise<void> {
    await this.db.insert(refreshTokens).values(record);
  }

  async rotate(id: string, now: Date, next: (userId: number, family: string) => RefreshRecord): Promise<RotateOutcome> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.id, id)).for('update');
      if (!row || row.revokedAt !== null || row.expiresAt <= now) return { outcome: 'invalid' as const };
      if (row.usedAt !== null) {
        await tx.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.family, row.family), isNull(refreshTokens.revokedAt)));
        return { outcome: 'reused' as const };
      }
      await tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.id, id));
      await tx.insert(refreshTokens).values(next(row.userId, row.family));
      return { outcome: 'rotated' as const, userId: row.userId };
    });
  }

  async revokeFamily(family: string, now: Date): Promise<void> {
    await this.db.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.family, family), isNull(refreshTokens.revokedAt)));
  }

  async familyActive(family: string): Promise<boolean> {
    const [row] = await this.db
      .select({ revoked: sql<boolean>`bool_or(${refreshTokens.revokedAt} is not null)`, count: sql<number>`count(*)::int` })
      .from(refreshTokens)
      .where(eq(refreshTokens.family, family));
    return !!row && row.count > 0 && !row.revoked;
  }

  async createLinkCode(input: { codeHash: string; userId: number; expiresAt: Date }): Promise<void> {
    await this.db.insert(linkCodes).values(input);
  }

  async consumeLinkCode(codeHash: string, now: Date): Promise<number | null> {
    const [row] = await this.db
      .update(linkCodes)
      .set({ usedAt: now })
      .where(and(eq(linkCodes.codeHash, codeHash), isNull(linkCodes.usedAt), gt(linkCodes.expiresAt, now)))
      .returning({ userId: linkCodes.userId });
    return row?.userId ?? null;
  }

  /**
   * The key tokens are signed with when JWT_SECRET is unset: made once, kept in the database, so
   * every instance signs and checks with the same one. The first writer wins; everyone reads it.
   */
  async signingKey(generate: () => string): Promise<string> {
    const key = 'api:jwt-signing-key';
    await this.db.insert(kvState).values({ key, value: { v: generate() } }).onConflictDoNothing();
    const [row] = await this.db.select().from(kvState).where(eq(kvState.key, key));
    return (row!.value as { v: string }).v;
  }
}
