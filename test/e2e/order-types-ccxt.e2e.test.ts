import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SYMBOLS, type FakeSymbolSpec } from '../fakes/fake-binance/index.js';
import { type ChatDriver, confirmationIdOf, numberIn, orderNumberIn, textOf } from '../support/chat-driver.js';
import { connectBinance, ordersPosted, startLoopbackBinance, type LoopbackBinance } from '../support/loopback-binance.js';
import { startParley, type Parley } from '../support/parley-harness.js';


/**
 * BTCUSDT on this exchange has rules of its own — a 0.1 tick, a 0.0001 step, a 10 USDT minimum —
 * and a price the replayed 2021 market never had, so a preview that shows them can only have
 * read them from the exchange the order goes to.
 */
const PRICE = 123_456.7;
const BTC: FakeSymbolSpec = { symbol: 'BTCUSDT', baseAsset: 'BTC', quoteAsset: 'USDT', tickSize: '0.1', stepSize: '0.0001', minQty: '0.0001', minNotional: '10', price: PRICE };
const SYMBOLS = [BTC, ...DEFAULT_SYMBOLS.filter((s) => s.symbol !== 'BTCUSDT')];

/**
 * Every order type on a Binance testnet account over ccxt, end to end: the app connects through
 * /connect to the loopback Binance (EXCHANGE_BASE_URL), the user trades in chat, and the test
 * checks both what the user is told and what the exchange holds.
 */
