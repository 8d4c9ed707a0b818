import type { ParseResult } from '../nlu/contract.js';

/** What the bot needs besides the trading facade; the db repositories satisfy these. */
export interface UpdateDedupe {
  firstSeen(updateId: number): Promise<boolean>;
}

export interface CommandLog {
  record(entry: {
    userId: number | null;
    chatId: number | null;
    text: string;
    parser: string | null;
    intent: string | null;
    entities: Record<string, unknown> | null;
    confidence: number | null;
    outcome: string;
    reply: string | null;
  }): Promise<void>;
}

export interface MessageParser {
  parse(text: string): Promise<ParseResult>;
}

/** Key → JSON storage for conversation state (the db's KvStoreRepo). */
export interface ConversationStore {
  read(key: string): Promise<unknown>;
  write(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What a handler says about the message it answered; the history middleware stores it. */
export interface HistoryNote {
  parser: string | null;
  intent: string | null;
  entities: Record<string, unknown> | null;
  confidence: number | null;
  outcome: string;
  reply: string | null;
}
