/** What a handler says about the message it answered; the history middleware stores it. */
export interface HistoryNote {
  parser: string | null;
  intent: string | null;
  entities: Record<string, unknown> | null;
  confidence: number | null;
  outcome: string;
  reply: string | null;
}

/** One message in the history: who sent what, and what the handler noted about it (the bot writes it, the database keeps it). */
export interface CommandRecord extends HistoryNote {
  userId: number | null;
  chatId: number | null;
  text: string;
}
