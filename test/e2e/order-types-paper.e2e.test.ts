import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPrice } from '../../src/shared/number-format.js';
import { startFakeBinance, type FakeBinance } from '../fakes/fake-binance/index.js';
import { buttonsOf, type ChatDriver, numberIn, orderNumberIn, textOf } from '../support/chat-driver.js';
import { startParley, type Parley } from '../support/parley-harness.js';
import { limitThatFillsLater } from '../support/replay-forecast.js';

/** A price on BTC/ETH's 0.01 tick. */
const cents = (value: number): number => Math.round(value * 100) / 100;

/** Buys at market and waits for the fill: a holding for the sells and stops that follow. */
async function buyAtMarket(user: ChatDriver, words: string): Promise<string> {
  const preview = await user.ask(words, 'Confirm');
  return textOf(await user.confirm(preview, 'Bought'));
}

/** Places a limit order that rests; resolves with its order id. */
async function placeResting(user: ChatDriver, words: string): Promise<string> {
  const preview = await user.ask(words, 'Confirm');
  expect(textOf(preview)).not.toContain('fills at once');
  return orderNumberIn(textOf(await user.confirm(preview, 'placed')));
}

/**
 * Every order type on the paper exchange, end to end: the real app as its own process on the
 * replayed market, a user talking to it through the fake Bot API, and what the user sees.
 */
