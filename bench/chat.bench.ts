// `npm run -s bench chat`: throughput and latency of the whole webhook path (secret check,
// dedupe, parse, preview from the book, database writes, reply through the Bot API) under
// concurrent load on loopback, beside a bare grammY echo bot measured in the same run.
//   options: --updates=N (4000) --concurrency=C (200) --users=U (200) --database=URL (PGlite when absent)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startAppProcess } from '../test/support/app-process.js';
import { projectPath } from '../src/shared/project-paths.js';
import { runLoad, type LoadResult } from './support/load.js';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=') ?? fallback;
const UPDATES = Number(arg('updates', '4000'));
const CONCURRENCY = Number(arg('concurrency', '200'));
const USERS = Number(arg('users', '200'));
const DATABASE = arg('database', '');
const PROFILE_DIR = arg('profile', ''); // a folder: the app writes a V8 CPU profile there
const TOKEN = '7000000001:bench_token_not_real_0000000000000';
const SECRET = 'bench_secret_0123456789abcdef';

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

const show = (name: string, r: LoadResult) =>
  console.log(`${name.padEnd(6)} ${r.perSecond.toFixed(0).padStart(6)} upd/s  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms  max ${r.maxMs.toFixed(1)} ms  statuses ${JSON.stringify(r.statuses)}`);

async function main(): Promise<void> {
  const api = spawnTs('bench/support/fast-bot-api.ts', []);
  const apiRoot = `http://127.0.0.1:${(await api.firstLine).trim()}`;
  const headers = { 'x-telegram-bot-api-secret-token': SECRET };
  console.log(`chat bench: ${UPDATES} updates, ${CONCURRENCY} in flight, ${USERS} users, database ${DATABASE ? 'PostgreSQL' : 'PGlite (embedded default)'}`);

  // Baseline: a bare grammY echo bot.
  const barePort = await freePort();
  const bare = spawnTs('bench/support/bare-echo-bot.ts', [apiRoot, String(barePort), SECRET]);
  await bare.firstLine;
  const bareUrl = `http://127.0.0.1:${barePort}/`;
  await runLoad(bareUrl, batch(Math.min(1000, UPDATES), 'warm up'), { concurrency: CONCURRENCY, headers });
  const bareResult = await runLoad(bareUrl, batch(UPDATES, 'buy 0.01 btc'), { concurrency: CONCURRENCY, headers });
  bare.child.kill();
  show('bare', bareResult);

  // Parley: the real app, webhook mode, embedded defaults unless --database is given.
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const port = await freePort();
  const app = await startAppProcess(
    {
      BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`, WEBHOOK_SECRET: SECRET,
      DATA_DIR: dataDir, MARKET_DATA: 'replay', LOG_LEVEL: 'warn', ...(DATABASE ? { DATABASE_URL: DATABASE } : {}),
    },
    { port, readyTimeoutMs: 60_000, ...(PROFILE_DIR ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] } : {}) },
  );
  const url = `${app.url}/telegram/webhook`;
  // Users exist before the measured run (first contact creates an account: a different path).
  await runLoad(url, Array.from({ length: USERS }, (_, i) => update(100_000 + i, '/start')), { concurrency: Math.min(CONCURRENCY, 50), headers });
  await runLoad(url, batch(Math.min(1000, UPDATES), 'buy 0.01 btc'), { concurrency: CONCURRENCY, headers });
  const full = await runLoad(url, batch(UPDATES, 'buy 0.01 btc'), { concurrency: CONCURRENCY, headers });
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
  api.child.kill();
  show('full', full);

  const ratio = full.perSecond / bareResult.perSecond;
  console.log(`chat: ratio=${ratio.toFixed(2)} full=${full.perSecond.toFixed(0)} upd/s p99=${full.p99Ms.toFixed(1)} ms bare=${bareResult.perSecond.toFixed(0)} upd/s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
