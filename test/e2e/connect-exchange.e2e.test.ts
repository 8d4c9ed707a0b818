import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Chat, InlineKeyboardMarkup, Update, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { silentLogger } from '../../src/shared/logger.js';
import { FakeAccount, FakeBinanceState, startFakeBinance, type FakeBinance } from '../fakes/fake-binance/index.js';
import { startFakeTelegram, type FakeTelegram, type RecordedCall } from '../fakes/fake-telegram-server.js';
import { freePort, startAppProcess, type AppProcess } from '../support/app-process.js';
import { openTestPostgres, type TestDatabase } from '../support/databases.js';
import { TEST_DATABASE_URL } from '../support/services.js';

const WEBHOOK_SECRET = 'e2e_connect_secret_0123456789';
// Distinctive, so that finding them anywhere they should not be is unambiguous.
const API_KEY = `E2EKEY${randomBytes(24).toString('hex')}`;
const API_SECRET = `E2ESECRET${randomBytes(28).toString('hex')}`;
const WRONG_SECRET = `E2EWRONG${randomBytes(20).toString('hex')}`;
const ENCRYPTION_KEY = randomBytes(32).toString('base64');
const ida: User = { id: 7301, is_bot: false, first_name: 'Ida' };
const chat: Chat = { id: 7301, type: 'private', first_name: 'Ida' };
const group: Chat = { id: -7300, type: 'group', title: 'desk' };

/**
 * /connect end to end: the real app as its own process in webhook mode, the fake Bot API, and the
 * fake Binance as the live exchange (EXCHANGE_BASE_URL). Keys go in, are deleted from the chat,
 * checked, stored encrypted; the user switches to LIVE and a confirmed order reaches the exchange
 * once, under the confirmation's id. The keys never show in the logs nor in the database.
 */
