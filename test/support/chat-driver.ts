import type { Chat, InlineKeyboardMarkup, Update, User } from 'grammy/types';
import type { FakeTelegram, RecordedCall } from '../fakes/fake-telegram-server.js';

/**
 * One Telegram user talking to the app through the fake Bot API, as a person would: text
 * messages and button presses in, and what the bot sends, edits and answers out. Every wait is
 * on a Bot API call (no sleeps); `mark()` before an action keeps an earlier message from matching.
 */

export interface Button {
  text: string;
  callback_data: string;
}
type Match = string | RegExp;

export interface WaitOptions {
  /** Only calls made after this mark (default: any, past or future). */
  after?: number;
  /** Bot API method(s); default sendMessage. */
  method?: string | readonly string[];
  /** Only edits of (or answers about) this message. */
  messageId?: number;
  timeoutMs?: number;
}

/** The text a call shows: a message's, an edit's, or a button answer's. */
export const textOf = (call: RecordedCall): string => String(call.params.text ?? '');

export const buttonsOf = (call: RecordedCall): Button[] => ((call.params.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard.flat() ?? []) as Button[];

/** The id of the message a call sent or edited. */
export function messageIdOf(call: RecordedCall): number {
  if (call.method === 'sendMessage') return (call.response as { result: { message_id: number } }).result.message_id;
  return Number(call.params.message_id);
}

/** The confirmation id behind a preview's ✅ (the exchange's client order id). */
export const confirmationIdOf = (preview: RecordedCall): string => button(preview, '✅').callback_data.replace(/^t:ok:/, '');

/** The order number a bot message names first: "Order #12 · filled" → "12". */
export function orderNumberIn(text: string): string {
  const found = /#(\d+)/.exec(text);
  if (!found) throw new Error(`no order number in: ${text}`);
  return found[1]!;
}

/** "55,870.85" → 55870.85 */
export const numberIn = (text: string): number => Number(text.replace(/,/g, ''));

function button(call: RecordedCall, label: Match): Button {
  const found = buttonsOf(call).find((b) => matches(b.text, label));
  if (!found) throw new Error(`no button ${String(label)} in ${JSON.stringify(buttonsOf(call).map((b) => b.text))} of: ${textOf(call)}`);
  return found;
}

const matches = (text: string, match: Match): boolean => (typeof match === 'string' ? text.includes(match) : match.test(text));

export class ChatDriver {
  readonly chat: Chat;

  constructor(
    readonly tg: FakeTelegram,
    readonly user: User,
    chat?: Chat,
  ) {
    this.chat = chat ?? { id: user.id, type: 'private', first_name: user.first_name };
  }

  mark(): number {
    return this.tg.calls.length;
  }

  async send(update: Update): Promise<void> {
    const status = await this.tg.sendUpdateToWebhook(update);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
  }

  /** Sends a text message; resolves when the webhook has answered (the reply is usually out by then). */
  async say(text: string): Promise<number> {
    const mark = this.mark();
    await this.send(this.tg.emulator.userSendsText(this.user, this.chat, text));
    return mark;
  }

  /** Says something and waits for the bot's message (sent after it) matching `match`. */
  async ask(text: string, match: Match, options: Omit<WaitOptions, 'after'> = {}): Promise<RecordedCall> {
    const mark = await this.say(text);
    return this.waitForMessage(match, { ...options, after: mark });
  }

  /** The last price of a coin, read from the bot's answer to "price of …". */
  async price(coin: string): Promise<number> {
    const reply = await this.ask(`price of ${coin.toLowerCase()}`, `<b>${coin.toUpperCase()}</b>`);
    const found = new RegExp(`<b>${coin.toUpperCase()}</b> ([\\d,.]+) USDT`).exec(textOf(reply));
    if (!found) throw new Error(`no price in: ${textOf(reply)}`);
    return numberIn(found[1]!);
  }

  /** Presses the button whose label matches, on a message the bot sent or edited. */
  async press(message: RecordedCall, label: Match): Promise<number> {
    const mark = this.mark();
    await this.send(this.pressUpdate(message, label));
    return mark;
  }

  /**
   * Presses without waiting for the webhook's answer — for a press whose handling is meant to
   * hang (an exchange holding its answer) while the app is killed. The returned promise never rejects.
   */
  pressAndLeave(message: RecordedCall, label: Match): { mark: number; delivered: Promise<unknown> } {
    const mark = this.mark();
    const delivered = this.tg.sendUpdateToWebhook(this.pressUpdate(message, label)).catch((error: unknown) => error);
    return { mark, delivered };
  }

  /** ✅ on a preview, then the edit of that preview matching `match`. */
  async confirm(preview: RecordedCall, match: Match, timeoutMs?: number): Promise<RecordedCall> {
    const mark = await this.press(preview, '✅');
    return this.waitForMessage(match, { after: mark, method: 'editMessageText', messageId: messageIdOf(preview), ...(timeoutMs ? { timeoutMs } : {}) });
  }

  /** The first bot call to this chat (past or future, after `after`) whose text matches. */
  waitForMessage(match: Match, options: WaitOptions = {}): Promise<RecordedCall> {
    const methods = typeof options.method === 'string' ? [options.method] : (options.method ?? ['sendMessage']);
    return this.tg.waitFor(
      (call) =>
        (options.after === undefined || this.tg.calls.indexOf(call) >= options.after) &&
        methods.includes(call.method) &&
        (call.method === 'answerCallbackQuery' || Number(call.params.chat_id) === this.chat.id) &&
        (options.messageId === undefined || Number(call.params.message_id) === options.messageId) &&
        call.response?.ok === true &&
        matches(textOf(call), match),
      options.timeoutMs ?? 15_000,
    );
  }

  /** Bot calls to this chat after `after` whose text matches (for "exactly once" counts). */
  callsMatching(match: Match, after = 0, method = 'sendMessage'): RecordedCall[] {
    return this.tg.calls.slice(after).filter((c) => c.method === method && Number(c.params.chat_id) === this.chat.id && matches(textOf(c), match));
  }

  private pressUpdate(message: RecordedCall, label: Match): Update {
    return this.tg.emulator.userPressesButton(this.user, this.chat, messageIdOf(message), button(message, label).callback_data);
  }
}
