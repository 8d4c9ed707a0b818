// The app under test for the orders bench: the real process (test/support/app-process.ts) in webhook
// mode, killed with SIGKILL and started again on the same port and data, and a webhook client that
// delivers updates the way Telegram does — again and again until one attempt is answered 200.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { AccountRepo } from '../../src/db/account-repo.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { UserRepo } from '../../src/db/user-repo.js';
import { ExchangeKeys } from '../../src/exchange/credential-store.js';
import { dec } from '../../src/shared/decimal.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createSecretBox } from '../../src/shared/secret-box.js';
import { freePort, startAppProcess, type AppProcess } from '../../test/support/app-process.js';

export interface AppSettings {
  apiRoot: string;
  exchangeUrl: string;
  /** PGlite lives here; the app logs are written here too. */
  workDir: string;
  /** BENCH_DATABASE_URL: a fresh database is created from it (and dropped at the end). */
  postgresUrl?: string | undefined;
  profileDir?: string | undefined;
}

export interface Delivery {
  /** An attempt was answered 200. */
  ok: boolean;
  attempts: number;
  /** performance.now() as the first attempt began. */
  startedAt: number;
}

const SECRET = 'orders_bench_secret_0123456789';

export class BenchApp {
  readonly encryptionKey = randomBytes(32).toString('hex');
  /** Bumped by every kill: a flow that saw it change was interrupted. */
  epoch = 0;
  restarts = 0;
  /** A start that failed after a kill (the data did not survive, say): the run cannot go on. */
  failure: unknown;
  /** Starts that did not become ready in time (killed and tried again), with the log file kept. */
  readonly failedStarts: string[] = [];
  private proc: AppProcess | undefined;
  private restarting: Promise<void> | undefined;
  private port = 0;
  private databaseUrl: string | undefined;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly settings: AppSettings) {}

  get up(): boolean {
    return this.proc !== undefined && this.restarting === undefined;
  }

  get driver(): string {
    return this.settings.postgresUrl ? 'PostgreSQL' : 'PGlite';
  }

  /** Opens Parley's database (the app must not be running on PGlite meanwhile). */
  openDatabase(): Promise<Database> {
    return openDatabase({ url: this.databaseUrl, dataDir: this.settings.workDir, logger: silentLogger() });
  }

  /**
   * Users with a live Binance account, written straight into the database before the app starts:
   * the same rows /connect would write (keys encrypted under ENCRYPTION_KEY, the account made the default).
   */
  async seed(telegramIds: number[], keys: { apiKey: string; secret: string }): Promise<void> {
    if (this.settings.postgresUrl) this.databaseUrl = await createDatabase(this.settings.postgresUrl);
    const database = await this.openDatabase();
    try {
      const users = new UserRepo(database.db);
      const accounts = new AccountRepo(database.db, createSecretBox({ key: this.encryptionKey }));
      for (const telegramId of telegramIds) {
        const { user } = await users.identify({ provider: 'telegram', subject: String(telegramId) }, { firstName: `U${telegramId}` }, { asset: 'USDT', amount: dec(0) });
        const { account } = await accounts.connect({ userId: user.id, exchange: 'binance', mode: 'live', keys: new ExchangeKeys(keys.apiKey, keys.secret) });
        await accounts.setDefault(user.id, account.id);
      }
    } finally {
      await database.close();
    }
  }

  async start(): Promise<void> {
    this.port ||= await freePort();
    const s = this.settings;
    this.proc = await startAppProcess(
      {
        BOT_TOKEN: '7000000002:orders_bench_token_not_real_000000',
        TELEGRAM_API_ROOT: s.apiRoot,
        WEBHOOK_URL: `http://127.0.0.1:${this.port}/telegram/webhook`,
        WEBHOOK_SECRET: SECRET,
        EXCHANGE_BASE_URL: s.exchangeUrl,
        ENCRYPTION_KEY: this.encryptionKey,
        MARKET_DATA: 'replay',
        LOG_LEVEL: 'info', // start-up steps included: a start that hangs shows where
        // Orders an interruption left 'submitting' are looked up after 1 s instead of 30 s.
        ORDER_SUBMIT_GRACE_SECONDS: '1',
        ...(this.databaseUrl ? { DATABASE_URL: this.databaseUrl } : { DATA_DIR: s.workDir }),
      },
      { port: this.port, readyTimeoutMs: 60_000, ...(s.profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${s.profileDir}`] } : {}) },
    );
  }

  /** SIGKILL now, then start again on the same port and data. One restart at a time; others are skipped. */
  restart(): boolean {
    if (this.restarting || !this.proc) return false;
    const dying = this.proc;
    dying.child.kill('SIGKILL'); // at once, synchronously: "mid-order" must mean mid-order
    this.epoch++;
    const n = ++this.restarts;
    this.restarting = (async () => {
      await dying.kill();
      this.saveLog(dying, `app-${n}.log`);
      // A start that hangs is a finding, not the end of the run: note it, try again (twice).
      for (let attempt = 1; ; attempt++) {
        try {
          await this.start();
          return;
        } catch (error) {
          const name = `app-${n}-start-${attempt}.log`;
          writeFileSync(join(this.settings.workDir, name), error instanceof Error ? error.message : String(error));
          this.failedStarts.push(name);
          if (attempt === 3) throw error;
        }
      }
    })()
      .catch((error: unknown) => void (this.failure = error))
      .finally(() => (this.restarting = undefined));
    return true;
  }

  /** Waits out a restart in progress; throws if the app could not start again. */
  async settled(): Promise<void> {
    while (this.restarting) await this.restarting;
    if (this.failure) throw this.failure;
  }

  /** SIGTERM, as an operator would stop it; keeps its log. */
  async stop(): Promise<void> {
    await this.settled();
    if (!this.proc) return;
    await this.proc.stop();
    this.saveLog(this.proc, 'app-last.log');
    this.proc = undefined;
    this.agent.destroy();
  }

  /** Last resort when the bench itself fails: the app must not outlive it. */
  killNow(): void {
    if (this.proc?.child.exitCode === null) this.proc.child.kill('SIGKILL');
  }

  async dropDatabase(): Promise<void> {
    if (!this.databaseUrl || !this.settings.postgresUrl) return;
    const admin = postgres(this.settings.postgresUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${new URL(this.databaseUrl).pathname.slice(1)} with (force)`);
    await admin.end();
  }

  /** Telegram's delivery: POST the update until an attempt gets 200 (it retries a failing webhook). */
  async deliver(update: object, giveUpMs = 120_000): Promise<Delivery> {
    const body = JSON.stringify(update);
    const startedAt = performance.now();
    for (let attempts = 1; ; attempts++) {
      if (this.up) {
        const status = await this.post('/telegram/webhook', body).catch(() => 0);
        if (status === 200) return { ok: true, attempts, startedAt };
      }
      if (this.failure || performance.now() - startedAt > giveUpMs) return { ok: false, attempts, startedAt };
      await sleep(Math.min(2000, 100 * attempts));
    }
  }

  /** Round trip of one request (the baseline), or undefined if it failed or a restart came between. */
  async roundTrip(path: string, body?: string): Promise<number | undefined> {
    if (!this.up) return undefined;
    const epoch = this.epoch;
    const started = performance.now();
    const status = await this.post(path, body).catch(() => 0);
    return status === 200 && epoch === this.epoch ? performance.now() - started : undefined;
  }

  private post(path: string, body?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET };
      const req = request({ host: '127.0.0.1', port: this.port, path, method: body === undefined ? 'GET' : 'POST', agent: this.agent, headers, timeout: 30_000 }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  }

  private saveLog(proc: AppProcess, name: string): void {
    writeFileSync(join(this.settings.workDir, name), proc.output());
  }
}

/** A database of the run's own on the BENCH_DATABASE_URL server. */
async function createDatabase(url: string): Promise<string> {
  const name = `parley_orders_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return own.toString();
}
