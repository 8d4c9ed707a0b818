import type { Clock } from '../shared/clock.js';
import type { DigestPayload, DigestPreference, NewNotification, Notification } from './notification.js';
import type { DigestSettings, Outbox } from './ports.js';

const DIGEST_LIMIT = 30;

/**
 * The notification use cases every interface calls: how a user wants non-urgent news (as it
 * happens, or gathered hourly or daily), telling the outbox that an interface already showed
 * something in place, and gathering held news into digests (a job).
 */
export class NotificationService {
  constructor(private readonly deps: { outbox: Outbox; settings: DigestSettings; clock: Clock }) {}

  digestPreference(userId: number): Promise<DigestPreference> {
    return this.deps.settings.get(userId);
  }

  /** Fills, triggered stops, rejections and alerts always arrive at once; the rest may be gathered. */
  async setDigestPreference(userId: number, preference: DigestPreference): Promise<void> {
    await this.deps.settings.set(userId, preference);
    // Turning the digest off sends what was held right away, as one digest.
    if (preference === 'off') await this.deps.outbox.gatherDigest(userId, (held) => digestOf(userId, 'hourly', held));
  }

  /** An interface showed this notification's news itself (the ✅'s own edit): it is not sent again. */
  acknowledge(key: string): Promise<boolean> {
    return this.deps.outbox.ack(key, new Date(this.deps.clock.now()));
  }

  /** Every user whose held news is old enough gets it as one message. Resolves with how many digests were made. */
  async gatherDigests(): Promise<number> {
    let made = 0;
    for (const { userId, period } of await this.deps.outbox.digestsDue(new Date(this.deps.clock.now()), DIGEST_LIMIT)) {
      if ((await this.deps.outbox.gatherDigest(userId, (held) => digestOf(userId, period, held))) > 0) made++;
    }
    return made;
  }
}

/** One digest of held notifications: urgent itself (it is already late), keyed by its first item. */
export function digestOf(userId: number, period: DigestPayload['period'], held: readonly Notification[]): NewNotification<'digest', DigestPayload> | null {
  if (held.length === 0) return null;
  return {
    key: `digest:${userId}:${held[0]!.id}`,
    userId,
    kind: 'digest',
    subject: null,
    urgent: true,
    payload: { period, items: held.map((n) => ({ kind: n.kind, subject: n.subject, payload: n.payload, createdAt: n.createdAt.toISOString() })) },
  };
}
