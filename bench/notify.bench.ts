// `npm run -s bench notify`: events through the outbox to a fake Bot API that enforces Telegram's
// flood limits (429 + retry_after when exceeded). Counts what each chat received against what was
// published: delivered, duplicated, lost; times it beside the floor Telegram's limits allow for the
// messages actually sent (messages ÷ 30/s), and reports the highest rates the fake saw.
//   --events=N (10000)  --chats=C (1000)  --db=pglite|postgres (postgres reads BENCH_DATABASE_URL)
import { spawn } from 'node:child_process';
import { Api } from 'grammy';
import type { AlertNotification } from '../src/alerts/alert-events.js';
import { TelegramChannel } from '../src/bot/telegram-channel.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { DeliveryTargetRepo } from '../src/db/delivery-target-repo.js';
import { LeaseRepo } from '../src/db/lease-repo.js';
import { NotificationRepo } from '../src/db/notification-repo.js';
import { UserRepo } from '../src/db/user-repo.js';
import { NotificationSender } from '../src/notifications/notification-sender.js';
import type { NewNotification } from '../src/notifications/notification.js';
import { systemClock } from '../src/shared/clock.js';
import { dec } from '../src/shared/decimal.js';
import { silentLogger } from '../src/shared/logger.js';
import { projectPath } from '../src/shared/project-paths.js';
import { freshPostgres } from './support/fresh-postgres.js';
import type { TradingNotification } from '../src/trading/events.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=') ?? fallback;
const EVENTS = Number(arg('events', '10000'));
const CHATS = Number(arg('chats', '1000'));
const DB = arg('db', 'pglite');
const TOKEN = '7000000002:bench_notify_token_not_real_0000000';
const FIRST_CHAT = 300_000;

interface Stats {
  received: Array<{ chat: number; text: string; at: number }>;
  seen: { maxPerSecond: number; maxPerChatPerSecond: number; maxPerGroupPerMinute: number; refused: number };
  calls: number;
}

async function open(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (DB === 'pglite') return { database: await openDatabase({ dataDir: ':memory:', logger: silentLogger() }), drop: async () => {} };
  const admin = process.env.BENCH_DATABASE_URL;
  if (!admin) throw new Error('--db=postgres needs BENCH_DATABASE_URL');
  const pg = await freshPostgres(admin, 'parley_notify');
  return { database: await openDatabase({ url: pg.url, dataDir: ':memory:', logger: silentLogger() }), drop: pg.drop };
}

/** Event k: a fired alert, a fill or a report about an outside order (its buttons keep it alone); its text carries a marker only it has. */
function event(k: number, userId: number): NewNotification & { marker: string } {
  const kind = k % 10;
  if (kind < 7) {
    const level = (50_000 + k).toFixed(2);
    const n: AlertNotification = {
      key: `bench:alert:${k}`, userId, kind: 'alert.fired', subject: null, urgent: true,
      payload: { alert: { id: `a${k}`, userId, symbol: 'BTC/USDT', kind: 'level', direction: 'below', price: level, status: 'triggered', createdAt: new Date(), triggeredAt: new Date(), triggeredPrice: level, cancelledAt: null, cooldownMs: null, armed: false, snoozedUntil: null, expiresAt: null, fireCount: 1 }, last: 49_000 },
    };
    return { ...n, marker: `below ${Number(level).toLocaleString('en-US', { minimumFractionDigits: 2 })}` };
  }
  if (kind < 9) {
    const id = 1_000_000 + k;
    const order = { id, clientOrderId: `c${k}`, exchangeOrderId: null, symbol: 'ETH/USDT', side: 'buy' as const, type: 'limit' as const, status: 'filled' as const, amount: '0.5', price: '3000', triggerPrice: null, triggerNative: false, filled: '0.5', average: '3000', cost: '1500', fee: '1.5', feeCurrency: 'USDT', error: null, userId, accountId: 1 };
    const n: TradingNotification = { key: `bench:fill:${k}`, userId, kind: 'order.filled', subject: null, urgent: true, payload: { order, previousStatus: 'open', fill: { amount: '0.5', cost: '1500', fee: '1.5', feeCurrency: 'USDT' }, triggered: false } };
    return { ...n, marker: `#${id}` };
  }
  const n: TradingNotification = {
    key: `bench:foreign:${k}`, userId, kind: 'reconcile.foreign_order', subject: null, urgent: true,
    payload: { account: { id: 1, userId, exchange: 'binance', mode: 'live' }, order: { id: `X${k}Y`, symbol: 'SOL/USDT', side: 'sell', type: 'limit', amount: '3', price: '150' } },
  };
  return { ...n, marker: `X${k}Y` };
}

