import { sql } from 'drizzle-orm';
import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/client.js';
import { formatPrice } from '../../src/shared/number-format.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/fake-telegram-server.js';
import { alertThatFiresSoon } from '../support/alert-forecast.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { ChatDriver, confirmationIdOf, messageIdOf, textOf } from '../support/chat-driver.js';
import { openTestPostgres, type TestDatabase } from '../support/databases.js';
import { redisServerAvailable, startRedisProcess, type RedisProcess } from '../support/redis-process.js';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy.js';
import { TEST_DATABASE_URL } from '../support/services.js';

const SECRET = 'scale_out_secret_0123456789';

/**
 * Scaled out, as deploy/docker-compose.yml runs it: two web processes (`npm run start:web`)
 * behind a round-robin balancer and one worker (`npm run worker`), on PostgreSQL and a Redis of
 * this test's own. A chat's updates alternate between the web processes; the worker runs the jobs
 * and sends the notifications. Every confirmation executes once, every notification arrives once,
 * a worker killed mid-delivery loses nothing, and neither does a Redis restart.
 */
describe.skipIf(!TEST_DATABASE_URL || !redisServerAvailable())('scale-out: two web processes and a worker', () => {
  let tg: FakeTelegram;
  let pg: TestDatabase;
  let redis: RedisProcess;
  let proxy: RoundRobinProxy;
  const webs: AppProcess[] = [];
  let worker: AppProcess;
  let env: Record<string, string>;

  const startWorker = () => startAppProcess(env, { entry: 'src/worker.ts', readyTimeoutMs: 60_000 });
  const chat = (id: number, name: string) => new ChatDriver(tg, { id, is_bot: false, first_name: name } satisfies User);
  const count = async (query: ReturnType<typeof sql>) => Number((rowsOf(await pg.db.execute(query))[0] as { n: string | number }).n);

  beforeAll(async () => {
    [tg, pg, redis] = await Promise.all([startFakeTelegram(), openTestPostgres(), startRedisProcess()]);
    proxy = await startRoundRobinProxy(() => webs.map((w) => w.url));
    env = {
      BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      WEBHOOK_URL: `${proxy.url}/hook`,
      WEBHOOK_SECRET: SECRET,
      DATABASE_URL: pg.url!,
      REDIS_URL: redis.url,
      MARKET_DATA: 'replay',
      PREVIEW_TTL_SECONDS: '10',
      ORDER_SUBMIT_GRACE_SECONDS: '2',
    };
    // The first process migrates (under an advisory lock); the others find it done.
    webs.push(await startAppProcess(env, { entry: 'src/web.ts', readyTimeoutMs: 60_000 }));
    const [second, w] = await Promise.all([startAppProcess(env, { entry: 'src/web.ts', readyTimeoutMs: 60_000 }), startWorker()]);
    webs.push(second);
    worker = w;
    await tg.waitFor((c) => c.method === 'setWebhook', 30_000);
  }, 120_000);

  afterAll(async () => {
    const processes = [...webs, worker].filter(Boolean);
    const codes = await Promise.all(processes.map((p) => p.stop()));
    await proxy?.close();
    await tg?.close();
    await redis?.stop();
    await pg?.close();
    // A process that did not end cleanly shows the end of what it wrote.
    const unclean = processes.filter((_, i) => codes[i] !== 0).map((p) => p.output().slice(-3000));
    expect(unclean).toEqual([]);
  });

  it('runs each role as asked: the web processes take updates, the worker sends and has its own health', async () => {
    const health = await Promise.all([...webs, worker].map(async (p) => (await fetch(`${p.url}/health`)).json() as Promise<Record<string, string>>));
    expect(health.map((h) => h.role)).toEqual(['web', 'web', 'worker']);
    expect(health.every((h) => h.database === 'postgres' && h.jobs === 'bullmq')).toBe(true);
    expect(health[2]!.notifications).toMatch(/sending|standby/);
    expect((await fetch(`${worker.url}/hook`, { method: 'POST' })).status).toBe(404); // a worker takes no updates
  });

  it('executes a confirmation once when its ✅ is pressed on both instances at once, and once more after a redelivery', async () => {
    const ana = chat(9101, 'Ana');
    await ana.ask('/start', 'paper account');
    const preview = await ana.ask('buy 0.001 btc', 'Confirm');
    const mark = ana.mark();
    const press = tg.emulator.userPressesButton(ana.user, ana.chat, messageIdOf(preview), `t:ok:${confirmationIdOf(preview)}`);
    const before = [...proxy.counts];
    // The same press twice at once (round robin: one to each web process), then once more later.
    await Promise.all([ana.send(press), ana.send(tg.emulator.userPressesButton(ana.user, ana.chat, messageIdOf(preview), `t:ok:${confirmationIdOf(preview)}`))]);
    expect(proxy.counts.map((n, i) => n - (before[i] ?? 0))).toEqual([1, 1]);
    const done = await ana.waitForMessage('Bought 0.001 BTC', { after: mark, method: 'editMessageText', messageId: messageIdOf(preview) });
    await ana.send(press);
    expect(await count(sql`select count(*) as n from orders where client_order_id = ${confirmationIdOf(preview)}`)).toBe(1);
    expect(await count(sql`select count(*) as n from paper_orders where client_order_id = ${confirmationIdOf(preview)}`)).toBe(1);
    expect(textOf(done)).toContain('📝 PAPER');
  }, 30_000);

  it('continues a conversation on the other instance', async () => {
    const bo = chat(9102, 'Bo');
    await bo.ask('/start', 'paper account');
    const question = await bo.ask('buy btc', 'How much BTC');
    const mark = await bo.press(question, '$50');
    const preview = await bo.waitForMessage('Confirm', { after: mark });
    expect(textOf(preview)).toMatch(/Buy 0\.000\d+ BTC/);
    expect(textOf(await bo.confirm(preview, 'Bought'))).toContain('BTC');
  }, 30_000);

  it('sends a notification once from the worker, even when the worker is killed in the middle of sending it', async () => {
    const target = await alertThatFiresSoon({ quietSeconds: 8, holdSeconds: 12, withinSeconds: 40 });
    const coin = target.symbol.split('/')[0]!.toLowerCase();
    const watchers = Array.from({ length: 6 }, (_, i) => chat(9200 + i, `W${i}`));
    for (const w of watchers) {
      await w.ask('/start', 'paper account');
      await w.ask(`alert me when ${coin} ${target.direction === 'above' ? 'goes above' : 'drops below'} ${target.level}`, /Alert set/);
    }
    const fired = `🔔 ${target.symbol} is ${target.direction} ${formatPrice(target.level)}`;
    // The first notice the worker sends is held by "Telegram" until the worker dies with it in flight.
    tg.holdNext('sendMessage', (params) => String(params.text ?? '').startsWith(fired));
    const held = await tg.waitFor((c) => c.method === 'sendMessage' && c.injected && String(c.params.text).startsWith(fired), (target.reachedIn + 25) * 1000);
    await worker.kill();
    worker = await startWorker();
    // The new worker takes the sender's lease once the dead one's lapses, and finishes.
    for (const w of watchers) await w.waitForMessage(fired, { timeoutMs: 40_000 });
    for (const w of watchers) expect(w.callsMatching(fired).filter((c) => c.response?.ok)).toHaveLength(1);
    expect(held.response).toBeUndefined(); // never delivered: the resend is its only delivery
    // The row is marked sent just after Telegram answers, so the last one may lag the message by a moment.
    const unsent = () => count(sql`select count(*) as n from notifications where kind = 'alert.fired' and status <> 'sent'`);
    for (let i = 0; i < 50 && (await unsent()) !== 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await unsent()).toBe(0);
  }, 120_000);

  it('loses nothing when Redis restarts empty: orders execute once, and previews still expire', async () => {
    await redis.restart();
    const cy = chat(9103, 'Cy');
    await cy.ask('/start', 'paper account');
    const preview = await cy.ask('buy 0.002 btc', 'Confirm');
    await cy.confirm(preview, 'Bought 0.002 BTC');
    expect(await count(sql`select count(*) as n from orders where client_order_id = ${confirmationIdOf(preview)}`)).toBe(1);
    // Left alone, a preview expires (its own job, or the sweep whose schedule the worker puts back).
    const forgotten = await cy.ask('buy 0.003 btc', 'Confirm');
    const expired = await cy.waitForMessage('Expired', { method: 'editMessageText', messageId: messageIdOf(forgotten), timeoutMs: 60_000 });
    expect(textOf(expired)).toContain('Nothing was executed');
    expect(cy.callsMatching('Expired', 0, 'editMessageText').filter((c) => c.response?.ok)).toHaveLength(1);
  }, 90_000);
});
