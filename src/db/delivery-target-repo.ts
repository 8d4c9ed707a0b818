import { and, inArray, like, lt, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { GroupCommit } from './group-commit.js';
import { deliveryTargets } from './schema.js';

export interface StoredTarget {
  subject: string;
  channel: string;
  chatId: number;
  messageId: number | null;
}

/**
 * Where a channel showed something (a preview's message) or should show it (the group an alert
 * was set in). Channel data, kept apart from the domain's rows.
 */
export class DeliveryTargetRepo {
  private readonly writes: GroupCommit<StoredTarget, undefined>;

  constructor(
    private readonly db: Db,
    options: { parallel?: number } = {},
  ) {
    // Every preview stores its message: many previews at once, one statement (see GroupCommit).
    this.writes = new GroupCommit(async (batch) => {
      const unique = [...new Map(batch.map((t) => [`${t.subject}\n${t.channel}`, t])).values()];
      await this.db
        .insert(deliveryTargets)
        .values(unique)
        .onConflictDoUpdate({
          target: [deliveryTargets.subject, deliveryTargets.channel],
          set: { chatId: sql`excluded.chat_id`, messageId: sql`excluded.message_id` },
        });
      return batch.map(() => undefined);
    }, options);
  }

  async set(target: StoredTarget): Promise<void> {
    await this.writes.run(target);
  }

  async get(channel: string, subjects: readonly string[]): Promise<Map<string, StoredTarget>> {
    if (subjects.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(deliveryTargets)
      .where(and(inArray(deliveryTargets.subject, [...new Set(subjects)]), sql`${deliveryTargets.channel} = ${channel}`));
    return new Map(rows.map((r) => [r.subject, { subject: r.subject, channel: r.channel, chatId: r.chatId, messageId: r.messageId }]));
  }

  /** Old preview messages (an alert's chat stays while the alert may fire). */
  async prune(before: Date, subjectPrefix = 'confirmation:'): Promise<number> {
    const rows = await this.db
      .delete(deliveryTargets)
      .where(and(lt(deliveryTargets.createdAt, before), like(deliveryTargets.subject, `${subjectPrefix}%`)))
      .returning({ subject: deliveryTargets.subject });
    return rows.length;
  }
}
