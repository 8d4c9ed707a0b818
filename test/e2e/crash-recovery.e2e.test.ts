import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../fakes/fake-telegram-server.js';
import { confirmationIdOf, messageIdOf, textOf, type ChatDriver } from '../support/chat-driver.js';
import { connectBinance, ordersPosted, startLoopbackBinance, type LoopbackBinance } from '../support/loopback-binance.js';
import { startParley, type Parley } from '../support/parley-harness.js';
import { openDatabase, type Db } from '../../src/db/client.js';
import { ConfirmationRepo } from '../../src/db/confirmation-repo.js';
import { identities } from '../../src/db/schema.js';
import { silentLogger } from '../../src/shared/logger.js';
import { journalEntry } from '../../src/trading/book-fills.js';
import { and, eq } from 'drizzle-orm';

const KIT = 8302;
const kitUserId = async (db: Db) => (await db.select({ id: identities.userId }).from(identities).where(and(eq(identities.provider, 'telegram'), eq(identities.subject, String(KIT)))))[0]!.id;

/**
 * The app is killed (SIGKILL) at the worst moments of a confirmed order — the exchange has
 * taken it but its answer has not come back, or the request has not reached the exchange yet,
 * or the paper fill is written but the user not told — and started again on the same data.
 * After the restart the order must exist once (never sent a second time), Parley's books must
 * agree with the exchange, and the user must be told how it ended.
 */