describe('connecting a live exchange, end to end', () => {
  let tg: FakeTelegram;
  let binance: FakeBinance;
  let app: AppProcess;
  let port: number;
  let dataDir: string;
  let postgres: TestDatabase | undefined;
  const logs: string[] = [];

  const start = async (env: Record<string, string>) => {
    const before = tg.callsOf('setWebhook').length;
    const database: Record<string, string> = postgres ? { DATABASE_URL: postgres.url! } : { DATA_DIR: dataDir };
    app = await startAppProcess(
      {
        BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, WEBHOOK_URL: `http://127.0.0.1:${port}/hook`, WEBHOOK_SECRET,
        MARKET_DATA: 'replay', EXCHANGE_BASE_URL: binance.url, LOG_LEVEL: 'debug', ...database, ...env,
      },
      { port },
    );
    await tg.waitFor((c) => c.method === 'setWebhook' && tg.callsOf('setWebhook').length > before, 15_000);
  };
  const stop = async () => {
    expect(await app.stop()).toBe(0);
    logs.push(app.output());
  };

  beforeAll(async () => {
    tg = await startFakeTelegram();
    const state = new FakeBinanceState();
    const account = new FakeAccount(state, { apiKey: API_KEY, secret: API_SECRET });
    account.fund('USDT', '10000');
    binance = await startFakeBinance({ state, account });
    dataDir = mkdtempSync(join(tmpdir(), 'parley-connect-'));
    if (TEST_DATABASE_URL) postgres = await openTestPostgres();
    port = await freePort();
    await start({ ENCRYPTION_KEY });
  }, 90_000);

  afterAll(async () => {
    if (app?.child.exitCode === null) await app.kill();
    await tg?.close();
    await binance?.close();
    await postgres?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const said = (after: number, method: string, includes: string) =>
    tg.waitFor((c) => tg.calls.indexOf(c) >= after && c.method === method && JSON.stringify(c.params).includes(includes), 15_000);
  const send = async (update: Update) => expect(await tg.sendUpdateToWebhook(update)).toBe(200);
  const text = async (words: string, where: Chat = chat) => {
    const update = tg.emulator.userSendsText(ida, where, words);
    await send(update);
    return update.message!.message_id;
  };
  const buttonsOf = (call: RecordedCall) => ((call.params.reply_markup as InlineKeyboardMarkup).inline_keyboard.flat() as Array<{ text: string; callback_data: string }>);
  const idOf = (call: RecordedCall) => (call.response as { result: { message_id: number } | true }).result;
  const press = async (call: RecordedCall, label: string) => {
    const id = call.method === 'sendMessage' ? (idOf(call) as { message_id: number }).message_id : Number(call.params.message_id);
    const button = buttonsOf(call).find((b) => b.text.includes(label));
    if (!button) throw new Error(`no button “${label}” in ${JSON.stringify(buttonsOf(call))}`);
    await send(tg.emulator.userPressesButton(ida, chat, id, button.callback_data));
  };
  const deleted = (messageId: number) => tg.waitFor((c) => c.method === 'deleteMessage' && Number(c.params.message_id) === messageId, 5_000);

  /** /connect → Binance → live or testnet; resolves once the key is asked for. */
  const connectTo = async (mode: 'Live' | 'Testnet') => {
    let mark = tg.calls.length;
    await text('/connect');
    const pick = await said(mark, 'sendMessage', 'Which exchange?');
    mark = tg.calls.length;
    await press(pick, 'Binance');
    const modes = await said(mark, 'sendMessage', 'testnet');
    mark = tg.calls.length;
    await press(modes, mode);
    await said(mark, 'sendMessage', 'API key');
  };

  it('refuses /connect in a group', async () => {
    const mark = tg.calls.length;
    await text('/connect', group);
    const reply = await said(mark, 'sendMessage', 'private chat');
    expect(reply.params.chat_id).toBe(group.id);
  });

  it('says the keys were refused when the secret is wrong, deletes both messages, and stores nothing', async () => {
    await text('/start');
    await connectTo('Testnet');
    let mark = tg.calls.length;
    const keyMessage = await text(API_KEY);
    await deleted(keyMessage);
    await said(mark, 'sendMessage', 'Now send the');
    mark = tg.calls.length;
    const secretMessage = await text(WRONG_SECRET);
    await deleted(secretMessage);
    const outcome = await said(mark, 'editMessageText', 'keys were refused');
    expect(String(outcome.params.text)).toContain('Nothing was stored');
    mark = tg.calls.length;
    await text('/accounts');
    const list = await said(mark, 'sendMessage', 'Your accounts');
    expect(String(list.params.text)).not.toContain('Binance');
  });

  it('connects Binance, switches to LIVE, and a confirmed order reaches the exchange once under the confirmation id', async () => {
    await connectTo('Live');
    let mark = tg.calls.length;
    const keyMessage = await text(API_KEY);
    await deleted(keyMessage);
    const secretMessage = await text(API_SECRET);
    await deleted(secretMessage);
    const connected = await said(mark, 'editMessageText', 'balance check passed');
    expect(buttonsOf(connected).map((b) => b.text)).toEqual(['Yes, switch to LIVE', 'Keep paper']);

    mark = tg.calls.length;
    await press(connected, 'Yes, switch to LIVE');
    await said(mark, 'editMessageText', 'You trade LIVE on Binance now');
    mark = tg.calls.length;
    await text('/accounts');
    const list = await said(mark, 'sendMessage', 'Your accounts');
    expect(String(list.params.text)).toMatch(/⚡ Binance · LIVE — <b>active<\/b>/);
    expect(String(list.params.text)).not.toContain('testnet');

    mark = tg.calls.length;
    await text('buy 0.001 btc');
    const preview = await said(mark, 'sendMessage', 'Confirm');
    expect(String(preview.params.text)).toContain('LIVE · binance');
    const confirm = buttonsOf(preview).find((b) => b.text.includes('Confirm'))!;
    const confirmationId = confirm.callback_data.replace(/^t:ok:/, '');
    mark = tg.calls.length;
    await send(tg.emulator.userPressesButton(ida, chat, (idOf(preview) as { message_id: number }).message_id, confirm.callback_data));
    await said(mark, 'editMessageText', 'Bought');
    const orders = binance.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order');
    expect(orders).toHaveLength(1);
    expect(orders[0]!.params.newClientOrderId).toBe(confirmationId);
    expect(binance.account!.ordersWithClientId(confirmationId)).toHaveLength(1);
  });

  it('without ENCRYPTION_KEY, refuses /connect and says why a live account cannot trade', async () => {
    await stop();
    await start({});
    let mark = tg.calls.length;
    await text('/connect');
    await said(mark, 'sendMessage', 'Connecting an exchange needs ENCRYPTION_KEY on the server; nothing was stored.');
    mark = tg.calls.length;
    await text('buy 0.001 btc');
    await said(mark, 'sendMessage', 'needs ENCRYPTION_KEY');
    expect(binance.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order')).toHaveLength(1);
    await stop();
  });

  it('never wrote the key or the secret to the logs or the database', async () => {
    const log = logs.join('\n');
    expect(log).toContain('exchange account connected');
    for (const secret of [API_KEY, API_SECRET, WRONG_SECRET]) expect(log).not.toContain(secret);

    let database: Database | TestDatabase;
    if (postgres) database = postgres;
    else {
      // The raw files first, WAL included: a key written even once, even later deleted, would be here.
      for (const file of filesUnder(dataDir)) {
        const bytes = readFileSync(file);
        for (const secret of [API_KEY, API_SECRET, WRONG_SECRET]) expect(bytes.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
      }
      database = await openDatabase({ dataDir, logger: silentLogger() });
    }
    try {
      const dump = await dumpAllTables(database);
      expect(dump).toContain('"api_key_enc":"v1.');
      for (const secret of [API_KEY, API_SECRET, WRONG_SECRET]) expect(dump).not.toContain(secret);
    } finally {
      if (!postgres) await database.close();
    }
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Every row of every table, as JSON. */
async function dumpAllTables(database: Database): Promise<string> {
  const tables = (await database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`)) as unknown as
    | { rows: Array<{ table_name: string }> }
    | Array<{ table_name: string }>;
  const names = (Array.isArray(tables) ? tables : tables.rows).map((t) => t.table_name);
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const rows = (await database.db.execute(sql.raw(`select * from "${name}"`))) as unknown as { rows: unknown[] } | unknown[];
    out[name] = Array.isArray(rows) ? rows : rows.rows;
  }
  return JSON.stringify(out);
}
