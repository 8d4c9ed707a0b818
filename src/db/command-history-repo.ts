import { desc, eq, lt } from 'drizzle-orm';
import type { CommandRecord } from '../shared/command-record.js';
import type { Db } from './client.js';
import { GroupCommit } from './group-commit.js';
import { commandHistory } from './schema.js';

export type { CommandRecord };

/** Every message and what came of it (for support, and for improving the parser). */
export class CommandHistoryRepo {
  private readonly inserts: GroupCommit<CommandRecord, undefined>;

  constructor(
    private readonly db: Db,
    options: { parallel?: number } = {},
  ) {
    // Many messages at once become one multi-row insert (see GroupCommit).
    this.inserts = new GroupCommit(async (entries) => {
      await this.db.insert(commandHistory).values(entries.map((e) => ({ ...e, text: e.text.slice(0, 4096), reply: e.reply?.slice(0, 4096) ?? null })));
      return entries.map(() => undefined);
    }, options);
  }

  async record(entry: CommandRecord): Promise<void> {
    await this.inserts.run(entry);
  }

  async recent(userId: number, limit = 20): Promise<Array<CommandRecord & { createdAt: Date }>> {
    const rows = await this.db.select().from(commandHistory).where(eq(commandHistory.userId, userId)).orderBy(desc(commandHistory.id)).limit(limit);
    return rows.map((r) => ({
      userId: r.userId,
      chatId: r.chatId,
      text: r.text,
      parser: r.parser,
      intent: r.intent,
      entities: r.entities as Record<string, unknown> | null,
      confidence: r.confidence,
      outcome: r.outcome ?? '',
      reply: r.reply,
      createdAt: r.createdAt,
    }));
  }

  async prune(before: Date): Promise<number> {
    const rows = await this.db.delete(commandHistory).where(lt(commandHistory.createdAt, before)).returning({ id: commandHistory.id });
    return rows.length;
  }
}
