import { InlineKeyboard } from 'grammy';
import type { Intent, ParseResult } from '../nlu/contract.js';
import { readRiskSizing } from '../assistant/risk-sizing.js';
import { isWhyQuestion } from '../assistant/why-question.js';
import type { BaseContext } from './context.js';

/**
 * In a group, Parley answers what is fine for everyone to read — prices, alerts set for the group,
 * help — and nothing about a person's money: their portfolio, orders, trades and accounts are
 * answered in a private chat. Buttons always act only for the person they belong to.
 */
const SAID_IN_GROUPS: ReadonlySet<Intent> = new Set(['get_price', 'set_alert', 'help', 'unknown']);

export const isGroup = (ctx: BaseContext): boolean => ctx.chat !== undefined && ctx.chat.type !== 'private';

export function allowedInGroup(parsed: ParseResult, text = ''): boolean {
  const { command } = parsed;
  // "risk 1% on btc with a stop at 58k" sizes a trade from the person's portfolio: private.
  if (readRiskSizing(text, parsed)) return false;
  // "why?" explains the person's last signal or proposal: private.
  if (isWhyQuestion(text)) return false;
  // "my alerts" (an alert with no coin) lists the person's own alerts: private.
  if (command.intent === 'set_alert') return Boolean(command.symbol);
  // Near misses about the person's own trades are private too.
  if (parsed.topic === 'trade_history' || parsed.topic === 'undo' || parsed.topic === 'alert_list') return false;
  return SAID_IN_GROUPS.has(command.intent);
}

/** "Let's talk about that in private", with a button that opens the private chat. */
export async function replyInPrivate(ctx: BaseContext): Promise<string> {
  const text = '🔒 That is about your money, so I answer it in our private chat — not here where the whole group reads along.';
  const username = ctx.me?.username;
  const keyboard = username ? new InlineKeyboard().url('Open a private chat', `https://t.me/${username}?start=private`) : undefined;
  await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
  return text;
}
