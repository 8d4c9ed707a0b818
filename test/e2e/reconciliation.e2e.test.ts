import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf, type ChatDriver, confirmationIdOf, orderNumberIn, textOf } from '../support/chat-driver.js';
import { connectBinance, placeByHand, startLoopbackBinance, type LoopbackBinance } from '../support/loopback-binance.js';
import { startParley, type Parley } from '../support/parley-harness.js';

const FOREIGN = '🔎 <b>An order on binance that Parley did not place</b>';

/**
 * A live account is also used outside Parley — the exchange's website, another bot. Parley
 * compares the account with the exchange (every RECONCILE_SECONDS, 2 s here) and asks the owner
 * about what it did not do; its order sync tells them about its own orders changed by hand.
 */
describe('reconciling a live Binance account with what happened outside Parley, end to end', () => {
  let exchange: LoopbackBinance;
  let parley: Parley;
  let lu: ChatDriver;

  /** Resolves once `n` more reconciliation passes have read the exchange's open orders (only they do). */
  const reconcilePasses = (n: number) => {
    const { requests } = exchange.binance;
    const from = requests.length;
    const isPass = (r: { path: string }) => r.path === '/api/v3/openOrders';
    return exchange.binance.waitFor((r) => isPass(r) && requests.indexOf(r) >= from && requests.slice(from, requests.indexOf(r) + 1).filter(isPass).length === n, { handled: true });
  };

  beforeAll(async () => {
    exchange = await startLoopbackBinance({ usdt: '10000' });
    parley = await startParley({ ...exchange.env, RECONCILE_SECONDS: '2' });
    lu = parley.chat(8401, 'Lu');
    await lu.ask('/start', 'paper account');
    await connectBinance(lu, exchange, 'Live');
  }, 90_000);

  afterAll(async () => {
    expect(await parley?.close()).toBe(0);
    await exchange?.binance.close();
  });

  it('asks about orders placed on the exchange by hand: an adopted one is tracked, an ignored one left alone', async () => {
    let mark = lu.mark();
    const kept = placeByHand(exchange, { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.002', price: '50000' });
    const report = await lu.waitForMessage(`(id ${kept.orderId})`, { after: mark });
    expect(textOf(report)).toBe(`${FOREIGN}\nBuy 0.002 BTC/USDT at 50,000.00 · limit (id ${kept.orderId})\nAdopt it to track its fills in Parley, or ignore it.`);
    expect(buttonsOf(report).map((b) => b.text)).toEqual(['Adopt', 'Ignore']);
    mark = await lu.press(report, 'Adopt');
    const adopted = textOf(await lu.waitForMessage('Adopted — Parley tracks it now', { after: mark, method: 'editMessageText' }));
    const id = orderNumberIn(adopted);
    expect(adopted).toContain(`<b>#${id}</b> · Buy 0.002 BTC at 50,000.00 · limit · open`);
    expect(textOf(await lu.ask('my orders', 'Open orders'))).toContain(`<b>#${id}</b> · Buy 0.002 BTC at 50,000.00 · limit · open`);

    mark = lu.mark();
    const other = placeByHand(exchange, { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '45000' });
    const second = await lu.waitForMessage(`(id ${other.orderId})`, { after: mark });
    mark = await lu.press(second, 'Ignore');
    await lu.waitForMessage(`Ignored: Parley will leave order ${other.orderId} alone.`, { after: mark, method: 'editMessageText' });
    const orders = textOf(await lu.ask('my orders', 'Open orders'));
    expect(orders).not.toContain('45,000.00');

    // Adopted orders are Parley's now: its fills are booked, and the user is told. The exchange is slow
    // to answer the sync's lookup, so reconciliation passes see the fill before Parley has booked it.
    mark = lu.mark();
    exchange.binance.inject('GET /api/v3/order', { kind: 'delay', ms: 3_000 });
    exchange.state.setPrice('BTCUSDT', 49_000);
    await lu.waitForMessage(`🔔 <b>Limit buy #${id}</b> filled: bought 0.002 BTC at 50,000.00 USDT.`, { after: mark, timeoutMs: 20_000 });
    expect(lu.callsMatching('🔎 Your BTC')).toEqual([]);
    // 0.002 less Binance's commission in BTC; the ignored order (at 45,000) has not filled.
    expect(textOf(await lu.ask('portfolio', 'Portfolio'))).toMatch(/<b>BTC<\/b> 0\.001998 ≈ [\d,.]+ USDT\n {3}avg 50,0\d\d\.\d\d/);
  }, 60_000);

  it('asks about a balance that changed outside Parley, and books it when adopted', async () => {
    let mark = lu.mark();
    exchange.account.fund('ETH', '0.5'); // a deposit
    const report = await lu.waitForMessage('🔎 Your ETH on binance is 0.5, Parley’s books say 0', { after: mark, timeoutMs: 15_000 });
    expect(buttonsOf(report).map((b) => b.text)).toEqual(['Adopt 0.5', 'Ignore']);
    await reconcilePasses(2); // the balance is still different: it must not be said again
    mark = await lu.press(report, 'Adopt 0.5');
    await lu.waitForMessage('Adopted: Parley now tracks 0.5 ETH on binance.', { after: mark, method: 'editMessageText' });
    expect(textOf(await lu.ask('portfolio', 'Portfolio'))).toMatch(/<b>ETH<\/b> 0\.5 ≈ 1,325\.28 USDT\n {3}avg 2,650\.55 → 2,650\.55/);
    // Each foreign order was reported once, however many passes ran since; and BTC, which moved
    // only by the adopted order's fill, was never taken for a change made outside Parley.
    expect(lu.callsMatching(FOREIGN)).toHaveLength(2);
    expect(lu.callsMatching('🔎 Your ETH')).toEqual([report]);
    expect(lu.callsMatching('🔎 Your BTC')).toEqual([]);
  });

  it('tells the user when one of their Parley orders is cancelled on the exchange by hand', async () => {
    const preview = await lu.ask('buy 0.001 btc at 40000', 'Confirm');
    const id = orderNumberIn(textOf(await lu.confirm(preview, 'placed')));
    const [resting] = exchange.account.ordersWithClientId(confirmationIdOf(preview));
    const mark = lu.mark();
    exchange.account.cancel(resting!);
    await lu.waitForMessage(`✖ <b>Limit buy #${id}</b> was cancelled on the exchange.`, { after: mark, timeoutMs: 20_000 });
    expect(textOf(await lu.ask('my orders', 'Recent'))).toContain(`<b>#${id}</b> · Buy 0.001 BTC at 40,000.00 · limit · cancelled`);
    expect(lu.callsMatching(FOREIGN)).toHaveLength(2); // its own order, cancelled by hand, is not "foreign"
  }, 45_000);
});
