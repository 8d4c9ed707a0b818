/**
 * Telegram's flood limits as a fake Bot API enforces them: at most 30 messages in any second to
 * all chats, 1 in any second to one chat, 20 in any minute to one group; past them, a 429 with
 * retry_after. (Telegram publishes the figures, not the exact windows: these are strict sliding
 * windows, so a sender that passes here keeps to the published figures at every moment.) It also
 * keeps what the benchmark reports: the highest counts seen in any window.
 */
export class TelegramLimits {
  private readonly all: number[] = [];
  private readonly perChat = new Map<number, number[]>();
  /** The most messages seen in any 1 s window, overall and to one chat; answered 429s. */
  readonly seen = { maxPerSecond: 0, maxPerChatPerSecond: 0, maxPerGroupPerMinute: 0, refused: 0 };

  constructor(private readonly limits = { perSecond: 30, perChatPerSecond: 1, perGroupPerMinute: 20 }) {}

  /** Counts a message to `chatId` at `now`, or refuses it (then it does not count). */
  take(chatId: number, now: number): { ok: true } | { ok: false; retryAfter: number } {
    const group = chatId < 0;
    const chat = this.perChat.get(chatId) ?? [];
    const inLast = (list: number[], ms: number) => list.filter((t) => t > now - ms);
    const all = inLast(this.all, 1000);
    const chatSecond = inLast(chat, 1000);
    const groupMinute = group ? inLast(chat, 60_000) : [];
    let wait = 0;
    if (all.length >= this.limits.perSecond) wait = Math.max(wait, all[0]! + 1000 - now);
    if (chatSecond.length >= this.limits.perChatPerSecond) wait = Math.max(wait, chatSecond[0]! + 1000 - now);
    if (group && groupMinute.length >= this.limits.perGroupPerMinute) wait = Math.max(wait, groupMinute[0]! + 60_000 - now);
    if (wait > 0) {
      this.seen.refused++;
      return { ok: false, retryAfter: Math.max(1, Math.ceil(wait / 1000)) };
    }
    this.all.length = 0;
    this.all.push(...all, now);
    chat.push(now);
    this.perChat.set(chatId, inLast(chat, 60_000));
    this.seen.maxPerSecond = Math.max(this.seen.maxPerSecond, this.all.length);
    this.seen.maxPerChatPerSecond = Math.max(this.seen.maxPerChatPerSecond, chatSecond.length + 1);
    if (group) this.seen.maxPerGroupPerMinute = Math.max(this.seen.maxPerGroupPerMinute, groupMinute.length + 1);
    return { ok: true };
  }
}

/** The Bot API methods that put something in a chat (and so count against its limits). */
export const CHAT_METHODS = new Set(['sendmessage', 'editmessagetext', 'sendphoto', 'editmessagereplymarkup', 'senddocument']);
