import type { ParseResult } from '../nlu/contract.js';

// What the bot needs besides the use cases; the db repositories satisfy these.

/** 'mine': handle it; 'done': handled already; 'busy': someone is handling it now. */
export type UpdateClaim = 'mine' | 'done' | 'busy';

/** Each update handled once, by one process; a claim is a lease that a dead process lets lapse. */
export interface UpdateDedupe {
  readonly leaseMs: number;
  claim(updateId: number): Promise<UpdateClaim>;
  renew(updateId: number): Promise<void>;
  done(updateId: number): Promise<void>;
  /** Gives up this process's claim without marking the update handled: a redelivery takes it at once. */
  release(updateId: number): Promise<void>;
}

export type { CommandRecord, HistoryNote } from '../shared/command-record.js';
import type { CommandRecord } from '../shared/command-record.js';

export interface CommandLog {
  record(entry: CommandRecord): Promise<void>;
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

/** Where the chat shows things: a preview's message, the group an alert was set in (the db's DeliveryTargetRepo). */
export interface ChatTargets {
  set(target: { subject: string; channel: 'telegram'; chatId: number; messageId: number | null }): Promise<void>;
}
