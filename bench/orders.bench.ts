// `npm run -s bench orders`: a chaos run that checks no confirmed order is ever placed twice or
// lost. Randomized "buy 0.001 btc" → preview → ✅ flows go through the real app (webhook mode, a live
// Binance account on the fault-injecting fake Binance) with double presses, re-delivered updates,
// exchange faults and SIGKILL restarts; afterwards the exchange, the journal and what users were told
// are compared. Also times confirm → exchange request on clean flows, beside /health and a no-op
// update measured in the same run. Exits 1 on any duplicate or lost order. Never run in CI.
//   options: --flows=N (1000) --users=U (50) --concurrency=C (12) --restarts=R (30) --seed=S (1)
//            --faults=a,b (only these order request faults, e.g. none or slow-before; default all, see SEND_FAULTS)
//            --keep (keep the app logs even when the run passes)
//            --profile=DIR (V8 CPU profile of the last app process; use with --restarts=0)
//   BENCH_DATABASE_URL: PostgreSQL server to run on (a fresh database is made); default PGlite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchApp } from './support/orders-app.js';
import { audit, distinct, type Audit } from './support/orders-audit.js';
import { planFlow, planKills, seededRandom, SEND_FAULTS, type FlowPlan, type SendFault } from './support/orders-chaos.js';
import { BenchExchange, SYMBOLS } from './support/orders-exchange.js';
import { runFlow, type FlowRecord, type FlowWorld } from './support/orders-flow.js';
import { BenchTelegram } from './support/orders-telegram.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=') ?? fallback;
const FLOWS = Number(arg('flows', '1000'));
const USERS = Number(arg('users', '50'));
const CONCURRENCY = Number(arg('concurrency', '12'));
const RESTARTS = Number(arg('restarts', '30'));
const SEED = Number(arg('seed', '1'));
const PROFILE_DIR = arg('profile', '');
const FAULTS = arg('faults', '');
const KEEP = process.argv.includes('--keep');
const FIRST_USER = 910_001;

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'parley-orders-bench-'));
  const telegram = new BenchTelegram();
  const exchange = new BenchExchange();
  const [apiRoot, exchangeUrl] = await Promise.all([telegram.start(), exchange.start()]);
  const app = new BenchApp({ apiRoot, exchangeUrl, workDir, postgresUrl: process.env.BENCH_DATABASE_URL || undefined, profileDir: PROFILE_DIR || undefined });
  const users = Array.from({ length: USERS }, (_, i) => FIRST_USER + i);
  console.log(`orders bench: ${FLOWS} flows, ${USERS} users, ${CONCURRENCY} in flight, ${RESTARTS} restarts planned, seed ${SEED}, ${app.driver}; logs in ${workDir}`);
  await app.seed(users, exchange.account);
  process.on('exit', () => app.killNow());
  await app.start();

  const random = seededRandom(SEED);
  const prices = { btc: exchange.price(SYMBOLS.btc), eth: exchange.price(SYMBOLS.eth), sol: exchange.price(SYMBOLS.sol) };
  const kills = planKills(random, FLOWS, RESTARTS);
  const faults = FAULTS ? Object.fromEntries(FAULTS.split(',').map((f) => [f as SendFault, SEND_FAULTS[f as SendFault] ?? 1])) : SEND_FAULTS;
  const plans: FlowPlan[] = Array.from({ length: FLOWS }, (_, i) => planFlow(random, i, prices, kills.get(i), faults));
  let updateId = 1;
  const world: FlowWorld = { app, telegram, exchange, nextUpdateId: () => updateId++ };

  // The baseline, sampled all along under the same load: a bare round trip to /health and a no-op update.
  const baseline = { health: [] as number[], noop: [] as number[] };
  let running = true;
  const sampler = (async () => {
    while (running) {
      const health = await app.roundTrip('/health');
      if (health !== undefined) baseline.health.push(health);
      const noop = await app.roundTrip('/telegram/webhook', JSON.stringify({ update_id: updateId++ }));
      if (noop !== undefined) baseline.noop.push(noop);
      await sleep(50);
    }
  })();
  // Resting limits fill now and then, so the sync job has fills to book while all this goes on.
  const wiggles = setInterval(() => exchange.wiggle(), 15_000);

  // The fakes and the clock live in this process: its own stalls would show as Parley's latency.
  const benchLoop = monitorEventLoopDelay({ resolution: 5 });
  benchLoop.enable();
  const started = performance.now();
  const records: FlowRecord[] = [];
  const idle = [...users];
  let next = 0;
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      const user = idle.shift()!;
      records.push(await runFlow(world, plan, user));
      idle.push(user);
      if (records.length % 100 === 0) console.log(`  ${records.length}/${FLOWS} flows · ${app.restarts} restarts · ${exchange.orderRequests()} order requests · ${((performance.now() - started) / 1000).toFixed(0)} s`);
      if (app.failure) throw app.failure;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, USERS) }, worker));
  clearInterval(wiggles);
  benchLoop.disable();
  running = false;
  await sampler;

  // Settle: the sync job looks up whatever an interruption left 'submitting' (grace 1 s, every 5 s).
  await app.settled();
  const settleStart = performance.now();
  const unsettled = () => records.filter((r) => r.preview && telegram.shownText(r.user, r.preview.messageId)?.startsWith('⏳')).length;
  while (performance.now() - settleStart < 15_000 || (unsettled() > 0 && performance.now() - settleStart < 90_000)) await sleep(1000);
  await app.stop();
  const runSeconds = (performance.now() - started) / 1000;

  const database = await app.openDatabase();
  let result: Audit;
  try {
    result = await audit(records, exchange.allOrders(), database, telegram);
  } finally {
    await database.close();
  }
  await Promise.all([telegram.close(), exchange.close()]);
  await app.dropDatabase();

  report(records, result, baseline, exchange, app, runSeconds);
  // The histogram holds whole 5 ms timer intervals: what lies beyond 5 ms is the stall.
  const stall = (ns: number) => Math.max(0, ns / 1e6 - 5).toFixed(1);
  console.log(`bench process event-loop stalls (the harness's own share of any figure): p50 ${stall(benchLoop.percentile(50))} ms, p99 ${stall(benchLoop.percentile(99))} ms, max ${stall(benchLoop.max)} ms`);
  const ok = result.duplicates.length === 0 && result.lost.length === 0;
  if (ok && !KEEP) rmSync(workDir, { recursive: true, force: true });
  else console.log(`app logs kept in ${workDir}`);
  console.log(`orders: flows=${records.length} duplicates=${distinct(result.duplicates)} lost=${distinct(result.lost)} p99=${percentile(latencies(records, exchange), 0.99).toFixed(1)} ms`);
  process.exit(ok ? 0 : 1);
}