async function main(): Promise<void> {
  const api = spawn(process.execPath, ['--import', 'tsx', projectPath('bench/support/limited-bot-api.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => api.stdout!.once('data', (c: Buffer) => resolve(c.toString().trim())));
  const apiRoot = `http://127.0.0.1:${port}`;
  const { database, drop } = await open();
  try {
    const users = new UserRepo(database.db);
    const userIds: number[] = [];
    for (let i = 0; i < CHATS; i++) userIds.push((await users.identify({ provider: 'telegram', subject: String(FIRST_CHAT + i) }, { firstName: `U${i}` }, { asset: 'USDT', amount: dec(0) })).user.id);
    const outbox = new NotificationRepo(database.db);
    const channel = new TelegramChannel({ api: new Api(TOKEN, { apiRoot, timeoutSeconds: 15 }), identities: users, targets: new DeliveryTargetRepo(database.db), logger: silentLogger() });
    const sender = new NotificationSender({ outbox, leases: new LeaseRepo(database.db), channel, clock: systemClock, logger: silentLogger() });

    const events = Array.from({ length: EVENTS }, (_, k) => event(k, userIds[k % CHATS]!));
    console.log(`notify bench: ${EVENTS} events for ${CHATS} chats on ${DB === 'pglite' ? 'PGlite' : 'PostgreSQL'}; the fake Bot API enforces 30/s overall, 1/s per chat, 20/min per group`);
    const started = Date.now();
    sender.start();
    // The events arrive as a burst (a market move firing alerts and fills for everyone at once).
    for (let i = 0; i < events.length; i += 500) await outbox.publish(events.slice(i, i + 500).map(({ marker: _marker, ...n }) => n));
    const published = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      const { due } = await outbox.depth(new Date(Date.now() + 3600_000));
      if (due === 0) break;
    }
    const elapsed = (Date.now() - started) / 1000;
    await sender.stop();

    const stats = (await (await fetch(`${apiRoot}/stats`)).json()) as Stats;
    const byChat = new Map<number, string[]>();
    for (const r of stats.received) byChat.set(r.chat, [...(byChat.get(r.chat) ?? []), r.text]);
    let delivered = 0;
    let duplicates = 0;
    let lost = 0;
    events.forEach((e, k) => {
      const texts = byChat.get(FIRST_CHAT + (k % CHATS)) ?? [];
      const times = texts.reduce((n, t) => n + t.split(e.marker).length - 1, 0);
      if (times === 0) lost++;
      else delivered++;
      if (times > 1) duplicates++;
    });
    const rows = await outbox.all();
    const statuses = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    const messages = stats.received.length;
    const floor = messages / 30;
    console.log(`published ${EVENTS} in ${((published - started) / 1000).toFixed(1)} s; outbox rows by status ${JSON.stringify(statuses)}`);
    console.log(`sent ${messages} messages for ${EVENTS} events (plain notices to one chat share a message, up to 10); 429s answered: ${stats.seen.refused}`);
    console.log(`time ${elapsed.toFixed(1)} s vs ${floor.toFixed(1)} s floor at 30 messages/s for those messages (ratio ${(elapsed / floor).toFixed(2)}); ${(delivered / elapsed).toFixed(0)} events/s`);
    console.log(`highest rates seen by the fake: ${stats.seen.maxPerSecond} messages in one second overall, ${stats.seen.maxPerChatPerSecond} to one chat in one second`);
    console.log(`notify: events=${EVENTS} delivered=${delivered} duplicates=${duplicates} lost=${lost} max_per_chat_per_s=${stats.seen.maxPerChatPerSecond} max_per_s=${stats.seen.maxPerSecond}`);
    if (duplicates > 0 || lost > 0) process.exitCode = 1;
  } finally {
    api.kill();
    await database.close();
    await drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
