import type { ConversationFlavor } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { Session } from '../accounts/types.js';
import type { HistoryNote } from './ports.js';

/** grammY's context plus who is talking, filled in by the user middleware. */
export interface ParleyFlavor {
  parley?: Session;
  /** Left by the text handler for the history middleware. */
  historyNote?: HistoryNote;
}
/** The context outside conversations, before the conversations plugin adds its controls. */
export type BaseContext = Context & ParleyFlavor;
export type ParleyContext = ConversationFlavor<BaseContext>;

/** The Telegram identity of the person behind an update. */
export const telegramIdentity = (telegramUserId: number) => ({ provider: 'telegram' as const, subject: String(telegramUserId) });