/**
 * Confirm press → the exchange receiving the order request, on flows nothing interrupted; split at
 * the press's answer ('claimed': webhook, dedupe, user, claim) and the rest ('sent': account, keys, ccxt).
 */
function latencies(records: FlowRecord[], exchange: BenchExchange, part: 'total' | 'claimed' | 'sent' = 'total'): number[] {
  // A flow's own fault acts on its request only after it arrived: it does not disqualify the sample.
  return records.flatMap((r) => {
    const arrival = r.confirmationId ? exchange.arrival(r.confirmationId) : undefined;
    if (!r.clean || arrival === undefined || r.pressedAt === undefined) return [];
    if (part === 'total') return [arrival - r.pressedAt];
    if (r.answeredAt === undefined || r.answeredAt > arrival) return [];
    return [part === 'claimed' ? r.answeredAt - r.pressedAt : arrival - r.answeredAt];
  });
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function tally<T>(items: T[], key: (item: T) => string | undefined): string {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts[k] = (counts[k] ?? 0) + 1;
  }
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

function report(records: FlowRecord[], result: Audit, baseline: { health: number[]; noop: number[] }, exchange: BenchExchange, app: BenchApp, seconds: number): void {
  const byIndex = new Map(records.map((r) => [r.plan.index, r]));
  const withPreview = records.filter((r) => r.preview);
  console.log(`\nran ${records.length} flows in ${seconds.toFixed(0)} s; ${withPreview.length} previews, ${records.filter((r) => r.confirmDelivered).length} with a ✅ delivered`);
  console.log(`chaos · presses: ${tally(withPreview, (r) => r.plan.press)}`);
  console.log(`chaos · order request faults: ${tally(withPreview, (r) => r.plan.sendFault)}`);
  console.log(`chaos · restarts: ${app.restarts} (${tally(records, (r) => r.killed)}); price wiggles every 15 s`);
  if (app.failedStarts.length) console.log(`STARTS THAT DID NOT BECOME READY after a kill: ${app.failedStarts.length} (${app.failedStarts.join(', ')})`);
  console.log(`exchange: ${exchange.orderRequests()} order requests, ${result.exchangeOrders} orders`);
  console.log(`journal (confirmation/order): ${Object.entries(result.journal).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`users were told: ${Object.entries(result.told).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const [title, list] of [['DUPLICATES', result.duplicates], ['LOST', result.lost]] as const) {
    console.log(`${title}: ${distinct(list)} confirmation(s), ${list.length} finding(s)`);
    for (const f of list.slice(0, 15)) console.log(`  flow ${f.flow} ${f.confirmationId}: ${f.what} [${describe(byIndex.get(f.flow))}]`);
  }
  for (const [title, list] of Object.entries(result.notes)) {
    console.log(`note · ${title}: ${list.length}`);
    for (const f of list.slice(0, 5)) console.log(`  flow ${f.flow} ${f.confirmationId}: ${f.what} [${describe(byIndex.get(f.flow))}]`);
  }
  const sample = latencies(records, exchange);
  const line = (name: string, values: number[]) =>
    `${name.padEnd(34)} n=${String(values.length).padStart(5)}  p50 ${percentile(values, 0.5).toFixed(1).padStart(6)} ms  p99 ${percentile(values, 0.99).toFixed(1).padStart(6)} ms  max ${Math.max(...values).toFixed(1).padStart(7)} ms`;
  console.log(line('confirm ✅ → exchange order request', sample));
  console.log(line('  of which ✅ → press answered', latencies(records, exchange, 'claimed')));
  console.log(line('  of which answered → request', latencies(records, exchange, 'sent')));
  console.log(line('baseline: GET /health round trip', baseline.health));
  console.log(line('baseline: no-op update round trip', baseline.noop));
  const ratio = (q: number) => (percentile(sample, q) / percentile(baseline.health, q)).toFixed(1);
  console.log(`ratio confirm→request / health round trip: p50 ${ratio(0.5)}×, p99 ${ratio(0.99)}×`);
}

function describe(record: FlowRecord | undefined): string {
  if (!record) return '';
  const p = record.plan;
  return [p.text, p.press, p.sendFault, p.lookup ? `lookup ${p.lookup.kind}` : '', record.killed ? `killed ${record.killed}` : ''].filter(Boolean).join(' · ');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