describe('order types on paper, in chat (replayed market)', () => {
  let parley: Parley;

  beforeAll(async () => {
    parley = await startParley();
  }, 90_000);

  afterAll(async () => {
    expect(await parley?.close()).toBe(0);
  });

  it('buys and sells at market by coin amount, by dollar amount and by share of the holding', async () => {
    const ann = parley.chat(8101, 'Ann');
    await ann.ask('/start', '10,000.00 USDT');

    const preview = await ann.ask('buy 0.002 btc', 'Confirm');
    expect(textOf(preview)).toContain('Buy 0.002 BTC · BTC/USDT · market · 📝 PAPER');
    expect(textOf(await ann.confirm(preview, 'Bought'))).toMatch(/Bought 0\.002 BTC<\/b> at [\d,]+\.\d{2} USDT · 📝 PAPER/);

    const byQuote = await ann.ask('buy $100 of eth', 'Confirm');
    expect(numberIn(/Total: <b>([\d,.]+) USDT/.exec(textOf(byQuote))![1]!)).toBeLessThanOrEqual(100);
    const eth = textOf(await ann.confirm(byQuote, 'Bought'));
    const ethBought = /Bought ([\d.]+) ETH/.exec(eth)![1]!;
    const spent = numberIn(/= ([\d,.]+) USDT/.exec(eth)![1]!);
    expect(spent).toBeGreaterThan(95);
    expect(spent).toBeLessThanOrEqual(100);

    const half = await ann.ask('sell half my btc', 'Confirm');
    expect(textOf(half)).toContain('Sell 0.001 BTC · BTC/USDT · market');
    expect(textOf(await ann.confirm(half, 'Sold'))).toMatch(/Sold 0\.001 BTC<\/b> at [\d,]+\.\d{2} USDT/);

    const portfolio = textOf(await ann.ask('portfolio', 'Portfolio'));
    expect(portfolio).toMatch(/<b>BTC<\/b> 0\.001 ≈/);
    expect(portfolio).toContain(`<b>ETH</b> ${ethBought} ≈`);
  });

  it('rests a limit buy below the market with its funds held, lists it, and cancels it releasing them', async () => {
    const bo = parley.chat(8102, 'Bo');
    const limit = cents((await bo.price('btc')) * 0.8);
    const preview = await bo.ask(`buy 0.01 btc at ${limit}`, 'Confirm');
    expect(textOf(preview)).toContain(`Buy 0.01 BTC at ${formatPrice(limit)} · BTC/USDT · limit · 📝 PAPER`);
    const held = /Held while it waits: ([\d,.]+ USDT)/.exec(textOf(preview))![1]!;
    const placed = textOf(await bo.confirm(preview, 'placed'));
    expect(placed).toContain(`0.01 BTC at ${formatPrice(limit)} USDT: it waits until the price gets there.`);
    const id = orderNumberIn(placed);

    expect(textOf(await bo.ask('my orders', 'Open orders'))).toContain(`<b>#${id}</b> · Buy 0.01 BTC at ${formatPrice(limit)} · limit · open`);
    const holding = textOf(await bo.ask('portfolio', 'Portfolio'));
    expect(holding).toContain('Cash: 10,000.00 USDT');
    expect(holding).toContain(`${held} held by open orders`);

    const cancel = await bo.ask(`cancel #${id}`, 'Confirm');
    expect(textOf(cancel)).toContain('Cancel 1 order');
    expect(textOf(cancel)).toContain(`<b>#${id}</b> · Buy 0.01 BTC`);
    const done = textOf(await bo.confirm(cancel, 'Cancelled 1 of 1'));
    expect(done).toContain(`<b>#${id}</b> · Buy 0.01 BTC at ${formatPrice(limit)} · limit · cancelled`);
    const released = textOf(await bo.ask('portfolio', 'Portfolio'));
    expect(released).toContain('Cash: 10,000.00 USDT');
    expect(released).not.toContain('held by open orders');
  });

  it('fills a marketable limit at once', async () => {
    const cy = parley.chat(8103, 'Cy');
    const limit = cents((await cy.price('btc')) * 1.01);
    const preview = await cy.ask(`buy 0.001 btc at ${limit}`, 'Confirm');
    expect(textOf(preview)).toContain('The book already offers this price: it fills at once');
    const filled = textOf(await cy.confirm(preview, 'Bought 0.001 BTC'));
    expect(filled).toMatch(/Order #\d+ · filled/);
    expect(numberIn(/at ([\d,.]+) USDT/.exec(filled)![1]!)).toBeLessThanOrEqual(limit);
  });

  it('fills a resting limit when the replayed market reaches it, and tells the user', async () => {
    const di = parley.chat(8104, 'Di');
    // Coins for a limit sell, should the market be rising.
    await buyAtMarket(di, 'buy $30 of btc');
    await buyAtMarket(di, 'buy $30 of eth');
    // A price one tick off the book for the next seconds, that the replay's last price reaches soon after.
    const target = await limitThatFillsLater({ restSeconds: 8, withinSeconds: 40 });
    const coin = target.symbol.split('/')[0]!;
    const id = await placeResting(di, `${target.side} $20 of ${coin.toLowerCase()} at ${target.price}`);
    const side = target.side === 'buy' ? 'bought' : 'sold';
    const notice = await di.waitForMessage(new RegExp(`🔔 <b>Limit ${target.side} #${id}</b> filled: ${side} [\\d.]+ ${coin} at ${formatPrice(target.price)} USDT`), {
      timeoutMs: (target.reachedIn + 20) * 1000,
    });
    expect(di.callsMatching(`#${id}</b> filled`)).toEqual([notice]);
    expect(textOf(await di.ask('my orders', `#${id}`))).toMatch(new RegExp(`<b>#${id}</b> · ${target.side === 'buy' ? 'Buy' : 'Sell'} [\\d.]+ ${coin} at ${formatPrice(target.price)} · limit · filled`));
  }, 75_000);

  it('sets stop-losses and take-profits by price and by percent, watched by Parley, and cancels the last one and then all', async () => {
    const ed = parley.chat(8105, 'Ed');
    await buyAtMarket(ed, 'buy 0.002 btc');
    const price = await ed.price('btc');
    const set = async (words: string, title: RegExp, what: string) => {
      const preview = await ed.ask(words, 'Confirm');
      expect(textOf(preview)).toMatch(title);
      expect(textOf(preview)).toContain('Parley watches the price and sells at market');
      return { preview: textOf(preview), id: orderNumberIn(textOf(await ed.confirm(preview, `${what} #`))) };
    };
    const stop = await set(`stop loss on btc at ${cents(price * 0.9)}`, /🛑 <b>Stop-loss 0\.002 BTC at [\d,.]+ · BTC\/USDT · stop-loss · 📝 PAPER/, 'Stop-loss');
    const stopPct = await set('stop loss 5% below on btc', /Stop-loss 0\.002 BTC at [\d,.]+ · BTC\/USDT · stop-loss/, 'Stop-loss');
    expect(stopPct.preview).toMatch(/−5\.00% from [\d,.]+ is [\d,.]+ USDT/);
    const take = await set(`take profit on btc at ${cents(price * 1.2)}`, /🎯 <b>Take-profit 0\.002 BTC at [\d,.]+ · BTC\/USDT · take-profit/, 'Take-profit');
    const takePct = await set('take profit 10% above on btc', /Take-profit 0\.002 BTC at [\d,.]+/, 'Take-profit');
    expect(takePct.preview).toMatch(/\+10\.00% from [\d,.]+ is [\d,.]+ USDT/);

    const list = textOf(await ed.ask('my orders', 'Open orders'));
    for (const { id } of [stop, stopPct, take, takePct]) expect(list).toMatch(new RegExp(`<b>#${id}</b> · (Stop-loss|Take-profit) 0\\.002 BTC at [\\d,.]+ · watching`));

    const last = await ed.ask('cancel my last order', 'Confirm');
    expect(textOf(last)).toContain('Cancel 1 order');
    expect(textOf(last)).toContain(`<b>#${takePct.id}</b>`);
    await ed.confirm(last, 'Cancelled 1 of 1');

    const all = await ed.ask('cancel all my btc orders', 'Confirm');
    expect(textOf(all)).toContain('Cancel 3 orders');
    const done = textOf(await ed.confirm(all, 'Cancelled 3 of 3'));
    for (const { id } of [stop, stopPct, take]) expect(done).toMatch(new RegExp(`<b>#${id}</b> · [^\\n]+ · cancelled`));
    expect(textOf(await ed.ask('my orders', 'no open orders'))).toContain('You have no open orders.');
  });

  it('asks which order to cancel when none is named, and cancels the one picked', async () => {
    const fay = parley.chat(8106, 'Fay');
    const btc = await fay.price('btc');
    const eth = await fay.price('eth');
    const first = await placeResting(fay, `buy 0.001 btc at ${cents(btc * 0.7)}`);
    const second = await placeResting(fay, `buy 0.01 eth at ${cents(eth * 0.7)}`);

    const picker = await fay.ask('cancel my order', 'Which order should I cancel?');
    expect(buttonsOf(picker).map((b) => b.text)).toEqual([`Cancel #${second}`, `Cancel #${first}`, 'Cancel all of them']);
    const mark = await fay.press(picker, `Cancel #${first}`);
    const preview = await fay.waitForMessage('Confirm', { after: mark });
    expect(textOf(preview)).toContain(`<b>#${first}</b> · Buy 0.001 BTC`);
    expect(textOf(preview)).not.toContain(`#${second}`);
    await fay.confirm(preview, 'Cancelled 1 of 1');
    const left = textOf(await fay.ask('my orders', 'Open orders'));
    expect(left).toContain(`<b>#${second}</b> · Buy 0.01 ETH`);
    expect(left).toMatch(new RegExp(`Recent</b>\\n<b>#${first}</b> · Buy 0.001 BTC at [\\d,.]+ · limit · cancelled`));
  });

  it('says plainly why an order cannot be placed: a stop above the market, a limit below the minimum, a coin not listed', async () => {
    const gus = parley.chat(8107, 'Gus');
    await buyAtMarket(gus, 'buy 0.001 btc');
    const price = await gus.price('btc');

    const above = await gus.ask(`stop loss on btc at ${cents(price * 1.1)}`, 'Nothing was placed.');
    expect(textOf(above)).toMatch(/✖ A stop-loss at [\d,.]+ is not below the current price \([\d,.]+\): it would sell at once\. Use a market sell instead\./);
    expect(buttonsOf(above)).toEqual([]);

    const small = await gus.ask(`buy 0.0001 btc at ${cents(price * 0.5)}`, 'Nothing was placed.');
    expect(textOf(small)).toMatch(/✖ The minimum order on BTC\/USDT is 5\.00 USDT; this one is [\d.]+ USDT\./);
    expect(buttonsOf(small)).toEqual([]);

    const unlisted = await gus.ask('buy 10 doge', 'DOGE/USDT');
    expect(textOf(unlisted)).toMatch(/DOGE\/USDT isn’t listed here\. You can trade [A-Z, ]*BTC[A-Z, ]* against USDT\./);
    expect(textOf(await gus.ask('my orders', 'Recent'))).not.toMatch(/DOGE|0\.0001 BTC|Stop-loss/);
  });
});

/**
 * A stop-loss has to see the price fall through it, and the replay cannot be told to fall. So this
 * paper account trades on live public prices instead (MARKET_DATA=live) — from the loopback Binance,
 * whose price the test moves. Nothing else changes: the paper exchange, Parley watching the stop.
 */
describe('a paper stop-loss that the market falls through', () => {
  let feed: FakeBinance;
  let parley: Parley;

  beforeAll(async () => {
    feed = await startFakeBinance();
    parley = await startParley({ MARKET_DATA: 'live', EXCHANGE_BASE_URL: feed.url });
  }, 90_000);

  afterAll(async () => {
    expect(await parley?.close()).toBe(0);
    await feed?.close();
  });

  it('sells the holding at market once the price reaches the stop, and says so', async () => {
    const hal = parley.chat(8108, 'Hal');
    expect(await buyAtMarket(hal, 'buy 0.002 btc')).toContain('Bought 0.002 BTC</b> at 61,828.01 USDT');
    const preview = await hal.ask('stop loss on btc at 60000', 'Confirm');
    const id = orderNumberIn(textOf(await hal.confirm(preview, 'Stop-loss #')));

    feed.state.setPrice('BTCUSDT', 59_000);
    const notice = await hal.waitForMessage(`🛑 <b>Stop-loss #${id}</b> triggered: sold 0.002 BTC at 58,999.99 USDT.`, { timeoutMs: 20_000 });
    expect(hal.callsMatching('triggered')).toEqual([notice]);
    expect(textOf(await hal.ask('my orders', 'Recent'))).toContain(`<b>#${id}</b> · Stop-loss 0.002 BTC at 60,000.00 · filled`);
    expect(textOf(await hal.ask('portfolio', 'Portfolio'))).not.toContain('<b>BTC</b>');
  }, 45_000);
});
