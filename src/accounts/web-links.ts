import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../shared/clock.js';

/**
 * Read-only web sessions opened from the chat. `/web` issues a one-time link; opening it (once,
 * before it expires) gives the browser a session token that can read the owner's portfolio and
 * nothing else, for the same length of time. Only hashes are stored: a database dump holds no
 * usable link or session.
 */
export interface WebLinkStore {
  insert(link: { codeHash: string; userId: number; expiresAt: Date }): Promise<void>;
  /**
   * In one statement: an unused, unexpired link becomes used and gets the session. Otherwise why
   * not ('expired', 'used', 'unknown'), so the page can say so.
   */
  open(codeHash: string, now: Date, session: { hash: string; expiresAt: Date }): Promise<{ userId: number } | { refused: 'expired' | 'used' | 'unknown' }>;
  /** The user a live session belongs to. */
  session(hash: string, now: Date): Promise<{ userId: number; expiresAt: Date } | null>;
  /** Forgets links and sessions that ended before `before`. */
  prune(before: Date): Promise<number>;
}

export type OpenedLink = { outcome: 'opened'; userId: number; token: string; expiresAt: Date } | { outcome: 'expired' | 'used' | 'unknown' };

/** What a token looks like: base64url of 32 random bytes (43 characters). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const newSecret = (): string => randomBytes(32).toString('base64url');

export class WebLinkService {
  constructor(private readonly deps: { store: WebLinkStore; clock: Clock; /** How long a link can be opened, and how long the session it opens lasts. */ ttlMs: number }) {}

  async issue(userId: number): Promise<{ code: string; expiresAt: Date }> {
    const code = newSecret();
    const expiresAt = new Date(this.deps.clock.now() + this.deps.ttlMs);
    await this.deps.store.insert({ codeHash: hashOf(code), userId, expiresAt });
    return { code, expiresAt };
  }

  async open(code: string): Promise<OpenedLink> {
    if (!TOKEN.test(code)) return { outcome: 'unknown' };
    const now = this.deps.clock.now();
    const token = newSecret();
    const expiresAt = new Date(now + this.deps.ttlMs);
    const opened = await this.deps.store.open(hashOf(code), new Date(now), { hash: hashOf(token), expiresAt });
    if ('refused' in opened) return { outcome: opened.refused };
    return { outcome: 'opened', userId: opened.userId, token, expiresAt };
  }

  /** The reader behind a session token, or null (unknown, malformed or ended). */
  async reader(token: string): Promise<{ userId: number; expiresAt: Date } | null> {
    if (!TOKEN.test(token)) return null;
    return this.deps.store.session(hashOf(token), new Date(this.deps.clock.now()));
  }

  /** Forgets links and sessions that ended before `before` (the prune job). */
  prune(before: Date): Promise<number> {
    return this.deps.store.prune(before);
  }
}
