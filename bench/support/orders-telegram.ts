// The Bot API side of the orders bench, in the bench's own process: answers every call at once
// (so Parley's latency is not the fake's) and keeps what each chat was told — previews with their
// buttons, and every edit of them — so the run can be judged by what users saw.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface SentMessage {
  chatId: number;
  messageId: number;
  text: string;
  /** callback_data of the inline buttons, if any. */
  buttons: string[];
}

const BOT_INFO = { id: 7000000002, is_bot: true, first_name: 'Bench', username: 'orders_bench_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };

export class BenchTelegram {
  readonly token = '7000000002:orders_bench_token_not_real_000000';
  /** The webhook the app registered (setWebhook), with its secret. */
  webhook: { url: string; secret: string } | undefined;
  private server: Server | undefined;
  private nextMessageId = 1;
  private readonly sent = new Map<number, SentMessage[]>();
  /** "chat:message" → every text it was edited to, in order. */
  private readonly edits = new Map<string, string[]>();
  private readonly waiters = new Set<() => void>();
  readonly calls = new Map<string, number>();
  /** When each callback query was first answered (performance.now()): Parley answers right after the claim. */
  readonly answeredAt = new Map<string, number>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const method = (req.url ?? '').split('/').pop() ?? '';
        let params: Record<string, unknown> = {};
        try {
          params = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
        } catch {
          // grammY sends JSON; anything else gets the generic answer
        }
        const body = JSON.stringify({ ok: true, result: this.answer(method, params) });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  messagesTo(chatId: number): readonly SentMessage[] {
    return this.sent.get(chatId) ?? [];
  }

  /** The text a message shows now: its last edit, or what was sent. */
  shownText(chatId: number, messageId: number): string | undefined {
    const edits = this.edits.get(`${chatId}:${messageId}`);
    if (edits?.length) return edits.at(-1);
    return this.messagesTo(chatId).find((m) => m.messageId === messageId)?.text;
  }

  /** Resolves when `check` returns something, re-checked after every call; undefined at the deadline. */
  async waitFor<T>(check: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    const now = check();
    if (now !== undefined) return now;
    return new Promise((resolve) => {
      const done = (value: T | undefined) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(value);
      };
      const waiter = () => {
        const value = check();
        if (value !== undefined) done(value);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private answer(method: string, params: Record<string, unknown>): unknown {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    let result: unknown = true;
    if (method === 'getMe') result = BOT_INFO;
    else if (method === 'answerCallbackQuery' && !this.answeredAt.has(String(params.callback_query_id))) this.answeredAt.set(String(params.callback_query_id), performance.now());
    else if (method === 'setWebhook') this.webhook = { url: String(params.url), secret: String(params.secret_token) };
    else if (method === 'sendMessage') {
      const message: SentMessage = { chatId: Number(params.chat_id), messageId: this.nextMessageId++, text: String(params.text), buttons: buttonsOf(params.reply_markup) };
      const list = this.sent.get(message.chatId) ?? [];
      list.push(message);
      this.sent.set(message.chatId, list);
      result = { message_id: message.messageId, date: Math.floor(Date.now() / 1000), chat: { id: message.chatId, type: 'private' }, text: message.text };
    } else if (method === 'editMessageText') {
      const key = `${Number(params.chat_id)}:${Number(params.message_id)}`;
      this.edits.set(key, [...(this.edits.get(key) ?? []), String(params.text)]);
    }
    for (const waiter of [...this.waiters]) waiter();
    return result;
  }
}

function buttonsOf(markup: unknown): string[] {
  const rows = (markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined)?.inline_keyboard ?? [];
  return rows.flat().flatMap((b) => (b.callback_data ? [b.callback_data] : []));
}
