import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { WebLinkStore } from '../accounts/web-links.js';
import type { Db } from './client.js';
import { webLinks } from './schema.js';

/** The read-only web view's links and sessions (hashes only). */
export class WebLinkRepo implements WebLinkStore {
  constructor(private readonly db: Db) {}

  async insert(link: { codeHash: string; userId: number; expiresAt: Date }): Promise<void> {
    await this.db.insert(webLinks).values(link);
  }

  async open(codeHash: string, now: Date, session: { hash: string; expiresAt: Date }): Promise<{ userId: number } | { refused: 'expired' | 'used' | 'unknown' }> {
    // The conditional UPDATE is the whole decision: two tabs opening one link at once get one session.
    const [opened] = await this.db
      .update(webLinks)
      .set({ openedAt: now, sessionHash: session.hash, sessionExpiresAt: session.expiresAt })
      .where(and(eq(webLinks.codeHash, codeHash), isNull(webLinks.openedAt), gt(webLinks.expiresAt, now)))
      .returning({ userId: webLinks.userId });
    if (opened) return { userId: opened.userId };
    const [link] = await this.db.select({ openedAt: webLinks.openedAt }).from(webLinks).where(eq(webLinks.codeHash, codeHash));
    if (!link) return { refused: 'unknown' };
    return { refused: link.openedAt ? 'used' : 'expired' };
  }

  async session(hash: string, now: Date): Promise<{ userId: number; expiresAt: Date } | null> {
    const [row] = await this.db
      .select({ userId: webLinks.userId, expiresAt: webLinks.sessionExpiresAt })
      .from(webLinks)
      .where(and(eq(webLinks.sessionHash, hash), gt(webLinks.sessionExpiresAt, now)));
    return row?.expiresAt ? { userId: row.userId, expiresAt: row.expiresAt } : null;
  }

  async prune(before: Date): Promise<number> {
    const gone = await this.db
      .delete(webLinks)
      .where(or(and(isNull(webLinks.openedAt), lt(webLinks.expiresAt, before)), lt(webLinks.sessionExpiresAt, before)))
      .returning({ codeHash: webLinks.codeHash });
    return gone.length;
  }
}
