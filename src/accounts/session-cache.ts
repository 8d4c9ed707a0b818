import type { Clock } from '../shared/clock.js';
import type { Identity, Session } from './types.js';

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Who an identity is and which account they trade with, for a short while: every message and
 * button press needs it, and a known user rarely changes. Only a paper default is kept: when a
 * user switches away from a live account on another instance, this one must not go on trading
 * live with it for another minute. `forgetUser` drops a user's entries at once (after a switch,
 * a connect or a disconnect on this instance).
 */
export class SessionCache {
  private readonly entries = new Map<string, { session: Session; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = TTL_MS,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  get(identity: Identity): Session | undefined {
    const key = keyOf(identity);
    const hit = this.entries.get(key);
    if (hit && this.clock.now() - hit.at < this.ttlMs) return { ...hit.session, created: false };
    if (hit) this.entries.delete(key);
    return undefined;
  }

  set(identity: Identity, session: Session): void {
    const key = keyOf(identity);
    this.entries.delete(key);
    if (session.account.mode !== 'paper') return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { session, at: this.clock.now() });
  }

  forgetUser(userId: number): void {
    for (const [key, entry] of this.entries) if (entry.session.user.id === userId) this.entries.delete(key);
  }
}

const keyOf = (identity: Identity) => `${identity.provider}:${identity.subject}`;
