// A minimal Bot API for benchmarks: answers every call at once with a plausible result,
// so what is measured is the bot's path, not the fake's. Run as its own process; prints
// its port on stdout.
import { createServer } from 'node:http';

let messageId = 0;
const botInfo = { id: 7000000001, is_bot: true, first_name: 'Bench', username: 'bench_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
const counts = new Map<string, number>();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const method = (req.url ?? '').split('/').pop() ?? '';
    counts.set(method, (counts.get(method) ?? 0) + 1);
    let params: Record<string, unknown> = {};
    try {
      params = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
    } catch {
      // grammY sends JSON; anything else is answered generically
    }
    let result: unknown = true;
    if (method === 'getMe') result = botInfo;
    else if (method === 'sendMessage') result = { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: params.chat_id, type: 'private' }, text: params.text };
    const body = JSON.stringify({ ok: true, result });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`${port}\n`);
});
process.on('message', (msg) => {
  if (msg === 'counts') process.send?.(Object.fromEntries(counts));
});