describe('order types over ccxt, on a Binance testnet account (loopback Binance)', () => {
  let exchange: LoopbackBinance;
  let parley: Parley;
  let ivy: ChatDriver;
  /** A resting order Ivy placed on her paper account before she connected Binance. */
  let paperOrder: string;
  const onExchange = (clientOrderId: string) => exchange.account.ordersWithClientId(clientOrderId);

  beforeAll(async () => {
    exchange = await startLoopbackBinance({ symbols: SYMBOLS, usdt: '10000' });
    parley = await startParley(exchange.env);
    ivy = parley.chat(8201, 'Ivy');
    await ivy.ask('/start', 'paper account');
    const paperPreview = await ivy.ask(`buy 0.001 btc at ${Math.round((await ivy.price('btc')) / 2)}`, 'Confirm');
    paperOrder = orderNumberIn(textOf(await ivy.confirm(paperPreview, 'placed')));
    await connectBinance(ivy, exchange, 'Testnet');
  }, 90_000);

  afterAll(async () => {
    expect(await parley?.close()).toBe(0);
    await exchange?.binance.close();
  });

  it('prices from the exchange’s own book, says TESTNET · binance, and places a market order once under the confirmation id', async () => {
    const price = textOf(await ivy.ask('price of btc', '<b>BTC</b>'));
    expect(price).toContain('<b>BTC</b> 123,456.7 USDT');
    expect(price).not.toContain('Replayed market data');

    const preview = await ivy.ask('buy 0.001 btc', 'Confirm');
    expect(textOf(preview)).toContain('Buy 0.001 BTC · BTC/USDT · market · 🧪 TESTNET · binance');
    expect(textOf(preview)).toContain('Est. price: <b>123,456.7</b> USDT');
    const id = confirmationIdOf(preview);
    const bought = textOf(await ivy.confirm(preview, 'Bought'));
    expect(bought).toContain('Bought 0.001 BTC</b> at 123,456.7 USDT · 🧪 TESTNET · binance');
    expect(bought).toContain('fee 0.000001 BTC'); // Binance takes it from the coin bought
    expect(ordersPosted(exchange.binance, id)).toHaveLength(1);
    expect(onExchange(id)).toMatchObject([{ type: 'MARKET', side: 'BUY', status: 'FILLED' }]);
    expect(onExchange(id)[0]!.origQty.toFixed()).toBe('0.001');

    // Half of 0.000999 BTC, on the exchange's 0.0001 step.
    const half = await ivy.ask('sell half my btc', 'Confirm');
    expect(textOf(half)).toContain('Sell 0.0004 BTC · BTC/USDT · market · 🧪 TESTNET · binance');
    const sold = textOf(await ivy.confirm(half, 'Sold'));
    expect(sold).toContain('Sold 0.0004 BTC</b> at 123,456.6 USDT'); // the bid: one tick under the last price
    expect(onExchange(confirmationIdOf(half))).toMatchObject([{ type: 'MARKET', side: 'SELL', status: 'FILLED' }]);
  });

  it('rounds a limit to the exchange’s step and tick and says so; it rests there, and fills when the price comes down — the user is told', async () => {
    const preview = await ivy.ask('buy 0.00123 btc at 100000.57', 'Confirm');
    const text = textOf(preview);
    expect(text).toContain('Buy 0.0012 BTC at 100,000.6 · BTC/USDT · limit · 🧪 TESTNET · binance');
    expect(text).toContain('Rounded down to 0.0012 BTC: BTC/USDT trades in steps of 0.0001.');
    expect(text).toContain('Price rounded to 100,000.6 USDT: BTC/USDT prices move in steps of 0.1.');
    const clientId = confirmationIdOf(preview);
    const id = orderNumberIn(textOf(await ivy.confirm(preview, 'placed')));
    const [resting] = onExchange(clientId);
    expect(resting).toMatchObject({ type: 'LIMIT', side: 'BUY', status: 'NEW' });
    expect([resting!.origQty.toFixed(), resting!.price.toFixed()]).toEqual(['0.0012', '100000.6']);

    expect(textOf(await ivy.ask('my orders', 'Open orders'))).toContain(`<b>#${id}</b> · Buy 0.0012 BTC at 100,000.6 · limit · open`);
    const portfolio = textOf(await ivy.ask('portfolio', 'Portfolio'));
    expect(portfolio).toContain('💼 <b>Portfolio</b> · 🧪 TESTNET · binance');
    expect(portfolio).toContain('(120.00 USDT held by open orders)');

    const mark = ivy.mark();
    exchange.state.setPrice('BTCUSDT', 100_000);
    expect(resting!.status).toBe('FILLED');
    await ivy.waitForMessage(`🔔 <b>Limit buy #${id}</b> filled: bought 0.0012 BTC at 100,000.6 USDT.`, { after: mark, timeoutMs: 20_000 });
    exchange.state.setPrice('BTCUSDT', PRICE);
    expect(textOf(await ivy.ask('my orders', 'Recent'))).toContain(`<b>#${id}</b> · Buy 0.0012 BTC at 100,000.6 · limit · filled`);
  }, 45_000);

  it('has Binance hold a stop-loss itself, and cancels resting orders on the exchange', async () => {
    const stop = await ivy.ask('stop loss on btc at 110000', 'Confirm');
    expect(textOf(stop)).toContain('The exchange holds this stop-loss: it sells at market when BTC/USDT trades at 110,000.0.');
    const set = textOf(await ivy.confirm(stop, 'Stop-loss #'));
    expect(set).toContain('(held by binance testnet)');
    const [held] = onExchange(confirmationIdOf(stop));
    expect(held).toMatchObject({ type: 'STOP_LOSS', side: 'SELL', status: 'NEW' });
    expect(held!.stopPrice.toFixed()).toBe('110000');

    const limit = await ivy.ask('buy 0.001 btc at 90000', 'Confirm');
    await ivy.confirm(limit, 'placed');
    const [resting] = onExchange(confirmationIdOf(limit));

    const cancel = await ivy.ask('cancel all my btc orders', 'Confirm');
    expect(textOf(cancel)).toContain('Cancel 2 orders</b> · 🧪 TESTNET · binance');
    const done = textOf(await ivy.confirm(cancel, 'Cancelled 2 of 2'));
    expect(done).toContain(`<b>#${orderNumberIn(set)}</b> · Stop-loss`);
    expect([held!.status, resting!.status]).toEqual(['CANCELED', 'CANCELED']);
    expect(exchange.account.balance('BTC').locked.toFixed()).toBe('0');
    expect(exchange.account.balance('USDT').locked.toFixed()).toBe('0');

    // The paper order is not this account's: "cancel all" left it alone, and naming it says where it is.
    expect(done).not.toContain(`#${paperOrder}`);
    const elsewhere = textOf(await ivy.ask(`cancel #${paperOrder}`, `#${paperOrder}`));
    expect(elsewhere).toBe(`Order #${paperOrder} is on another of your accounts: switch to it with /accounts to cancel it there.`);
  });

  it('tells the user when the exchange’s stop-loss fires', async () => {
    const preview = await ivy.ask('stop loss on btc at 120000', 'Confirm');
    const amount = /Stop-loss ([\d.]+) BTC/.exec(textOf(preview))![1]!;
    const id = orderNumberIn(textOf(await ivy.confirm(preview, 'Stop-loss #')));
    const mark = ivy.mark();
    exchange.state.setPrice('BTCUSDT', 119_000);
    expect(onExchange(confirmationIdOf(preview))).toMatchObject([{ type: 'STOP_LOSS', status: 'FILLED' }]);
    await ivy.waitForMessage(`🛑 <b>Stop-loss #${id}</b> triggered: sold ${amount} BTC at 118,999.9 USDT.`, { after: mark, timeoutMs: 20_000 });
    exchange.state.setPrice('BTCUSDT', PRICE);
  }, 45_000);

  it('says “Not executed” with the exchange’s reason when the exchange refuses the order', async () => {
    // Within the risk limits (a position at most 10 % of the portfolio).
    const preview = await ivy.ask('buy 0.005 btc', 'Confirm');
    // Between the preview and ✅ the money is held by an order placed on the website: the portfolio
    // is worth as much (the risk limits let it through again), but the exchange cannot take the order.
    const free = exchange.account.balance('USDT').free;
    exchange.account.hold('USDT', free.minus(50));
    const refused = textOf(await ivy.confirm(preview, 'Not executed'));
    expect(refused).toContain('❌ <b>Not executed</b> — Buy 0.005 BTC · BTC/USDT · market · 🧪 TESTNET · binance');
    expect(refused).toContain('There is not enough free USDT on the exchange for this order');
    const id = confirmationIdOf(preview);
    expect(ordersPosted(exchange.binance, id)).toHaveLength(1);
    expect(onExchange(id)).toEqual([]);
    exchange.account.hold('USDT', free.minus(50).neg());
    const { free: cash, locked } = exchange.account.balance('USDT');
    expect(numberIn(/Cash: ([\d,.]+) USDT/.exec(textOf(await ivy.ask('portfolio', 'Portfolio')))![1]!)).toBeCloseTo(cash.plus(locked).toNumber(), 2);
  });
});
