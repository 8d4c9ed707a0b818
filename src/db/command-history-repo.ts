import { desc, eq, lt } from 'drizzle-orm';
import type { Db } from './client.js';
import { commandHistory } from './schema.js';

export interface CommandRecord {
  userId: number | null;
  chatId: number | null;
  text: string;
  parser: string | null;
  intent: string | null;
  entities: Record<string, unknown> | null;
  confidence: number | null;
  outcome: string;
  reply: string | null;
}

/** Every message and what came of it (for support, and for improving the parser). */
export class CommandHistoryRepo {
  constructor(private readonly db: Db) {}

  async record(entry: CommandRecord): Promise<void> {
    await this.db.insert(commandHistory).values({ ...entry, text: entry.text.slice(0, 4096), reply: entry.reply?.slice(0, 4096) ?? null });
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
