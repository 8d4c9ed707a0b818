import type { Context } from 'grammy';
import type { Account, User } from '../trading/types.js';

/** grammY's context plus who is talking, filled in by the user middleware. */
export interface ParleyFlavor {
  parley?: { user: User; account: Account; created: boolean };
}
export type ParleyContext = Context & ParleyFlavor;
