import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat, InlineKeyboardMarkup, Update, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram, type RecordedCall } from '../fakes/fake-telegram-server.js';
import { freePort, startAppProcess, type AppProcess } from '../support/app-process.js';
import { postHead, slowRequest } from '../support/slow-client.js';

const SECRET = 'e2e_webhook_secret_0123456789';
const eve: User = { id: 4242, is_bot: false, first_name: 'Eve', username: 'eve' };
const mallory: User = { id: 6666, is_bot: false, first_name: 'Mallory' };
// Money is talked about in private (in a group Parley points there): Eve's own chat with the bot.
const chat: Chat = { id: eve.id, type: 'private', first_name: 'Eve' };

/**
 * The whole app as its own process, in webhook mode, against a fake Bot API on loopback:
 * /start → "buy 0.01 btc" → ✅ twice (and a redelivery) → portfolio, over real HTTP.
 */
describe('webhook flow, end to end', () => {
  let tg: FakeTelegram;
  let app: AppProcess;
  let dataDir: string;
  let webhookUrl: string;

  beforeAll(async () => {
    tg = await startFakeTelegram();
    dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
    const port = await freePort();
    webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
    app = await startAppProcess(
      { BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, WEBHOOK_URL: webhookUrl, WEBHOOK_SECRET: SECRET, DATA_DIR: dataDir, MARKET_DATA: 'replay' },
      { port },
    );
    await tg.waitFor((c) => c.method === 'setWebhook', 15_000);
  }, 60_000);

  afterAll(async () => {
    const code = await app?.stop();
    await tg?.close();
    rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(0); // SIGTERM: a graceful, clean exit
  });

  const botSaid = (after: number, method: string, includes: string) =>
    tg.waitFor((c, ) => tg.calls.indexOf(c) >= after && c.method === method && JSON.stringify(c.params).includes(includes), 10_000);
  const send = async (update: Update) => {
    const status = await tg.sendUpdateToWebhook(update);
    expect(status).toBe(200);
  };

  it('registers the webhook with its secret and the command menu', async () => {
    const hook = tg.callsOf('setWebhook')[0]!;
    expect(hook.params).toMatchObject({ url: webhookUrl, secret_token: SECRET });
    await tg.waitFor((c) => c.method === 'setMyCommands');
    expect(tg.emulator.commands().map((c) => c.command)).toEqual(expect.arrayContaining(['start', 'help', 'portfolio', 'price']));
  });

  it('goes from /start to a confirmed paper trade, executed exactly once', async () => {
    let mark = tg.calls.length;
    await send(tg.emulator.userSendsText(eve, chat, '/start'));
    await botSaid(mark, 'sendMessage', '10,000.00 USDT');

    mark = tg.calls.length;
    await send(tg.emulator.userSendsText(eve, chat, 'buy 0.01 btc'));
    const preview = await botSaid(mark, 'sendMessage', 'Confirm');
    const text = String(preview.params.text);
    expect(text).toContain('Buy 0.01 BTC');
    expect(text).toContain('PAPER');
    expect(text).toMatch(/Est\. price: <b>[\d,]+\.\d{2}<\/b> USDT/);
    const buttons = (preview.params.reply_markup as InlineKeyboardMarkup).inline_keyboard.flat();
    const confirmData = (buttons[0] as { callback_data: string }).callback_data;
    expect(Buffer.byteLength(confirmData)).toBeLessThanOrEqual(64);
    const previewId = (preview.response as { result: { message_id: number } }).result.message_id;

    // A press forged into Eve's private chat by someone else is no real update: refused at the edge, nothing runs.
    mark = tg.calls.length;
    await send(tg.emulator.userPressesButton(mallory, chat, previewId, confirmData, { allowUnknownData: true }));
    expect(tg.calls.slice(mark).filter((c) => c.method === 'answerCallbackQuery' || c.method === 'editMessageText')).toEqual([]);

    // The owner presses ✅.
    mark = tg.calls.length;
    const press = tg.emulator.userPressesButton(eve, chat, previewId, confirmData);
    await send(press);
    await botSaid(mark, 'answerCallbackQuery', 'Placing your order');
    const filled = await botSaid(mark, 'editMessageText', 'Bought 0.01 BTC');
    expect(String(filled.params.text)).toMatch(/at [\d,]+\.\d{2} USDT/);

    // Telegram delivers the same update again, and the owner presses again: nothing more is executed.
    mark = tg.calls.length;
    await send(press);
    await send(tg.emulator.userPressesButton(eve, chat, previewId, confirmData, { allowUnknownData: true }));
    await botSaid(mark, 'answerCallbackQuery', 'Already done');

    mark = tg.calls.length;
    await send(tg.emulator.userSendsText(eve, chat, 'portfolio'));
    const portfolio = await botSaid(mark, 'sendMessage', 'Portfolio');
    const body = String(portfolio.params.text);
    expect(body).toMatch(/<b>BTC<\/b> 0\.01 ≈/);
    // One fill only: about 10,000 − 0.01 BTC's cost left in cash (BTC traded between 17k and 65k in the replay).
    const cash = Number(/Cash: ([\d,.]+) USDT/.exec(body)![1]!.replace(/,/g, ''));
    expect(cash).toBeGreaterThan(10_000 - 0.02 * 65_000);
    expect(cash).toBeLessThan(10_000 - 0.01 * 17_000);
    const edits = tg.calls.filter((c: RecordedCall) => c.method === 'editMessageText' && String(c.params.text).includes('Bought'));
    expect(edits.length).toBeGreaterThanOrEqual(1);
  });

  it('cancels a preview, and a cancelled preview cannot be confirmed', async () => {
    let mark = tg.calls.length;
    await send(tg.emulator.userSendsText(eve, chat, 'sell 0.005 btc'));
    const preview = await botSaid(mark, 'sendMessage', 'Cancel');
    const [confirm, cancel] = (preview.params.reply_markup as InlineKeyboardMarkup).inline_keyboard.flat() as Array<{ callback_data: string }>;
    const id = (preview.response as { result: { message_id: number } }).result.message_id;
    mark = tg.calls.length;
    await send(tg.emulator.userPressesButton(eve, chat, id, cancel!.callback_data));
    await botSaid(mark, 'editMessageText', 'Cancelled');
    mark = tg.calls.length;
    await send(tg.emulator.userPressesButton(eve, chat, id, confirm!.callback_data, { allowUnknownData: true }));
    await botSaid(mark, 'answerCallbackQuery', 'Already cancelled');
  });

  it('answers every other kind of message', async () => {
    for (const [message, expected] of [
      ['what is the price of eth', 'ETH'],
      // Set, or refused as already below: either way the answer names the level.
      ['alert me if btc drops below 30k', 'below 30,000.00'],
      ['should I buy btc', 'Not financial advice'],
      ['tell me a joke', 'didn’t catch that'],
      ['buy 1000 btc', 'Not enough USDT'],
    ] as const) {
      const mark = tg.calls.length;
      await send(tg.emulator.userSendsText(eve, chat, message));
      await botSaid(mark, 'sendMessage', expected);
    }
  });

  it('refuses a wrong secret (401) and a body that is not an update (400)', async () => {
    const post = (body: string, secret?: string) =>
      fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) }, body });
    expect((await post(JSON.stringify({ update_id: 1 }))).status).toBe(401);
    expect((await post(JSON.stringify({ update_id: 1 }), 'wrong-secret')).status).toBe(401);
    expect((await post('{"update_id": 1,', SECRET)).status).toBe(400);
    expect((await post(JSON.stringify({ hello: 'world' }), SECRET)).status).toBe(400);
    expect((await post(JSON.stringify([1, 2]), SECRET)).status).toBe(400);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });

  const postToHook = (body: unknown, secret: string | undefined = SECRET) =>
    fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) }, body: JSON.stringify(body) });
  /** The app's log lines written since `from` (an offset in its output). */
  const logSince = (from: number) =>
    app.output().slice(from).split('\n').filter((line) => line.startsWith('{')).map((line) => ({ text: line, entry: JSON.parse(line) as Record<string, unknown> }));

  it('closes a connection whose body trickles in a byte a second, with or without the secret, within 10 s, and serves others meanwhile', async () => {
    const path = new URL(webhookUrl).pathname;
    const giveUpMs = 20_000;
    const [withSecret, without] = [
      slowRequest(app.url, postHead(path, 50_000, { 'x-telegram-bot-api-secret-token': SECRET }), { giveUpMs }),
      slowRequest(app.url, postHead(path, 50_000), { giveUpMs }),
    ];
    const mark = tg.calls.length;
    await send(tg.emulator.userSendsText(eve, chat, 'portfolio'));
    await botSaid(mark, 'sendMessage', 'Portfolio');
    for (const outcome of await Promise.all([withSecret, without])) {
      expect(outcome.stillOpen).toBe(false);
      expect(outcome.heldMs).toBeLessThan(13_000);
    }
    expect((await withSecret).answer).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  }, 30_000);

  it('sends the security headers on /health and on the webhook’s answers (no HSTS: this WEBHOOK_URL is http)', async () => {
    const answers = [await fetch(`${app.url}/health`), await postToHook({ update_id: 1 }, 'wrong-secret'), await postToHook({ hello: 'world' })];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 400]);
    for (const response of answers) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('answers 200 to what cannot be a Telegram update, runs no handler on it, and logs what is wrong without the content', async () => {
    const elsewhere: Chat = { id: -4300, type: 'group', title: 'elsewhere' };
    const message = { message_id: 1, date: Math.floor(Date.now() / 1000), chat: elsewhere, from: eve, text: 'portfolio' };
    const { chat: _chat, ...withoutChat } = message;
    const forged: Record<string, unknown> = {
      'a callback query without from': { update_id: 9_000_001, callback_query: { id: 'forged-press', chat_instance: '1', data: 'c:forged', message } },
      'a text that is a number': { update_id: 9_000_002, message: { ...message, text: 424242 } },
      'a message without a chat': { update_id: 9_000_003, message: withoutChat },
      'Mallory in Eve’s private chat': { update_id: 9_000_004, message: { ...message, chat: { id: eve.id, type: 'private', first_name: 'Eve' }, from: mallory } },
    };
    const logStart = app.output().length;
    const mark = tg.calls.length;
    for (const [name, body] of Object.entries(forged)) expect((await postToHook(body)).status, name).toBe(200);
    // A real update after them (from someone else, in their own chat) is answered; nothing was said for the forged ones.
    const zoe: User = { id: 4343, is_bot: false, first_name: 'Zoe' };
    await send(tg.emulator.userSendsText(zoe, { id: zoe.id, type: 'private', first_name: 'Zoe' }, 'portfolio'));
    await botSaid(mark, 'sendMessage', 'Portfolio');
    const answered = tg.calls.slice(mark);
    expect(answered.filter((c) => c.params.chat_id === elsewhere.id || c.params.chat_id === eve.id || c.params.callback_query_id === 'forged-press')).toEqual([]);
    const refused = logSince(logStart).filter((l) => String(l.entry.msg).startsWith('update refused'));
    expect(refused.map((l) => l.entry.updateId)).toEqual([9_000_001, 9_000_002, 9_000_003, 9_000_004]);
    expect(refused.every((l) => l.entry.level === 40)).toBe(true);
    expect(logSince(logStart).map((l) => l.text).join('\n')).not.toContain('424242');
  });

  it('gives up on a Bot API that resets every connection after 4 tries, with one error line naming the method and no message text, and takes the update again when Telegram redelivers it', async () => {
    const question = 'what is the price of eth';
    const update = tg.emulator.userSendsText(eve, chat, question);
    const logStart = app.output().length;
    const mark = tg.calls.length;
    tg.resetConnections(true);
    let status: number;
    try {
      status = await tg.sendUpdateToWebhook(update);
    } finally {
      tg.resetConnections(false);
    }
    // 503: the update is not lost; Telegram sends it again.
    expect(status).toBe(503);
    const tries = tg.calls.slice(mark);
    expect(tries.map((c) => c.method)).toEqual(['sendMessage', 'sendMessage', 'sendMessage', 'sendMessage']);
    const answer = String(tries[0]!.params.text);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the log pipe
    const lines = logSince(logStart);
    const errors = lines.filter((l) => Number(l.entry.level) >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.entry).toMatchObject({ method: 'sendMessage', errorCode: 'network', attempts: 4 });
    for (const { text } of lines) {
      expect(text).not.toContain(question);
      expect(text).not.toContain(answer.slice(0, 24));
      expect(text).not.toContain(tg.token.split(':')[1]!);
    }

    const again = tg.calls.length;
    expect(await tg.sendUpdateToWebhook(update)).toBe(200);
    await botSaid(again, 'sendMessage', 'ETH');
  }, 30_000);

  it('never logs the bot token or the webhook secret', () => {
    const logs = app.output();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(tg.token.split(':')[1]!);
    expect(logs).not.toContain(SECRET);
  });
});

describe('with the Bot API unreachable', () => {
  it('says so, naming the call, instead of retrying in silence', async () => {
    const tg = await startFakeTelegram(); // only for its token: nothing listens at the API root below
    const dead = `http://127.0.0.1:${await freePort()}`;
    const app = await startAppProcess({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: dead, WEBHOOK_URL: 'http://127.0.0.1:1/hook', WEBHOOK_SECRET: SECRET, DATA_DIR: ':memory:', MARKET_DATA: 'replay' });
    try {
      await expect.poll(() => app.output(), { timeout: 20_000, interval: 200 }).toMatch(/Bot API call failed; gave up/);
      const line = app.output().split('\n').find((l) => l.includes('Bot API call failed; gave up'))!;
      expect(JSON.parse(line)).toMatchObject({ level: 50, method: 'getMe', errorCode: 'network', attempts: 4 });
      expect(app.output()).not.toContain(tg.token.split(':')[1]!);
      // Until it can reach Telegram, the webhook asks for updates to be sent again later.
      expect((await fetch(`${app.url}/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, from: { id: 1, is_bot: false, first_name: 'A' }, text: 'hi' } }) })).status).toBe(503);
    } finally {
      await app.stop();
      await tg.close();
    }
  }, 60_000);
});

