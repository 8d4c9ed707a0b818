// `npm run -s bench chat`: throughput and latency of the whole webhook path (secret check,
// dedupe, parse, preview from the book, database writes, reply through the Bot API) on
// loopback, beside a bare grammY echo bot measured in the same run, same load.
//   --updates=N (3000)  --concurrency=C (200)  --users=U (200)  --rounds=R (2)  --chats=K (50)
//   --db=pglite|postgres|both   which database(s) the full path runs on, one line each
//                        (postgres reads BENCH_DATABASE_URL; default: both when it is set)
//   --profile=DIR       write a V8 CPU profile of the app
// Two measurements per bot: a closed loop keeping C updates in flight (throughput), and
// bursts of K updates sent at once, one per chat (latency "at K concurrent chats").
// Each bot runs R rounds, alternating, and the best round counts: other load on the
// machine only ever makes a round slower.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startAppProcess } from '../test/support/app-process.js';
import { projectPath } from '../src/shared/project-paths.js';
import { freshPostgres } from './support/fresh-postgres.js';
import { runLoad, type LoadResult } from './support/load.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=') ?? fallback;
const UPDATES = Number(arg('updates', '3000'));
const CONCURRENCY = Number(arg('concurrency', '200'));
const USERS = Number(arg('users', '200'));
const ROUNDS = Number(arg('rounds', '2'));
const CHATS = Number(arg('chats', '50'));
const BURSTS = 8;
const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? '';
const DBS = ((): Array<'pglite' | 'postgres'> => {
  const which = arg('db', BENCH_DATABASE_URL ? 'both' : 'pglite');
  if (which === 'both') return ['pglite', 'postgres'];
  if (which === 'pglite' || which === 'postgres') return [which];
  throw new Error(`--db must be pglite, postgres or both (got ${which})`);
})();
if (DBS.includes('postgres') && !BENCH_DATABASE_URL) throw new Error('--db=postgres needs BENCH_DATABASE_URL=postgres://…');
const PROFILE_DIR = arg('profile', '');
const TOKEN = '7000000001:bench_token_not_real_0000000000000';
const SECRET = 'bench_secret_0123456789abcdef';
const headers = { 'x-telegram-bot-api-secret-token': SECRET };

let updateId = 1;
const update = (user: number, text: string) =>
  JSON.stringify({
    update_id: updateId++,
    message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: user, type: 'private', first_name: `U${user}` }, from: { id: user, is_bot: false, first_name: `U${user}` }, text, ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.length }] } : {}) },
  });
const batch = (n: number, text: string) => Array.from({ length: n }, (_, i) => update(100_000 + (i % USERS), text));

function spawnTs(file: string, args: string[]): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', projectPath(file), ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const firstLine = new Promise<string>((resolve) => {
    let buffer = '';
    child.stdout!.on('data', (c: Buffer) => {
      buffer += c.toString();
      if (buffer.includes('\n')) resolve(buffer.split('\n')[0]!);
    });
  });
  return { child, firstLine };
}

interface Round {
  loop: LoadResult;
  burstP50: number;
  burstP99: number;
}

/** The measured part, the same for both bots. */
async function measure(url: string): Promise<Round> {
  await runLoad(url, batch(Math.min(1000, UPDATES), 'buy 0.01 btc'), { concurrency: CONCURRENCY, headers });
  const loop = await runLoad(url, batch(UPDATES, 'buy 0.01 btc'), { concurrency: CONCURRENCY, headers });
  const latencies: number[] = [];
  for (let i = 0; i < BURSTS; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const burst = await runLoad(url, batch(CHATS, 'buy 0.01 btc'), { concurrency: CHATS, headers, keepLatencies: true });
    latencies.push(...burst.latencies!);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { loop, burstP50: at(0.5), burstP99: at(0.99) };
}

async function bareRound(apiRoot: string): Promise<Round> {
  const port = await freePort();
  const bare = spawnTs('bench/support/bare-echo-bot.ts', [apiRoot, String(port), SECRET]);
  await bare.firstLine;
  try {
    return await measure(`http://127.0.0.1:${port}/`);
  } finally {
    bare.child.kill();
  }
}


async function fullRound(apiRoot: string, round: number, db: 'pglite' | 'postgres'): Promise<Round> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const pg = db === 'postgres' ? await freshPostgres(BENCH_DATABASE_URL) : undefined;
  const port = await freePort();
  const app = await startAppProcess(
    {
      BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`, WEBHOOK_SECRET: SECRET,
      DATA_DIR: dataDir, MARKET_DATA: 'replay', LOG_LEVEL: 'warn', ...(pg ? { DATABASE_URL: pg.url } : {}),
    },
    { port, readyTimeoutMs: 60_000, ...(PROFILE_DIR && round === 0 ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] } : {}) },
  );
  try {
    // Users exist before the measured run (first contact creates an account: a different path).
    await runLoad(`${app.url}/telegram/webhook`, Array.from({ length: USERS }, (_, i) => update(100_000 + i, '/start')), { concurrency: Math.min(CONCURRENCY, 50), headers });
    return await measure(`${app.url}/telegram/webhook`);
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await pg?.drop();
  }
}

const show = (name: string, r: Round) =>
  console.log(
    `${name.padEnd(14)} loop ${r.loop.perSecond.toFixed(0).padStart(5)} upd/s p50 ${r.loop.p50Ms.toFixed(1)} ms p99 ${r.loop.p99Ms.toFixed(1)} ms · ${CHATS} chats at once: p50 ${r.burstP50.toFixed(1)} ms p99 ${r.burstP99.toFixed(1)} ms · statuses ${JSON.stringify(r.loop.statuses)}`,
  );
const best = (rounds: Round[]): Round => ({
  loop: rounds.reduce((a, b) => (b.loop.perSecond > a.loop.perSecond ? b : a)).loop,
  burstP50: Math.min(...rounds.map((r) => r.burstP50)),
  burstP99: Math.min(...rounds.map((r) => r.burstP99)),
});

async function main(): Promise<void> {
  const api = spawnTs('bench/support/fast-bot-api.ts', []);
  const apiRoot = `http://127.0.0.1:${(await api.firstLine).trim()}`;
  console.log(`chat bench: ${UPDATES} updates, ${CONCURRENCY} in flight, ${USERS} users, bursts of ${CHATS} chats, ${ROUNDS} rounds, databases: ${DBS.join(', ')}`);
  // Rounds alternate bare, full on each database, … so slow spells of the machine hit them alike.
  const bare: Round[] = [];
  const full = new Map<string, Round[]>(DBS.map((db) => [db, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await bareRound(apiRoot));
      show('bare', bare.at(-1)!);
      for (const db of DBS) {
        full.get(db)!.push(await fullRound(apiRoot, round, db));
        show(`full ${db}`, full.get(db)!.at(-1)!);
      }
    }
  } finally {
    api.child.kill();
  }
  const b = best(bare);
  console.log('best rounds:');
  show('bare', b);
  for (const db of DBS) show(`full ${db}`, best(full.get(db)!));
  for (const db of DBS) {
    const f = best(full.get(db)!);
    console.log(
      `chat[${db}]: ratio=${(f.loop.perSecond / b.loop.perSecond).toFixed(2)} full=${f.loop.perSecond.toFixed(0)} upd/s bare=${b.loop.perSecond.toFixed(0)} upd/s p99@${CHATS}=${f.burstP99.toFixed(1)} ms bare_p99@${CHATS}=${b.burstP99.toFixed(1)} ms p99_ratio=${(f.burstP99 / b.burstP99).toFixed(2)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