describe('a crash between the exchange and the database, end to end', () => {
  let exchange: LoopbackBinance;
  let parley: Parley;
  let jo: ChatDriver;
  let kit: ChatDriver;
  const onExchange = (clientOrderId: string) => exchange.account.ordersWithClientId(clientOrderId);
  const isOrderPost = (id: string) => (r: { method: string; path: string; params: Record<string, string> }) =>
    r.method === 'POST' && r.path === '/api/v3/order' && r.params.newClientOrderId === id;
  /** Everything the bot did to a preview message after `after`. */
  const editsOf = (preview: RecordedCall, after: number) =>
    parley.tg.calls.slice(after).filter((c) => c.method === 'editMessageText' && Number(c.params.message_id) === messageIdOf(preview) && c.response?.ok);
  /** The lines of "my orders" that name this order. */
  const linesAbout = async (user: ChatDriver, orderLine: RegExp) => textOf(await user.ask('my orders', 'Recent')).split('\n').filter((l) => orderLine.test(l));

  beforeAll(async () => {
    exchange = await startLoopbackBinance({ usdt: '10000' });
    parley = await startParley(exchange.env);
    jo = parley.chat(8301, 'Jo');
    kit = parley.chat(KIT, 'Kit');
    await jo.ask('/start', 'paper account');
    await connectBinance(jo, exchange, 'Live');
    await kit.ask('/start', 'paper account');
  }, 90_000);

  afterAll(async () => {
    expect(await parley?.close()).toBe(0);
    await exchange?.binance.close();
  });

  it('live: the exchange filled the order and the app died before the answer came back — after a restart the fill is known once and the preview shows it', async () => {
    const preview = await jo.ask('buy 0.001 btc', 'Confirm');
    expect(textOf(preview)).toContain('Buy 0.001 BTC · BTC/USDT · market · ⚡ LIVE · binance');
    const id = confirmationIdOf(preview);
    exchange.binance.inject('POST /api/v3/order', { kind: 'hold', afterHandling: true });
    const { mark } = jo.pressAndLeave(preview, '✅');
    await jo.waitForMessage('Placing your order', { after: mark, method: 'answerCallbackQuery' });
    await exchange.binance.waitFor(isOrderPost(id), { handled: true });
    expect(onExchange(id)).toMatchObject([{ status: 'FILLED' }]);
    await parley.kill();
    expect(editsOf(preview, mark)).toEqual([]); // the user has not been told anything yet

    await parley.restart();
    const told = await jo.waitForMessage('Bought 0.001 BTC', { after: mark, method: 'editMessageText', messageId: messageIdOf(preview), timeoutMs: 20_000 });
    expect(textOf(told)).toMatch(/✅ <b>Bought 0\.001 BTC<\/b> at 61,828\.01 USDT · ⚡ LIVE · binance/);
    expect(ordersPosted(exchange.binance, id)).toHaveLength(1);
    expect(onExchange(id)).toHaveLength(1);
    const orderNo = /Order #(\d+) · filled/.exec(textOf(told))![1]!;
    expect(await linesAbout(jo, new RegExp(`#${orderNo}\\b|Buy 0\\.001 BTC`))).toEqual([`<b>#${orderNo}</b> · Buy 0.001 BTC · market · filled`]);
    // Bought once: 0.001 BTC less Binance's 0.1 % commission, and Parley's books agree with the exchange.
    expect(textOf(await jo.ask('portfolio', 'Portfolio'))).toMatch(/<b>BTC<\/b> 0\.000999 ≈ 61\.77 USDT\n {3}avg /);
    expect(exchange.account.balance('BTC').free.toFixed()).toBe('0.000999');
    expect(editsOf(preview, mark)).toHaveLength(1);
  }, 60_000);

  it('live: the app died before its request reached the exchange — after a restart the preview says it was not executed, and the exchange has nothing', async () => {
    const preview = await jo.ask('buy 0.002 btc', 'Confirm');
    const id = confirmationIdOf(preview);
    exchange.binance.inject('POST /api/v3/order', { kind: 'hold' });
    const { mark } = jo.pressAndLeave(preview, '✅');
    await exchange.binance.waitFor(isOrderPost(id));
    await parley.kill();

    await parley.restart();
    const told = await jo.waitForMessage('Not executed', { after: mark, method: 'editMessageText', messageId: messageIdOf(preview), timeoutMs: 20_000 });
    expect(textOf(told)).toContain('❌ <b>Not executed</b> — Buy 0.002 BTC · BTC/USDT · market · ⚡ LIVE · binance');
    expect(textOf(told)).toContain('The order was interrupted before it reached the exchange. Nothing was executed.');
    expect(onExchange(id)).toEqual([]);
    expect(ordersPosted(exchange.binance, id)).toHaveLength(1); // the one that died with the app: never sent again
    expect(await linesAbout(jo, /Buy 0\.002 BTC/)).toEqual([expect.stringMatching(/^<b>#\d+<\/b> · Buy 0\.002 BTC · market · rejected$/)]);
    expect(exchange.account.balance('BTC').free.toFixed()).toBe('0.000999');
  }, 60_000);

  it('live: the app died while its request was held up on the way, and the exchange took it after — after a restart that order is found, not called lost', async () => {
    const preview = await jo.ask('buy 0.0004 btc', 'Confirm');
    const id = confirmationIdOf(preview);
    // Held 4.5 s, then accepted: still inside Binance's recvWindow (5 s) when it gets there.
    exchange.binance.inject('POST /api/v3/order', { kind: 'delay', ms: 4_500 });
    const { mark } = jo.pressAndLeave(preview, '✅');
    await exchange.binance.waitFor(isOrderPost(id));
    await parley.kill();

    await parley.restart(); // a sync pass runs at once, long before the held request is accepted
    const told = await jo.waitForMessage('Bought 0.0004 BTC', { after: mark, method: 'editMessageText', messageId: messageIdOf(preview), timeoutMs: 30_000 });
    expect(textOf(told)).toContain('✅ <b>Bought 0.0004 BTC</b>');
    expect(onExchange(id)).toMatchObject([{ status: 'FILLED' }]);
    expect(ordersPosted(exchange.binance, id)).toHaveLength(1);
    expect(editsOf(preview, mark).map(textOf).filter((t) => t.includes('Not executed'))).toEqual([]);
  }, 60_000);

  it('live, no crash: a request still on its way after the recovery grace is not judged lost — the user hears once how it ended', async () => {
    const preview = await jo.ask('buy 0.0005 btc', 'Confirm');
    const id = confirmationIdOf(preview);
    // 8 s on the way in: past ORDER_SUBMIT_GRACE_SECONDS (1 s) and a sync pass (every 5 s) — and past
    // Binance's recvWindow (5 s), so the exchange refuses it when it finally arrives.
    exchange.binance.inject('POST /api/v3/order', { kind: 'delay', ms: 8_000 });
    const mark = await jo.press(preview, '✅');
    const told = await jo.waitForMessage('Not executed', { after: mark, method: 'editMessageText', messageId: messageIdOf(preview), timeoutMs: 25_000 });
    expect(textOf(told)).toContain('The exchange did not take the order. Nothing was executed; please try again.');
    expect(editsOf(preview, mark).map(textOf)).toEqual([textOf(told)]);
    expect(onExchange(id)).toEqual([]);
    expect(ordersPosted(exchange.binance, id)).toHaveLength(1);
    expect(await linesAbout(jo, /Buy 0\.0005 BTC/)).toEqual([expect.stringMatching(/ · market · rejected$/)]);
  }, 60_000);

  it('paper: the app died after the fill was booked but before the user was told — after a restart the order is known once, and ✅ shows how it ended', async () => {
    const preview = await kit.ask('buy 0.001 btc', 'Confirm');
    expect(textOf(preview)).toContain('📝 PAPER');
    parley.tg.holdNext('editMessageText');
    const { mark } = kit.pressAndLeave(preview, '✅');
    const held = await parley.tg.waitFor((c) => parley.tg.calls.indexOf(c) >= mark && c.method === 'editMessageText' && c.injected);
    expect(textOf(held)).toContain('Bought 0.001 BTC'); // what the user was about to read
    await parley.kill();

    const restarted = parley.tg.calls.length;
    await parley.restart();
    expect(await linesAbout(kit, /Buy 0\.001 BTC/)).toEqual([expect.stringMatching(/^<b>#\d+<\/b> · Buy 0\.001 BTC · market · filled$/)]);
    const portfolio = textOf(await kit.ask('portfolio', 'Portfolio'));
    expect(portfolio).toMatch(/<b>BTC<\/b> 0\.001 ≈/);
    const cash = Number(/Cash: ([\d,.]+) USDT/.exec(portfolio)![1]!.replace(/,/g, ''));
    const cost = Number(/= ([\d,.]+) USDT/.exec(textOf(held))![1]!.replace(/,/g, ''));
    expect(cash).toBeCloseTo(10_000 - cost, 2); // paid once

    // The outbox finishes what the dead process could not say: the preview is edited to how it ended.
    const healed = await kit.waitForMessage('Bought 0.001 BTC', { after: restarted, method: 'editMessageText', messageId: messageIdOf(preview), timeoutMs: 25_000 });
    expect(textOf(healed)).toBe(textOf(held));
    // A late press (an old copy of the buttons) shows the settled order instead of executing again.
    const again = kit.mark();
    await kit.send(parley.tg.emulator.userPressesButton(kit.user, kit.chat, messageIdOf(preview), `t:ok:${confirmationIdOf(preview)}`, { allowUnknownData: true }));
    await kit.waitForMessage('Already done ✅ — it was executed once.', { after: again, method: 'answerCallbackQuery' });
    expect(await linesAbout(kit, /Buy 0\.001 BTC/)).toHaveLength(1);
  }, 60_000);

  it('paper: the app died between ✅ and the paper exchange — after a restart the preview says it was not executed', async () => {
    const preview = await kit.ask('buy 0.003 btc', 'Confirm');
    const mark = parley.tg.calls.length;
    // The paper exchange is in-process, a few microseconds after the claim: no kill lands there
    // reliably. So the app is killed first and the ✅ press is won by the same claim code the bot
    // runs, on the same data — leaving exactly what a kill right after it would leave.
    await parley.kill();
    const database = await openDatabase({ dataDir: parley.dataDir, logger: silentLogger() });
    try {
      const claim = await new ConfirmationRepo(database.db).claim(confirmationIdOf(preview), await kitUserId(database.db), new Date(), journalEntry);
      expect(claim.outcome).toBe('claimed');
    } finally {
      await database.close();
    }

    await parley.restart();
    const told = await kit.waitForMessage('Not executed', { after: mark, method: 'editMessageText', messageId: messageIdOf(preview), timeoutMs: 20_000 });
    expect(textOf(told)).toContain('The order was interrupted before it reached the exchange. Nothing was executed.');
    expect(await linesAbout(kit, /Buy 0\.003 BTC/)).toEqual([expect.stringMatching(/ · rejected$/)]);
    expect(textOf(await kit.ask('portfolio', 'Portfolio'))).toMatch(/<b>BTC<\/b> 0\.001 ≈/);
  }, 60_000);
});
