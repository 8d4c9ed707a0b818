// A Bot API for the notification benchmark: it enforces Telegram's flood limits (429 with
// retry_after past 30 messages a second overall, 1 a second per chat, 20 a minute per group)
// and records what each chat received. Run as its own process; prints its port on stdout.
// GET /stats answers what it saw.
import { createServer } from 'node:http';
import { CHAT_METHODS, TelegramLimits } from '../../test/fakes/telegram-limits.js';

const limits = new TelegramLimits();
const received: Array<{ chat: number; text: string; at: number }> = [];
let messageId = 0;
let calls = 0;
const botInfo = { id: 7000000002, is_bot: true, first_name: 'Bench', username: 'bench_notify_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const reply = (status: number, payload: unknown) => {
      const body = JSON.stringify(payload);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.url === '/stats') return reply(200, { received, seen: limits.seen, calls });
    calls++;
    const method = (req.url ?? '').split('/').pop() ?? '';
    let params: Record<string, unknown> = {};
    try {
      params = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
    } catch {
      // grammY sends JSON
    }
    if (method === 'getMe') return reply(200, { ok: true, result: botInfo });
    const chat = Number(params.chat_id);
    if (CHAT_METHODS.has(method.toLowerCase())) {
      const now = Date.now();
      const taken = limits.take(chat, now);
      if (!taken.ok) return reply(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${taken.retryAfter}`, parameters: { retry_after: taken.retryAfter } });
      received.push({ chat, text: String(params.text ?? ''), at: now });
    }
    return reply(200, { ok: true, result: method === 'sendMessage' ? { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: chat < 0 ? 'group' : 'private' }, text: params.text } : true });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as { port: number }).port}\n`));
