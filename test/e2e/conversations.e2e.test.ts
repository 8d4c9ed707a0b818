import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat, InlineKeyboardMarkup, Update, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram, type RecordedCall } from '../fakes/fake-telegram-server.js';
import { freePort, startAppProcess, type AppProcess } from '../support/app-process.js';

const SECRET = 'e2e_conversation_secret_012345';
const ann: User = { id: 5151, is_bot: false, first_name: 'Ann' };
const chat: Chat = { id: 5151, type: 'private', first_name: 'Ann' };

/** Conversations that fill in what a message left out — and carry on after the app restarts. */
describe('conversations, end to end', () => {
  let tg: FakeTelegram;
  let app: AppProcess;
  let dataDir: string;
  let port: number;

  const start = async () => {
    const before = tg.callsOf('setWebhook').length;
    app = await startAppProcess(
      { BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, WEBHOOK_URL: `http://127.0.0.1:${port}/hook`, WEBHOOK_SECRET: SECRET, DATA_DIR: dataDir, MARKET_DATA: 'replay' },
      { port },
    );
    await tg.waitFor((c) => c.method === 'setWebhook' && tg.callsOf('setWebhook').length > before, 15_000);
  };

  beforeAll(async () => {
    tg = await startFakeTelegram();
    dataDir = mkdtempSync(join(tmpdir(), 'parley-convo-'));
    port = await freePort();
    await start();
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await tg?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const said = (after: number, method: string, includes: string) =>
    tg.waitFor((c) => tg.calls.indexOf(c) >= after && c.method === method && JSON.stringify(c.params).includes(includes), 10_000);
  const send = async (update: Update) => expect(await tg.sendUpdateToWebhook(update)).toBe(200);
  const buttonsOf = (call: RecordedCall) => ((call.params.reply_markup as InlineKeyboardMarkup).inline_keyboard.flat() as Array<{ text: string; callback_data: string }>);
  const idOf = (call: RecordedCall) => (call.response as { result: { message_id: number } }).result.message_id;

  it('asks how much, survives a restart mid-question, then previews and executes', async () => {
    let mark = tg.calls.length;
    await send(tg.emulator.userSendsText(ann, chat, '/start'));
    await said(mark, 'sendMessage', 'paper account');

    mark = tg.calls.length;
    await send(tg.emulator.userSendsText(ann, chat, 'buy btc'));
    const question = await said(mark, 'sendMessage', 'How much BTC');
    const hundred = buttonsOf(question).find((b) => b.text === '$100')!;
    expect(buttonsOf(question).map((b) => b.text)).toEqual(expect.arrayContaining(['$50', '$100', 'Other amount', '✖ Cancel']));

    // The app goes down and comes back while the question is open.
    expect(await app.stop()).toBe(0);
    await start();

    mark = tg.calls.length;
    await send(tg.emulator.userPressesButton(ann, chat, idOf(question), hundred.callback_data));
    await said(mark, 'editMessageText', '→ $100');
    const preview = await said(mark, 'sendMessage', 'Confirm');
    expect(String(preview.params.text)).toMatch(/Buy 0\.\d+ BTC/);
    expect(Number(/Total: <b>([\d,.]+) USDT/.exec(String(preview.params.text))![1]!.replace(/,/g, ''))).toBeLessThanOrEqual(100);

    mark = tg.calls.length;
    await send(tg.emulator.userPressesButton(ann, chat, idOf(preview), buttonsOf(preview)[0]!.callback_data));
    await said(mark, 'editMessageText', 'Bought');
  });

  it('takes a typed amount after “Other amount”, and keeps asking until it is one', async () => {
    let mark = tg.calls.length;
    await send(tg.emulator.userSendsText(ann, chat, 'sell btc'));
    const question = await said(mark, 'sendMessage', 'How much BTC');
    expect(String(question.params.text)).toMatch(/You hold 0\.\d+ BTC/);
    const other = buttonsOf(question).find((b) => b.text === 'Other amount')!;
    mark = tg.calls.length;
    await send(tg.emulator.userPressesButton(ann, chat, idOf(question), other.callback_data));
    await said(mark, 'editMessageText', 'Type the amount');

    mark = tg.calls.length;
    await send(tg.emulator.userSendsText(ann, chat, 'banana'));
    await said(mark, 'sendMessage', 'I need an amount of BTC');

    mark = tg.calls.length;
    await send(tg.emulator.userSendsText(ann, chat, 'half'));
    const preview = await said(mark, 'sendMessage', 'Confirm');
    expect(String(preview.params.text)).toMatch(/Sell 0\.\d+ BTC/);
  });

  it('offers the nearest listed coins for one it does not know', async () => {
    let mark = tg.calls.length;
    await send(tg.emulator.userSendsText(ann, chat, 'buy 0.001 btcc'));
    const question = await said(mark, 'sendMessage', 'Did you mean');
    const btc = buttonsOf(question).find((b) => b.text === 'BTC')!;
    mark = tg.calls.length;
    await send(tg.emulator.userPressesButton(ann, chat, idOf(question), btc.callback_data));
    const preview = await said(mark, 'sendMessage', 'Confirm');
    expect(String(preview.params.text)).toContain('Buy 0.001 BTC');
  });

  it('leaves a conversation on /cancel and on ✖, and a closed question’s buttons say so', async () => {
    let mark = tg.calls.length;
    await send(tg.emulator.userSendsText(ann, chat, 'buy eth'));
    const first = await said(mark, 'sendMessage', 'How much ETH');
    mark = tg.calls.length;
    await send(tg.emulator.userSendsText(ann, chat, '/cancel'));
    await said(mark, 'sendMessage', 'Cancelled. Nothing was executed.');
    // The question's buttons are taken away; an old copy of one, pressed anyway, says it is closed.
    expect(tg.emulator.message(chat.id, idOf(first))?.reply_markup).toBeUndefined();
    mark = tg.calls.length;
    await send(tg.emulator.userPressesButton(ann, chat, idOf(first), buttonsOf(first)[0]!.callback_data, { allowUnknownData: true }));
    await said(mark, 'answerCallbackQuery', 'question is closed');

    mark = tg.calls.length;
    await send(tg.emulator.userSendsText(ann, chat, 'buy sol'));
    const second = await said(mark, 'sendMessage', 'How much SOL');
    mark = tg.calls.length;
    await send(tg.emulator.userPressesButton(ann, chat, idOf(second), buttonsOf(second).find((b) => b.text === '✖ Cancel')!.callback_data));
    await said(mark, 'editMessageText', 'Cancelled');
    // Free text after leaving is a normal message again.
    mark = tg.calls.length;
    await send(tg.emulator.userSendsText(ann, chat, 'price of eth'));
    await said(mark, 'sendMessage', 'ETH');
  });
});
