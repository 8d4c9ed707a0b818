import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { User } from 'grammy/types';
import { startFakeTelegram, type FakeTelegram } from '../fakes/fake-telegram-server.js';
import { freePort, startAppProcess, type AppProcess } from './app-process.js';
import { ChatDriver } from './chat-driver.js';

const WEBHOOK_SECRET = 'e2e_orders_secret_0123456789';

/**
 * The real app as its own process in webhook mode, against the fake Bot API on loopback, with
 * PGlite under a temp DATA_DIR that outlives a kill (so a restart finds what the crash left).
 */
export interface Parley {
  readonly tg: FakeTelegram;
  readonly app: AppProcess;
  readonly dataDir: string;
  /** A user in a private chat with the bot. */
  chat(id: number, firstName: string): ChatDriver;
  /** SIGKILL: no graceful anything. */
  kill(): Promise<void>;
  /** Starts the app again on the same port and data; resolves once its webhook is set. */
  restart(): Promise<void>;
  /** SIGTERM (resolves with the exit code), then the fake Bot API and the data go. */
  close(): Promise<number | null>;
}

export async function startParley(env: Record<string, string> = {}): Promise<Parley> {
  const tg = await startFakeTelegram();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-orders-'));
  const port = await freePort();
  let app!: AppProcess;
  const start = async () => {
    const before = tg.callsOf('setWebhook').length;
    app = await startAppProcess(
      {
        BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.apiRoot,
        WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
        WEBHOOK_SECRET,
        DATA_DIR: dataDir,
        MARKET_DATA: 'replay',
        // An order still "being placed" a second later is looked up (crash recovery, without a 30 s wait).
        ORDER_SUBMIT_GRACE_SECONDS: '1',
        ...env,
      },
      { port, readyTimeoutMs: 60_000 },
    );
    await tg.waitFor((c) => c.method === 'setWebhook' && tg.callsOf('setWebhook').length > before, 30_000);
  };
  try {
    await start();
  } catch (error) {
    await tg.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    tg,
    get app() {
      return app;
    },
    dataDir,
    chat: (id, firstName) => new ChatDriver(tg, { id, is_bot: false, first_name: firstName } satisfies User),
    kill: () => app.kill(),
    restart: start,
    async close() {
      const code = app.child.exitCode === null && app.child.signalCode === null ? await app.stop() : app.child.exitCode;
      await tg.close();
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
