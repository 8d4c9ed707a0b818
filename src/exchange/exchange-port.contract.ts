import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dec, ZERO, type Decimal } from '../shared/decimal.js';
import { AppError, InsufficientFunds, InvalidOrder, NotFound, UnknownSymbol } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { BalanceEntry, ExchangeOrder, ExchangePort, OrderRequest } from '../trading/exchange-port.js';

/**
 * What every ExchangePort must do, whatever is behind it. The market is BTC/USDT (step 0.00001
 * BTC, tick 0.01, minimum order 5 USDT) priced at 60,000 by the test; each case gets a fresh,
 * empty account from `setup`.
 */
export interface ExchangePortContractSetup {
  exchange: ExchangePort;
  /** Sets the last price; orders the move crosses (resting limits, stops) are matched before this resolves. */
  moveMarket(symbol: string, price: number): Promise<void>;
  /** Credits the account's free balance. */
  fund(asset: string, amount: string): Promise<void>;
  /** How many orders the exchange holds for a client id, when the setup can tell (else balances prove it). */
  ordersWithClientId?(clientOrderId: string): Promise<number>;
  cleanup(): Promise<void>;
}

const SYMBOL = 'BTC/USDT';
const PRICE = 60_000;

export function exchangePortContract(name: string, setup: () => Promise<ExchangePortContractSetup>): void {
  describe(`ExchangePort contract: ${name}`, () => {
    let ctx: ExchangePortContractSetup;
    let exchange: ExchangePort;
    const balance = async (asset: string): Promise<BalanceEntry> => {
      const b = (await exchange.fetchBalance()).get(asset);
      return b ?? { free: ZERO, used: ZERO, total: ZERO };
    };
    const order = (fields: Partial<OrderRequest> & Pick<OrderRequest, 'side' | 'type'>): OrderRequest => ({
      clientOrderId: newId(),
      symbol: SYMBOL,
      amount: dec('0.01'),
      ...fields,
    });
    /** The part of the fee charged in `asset`. */
    const feeIn = (o: ExchangeOrder, asset: string): Decimal => (o.fee.currency === asset ? o.fee.cost : ZERO);
    const expectConsistent = (b: BalanceEntry) => expect(b.free.plus(b.used).eq(b.total)).toBe(true);
    const expectRefused = async (promise: Promise<unknown>, ...types: (new (...args: never[]) => AppError)[]) => {
      const error = await promise.then(() => undefined, (e: unknown) => e);
      expect(error, 'the call should have failed').toBeInstanceOf(AppError);
      expect(types.some((t) => error instanceof t), `got ${(error as Error).name}: ${(error as Error).message}`).toBe(true);
      expect((error as AppError).userMessage).not.toMatch(/undefined|\[object/);
    };

    beforeEach(async () => {
      ctx = await setup();
      exchange = ctx.exchange;
      await ctx.moveMarket(SYMBOL, PRICE);
    });
    afterEach(() => ctx.cleanup());

    it('fills a market buy and a market sell, with a fee, and balances that add up exactly', async () => {
      await ctx.fund('USDT', '10000');
      const buy = await exchange.createOrder(order({ side: 'buy', type: 'market' }));
      expect(buy).toMatchObject({ symbol: SYMBOL, side: 'buy', type: 'market', status: 'closed' });
      expect(buy.filled.toFixed()).toBe('0.01');
      expect(buy.average!.minus(PRICE).abs().lt(PRICE * 0.01)).toBe(true);
      expect(buy.average!.mul(buy.filled).minus(buy.cost).abs().lte(buy.cost.mul('1e-12'))).toBe(true); // average = cost / filled
      expect(['BTC', 'USDT']).toContain(buy.fee.currency);
      const feeBase = buy.fee.currency === 'USDT' ? buy.cost : buy.filled;
      expect(buy.fee.cost.div(feeBase).minus(exchange.takerFee(SYMBOL)).abs().lt('0.0000001')).toBe(true);
      const usdt = await balance('USDT');
      const btc = await balance('BTC');
      expect(usdt.total.eq(dec('10000').minus(buy.cost).minus(feeIn(buy, 'USDT')))).toBe(true);
      expect(btc.total.eq(buy.filled.minus(feeIn(buy, 'BTC')))).toBe(true);
      [usdt, btc].forEach(expectConsistent);
      expect(usdt.used.isZero() && btc.used.isZero()).toBe(true);

      const sell = await exchange.createOrder(order({ side: 'sell', type: 'market', amount: dec('0.005') }));
      expect(sell).toMatchObject({ side: 'sell', status: 'closed' });
      expect(sell.filled.toFixed()).toBe('0.005');
      expect((await balance('USDT')).total.eq(usdt.total.plus(sell.cost).minus(feeIn(sell, 'USDT')))).toBe(true);
      expect((await balance('BTC')).total.eq(btc.total.minus('0.005').minus(feeIn(sell, 'BTC')))).toBe(true);
    });

    it('turns a client order id into one order only, however often it is sent', async () => {
      await ctx.fund('USDT', '10000');
      const market = order({ side: 'buy', type: 'market' });
      const first = await exchange.createOrder(market);
      const again = await exchange.createOrder(market).catch((e: unknown) => e);
      if (again instanceof Error) expect(again).toBeInstanceOf(AppError);
      else expect((again as ExchangeOrder).id).toBe(first.id);
      expect((await balance('BTC')).total.eq(first.filled.minus(feeIn(first, 'BTC')))).toBe(true);

      const resting = order({ side: 'buy', type: 'limit', price: dec('50000') });
      const placed = await exchange.createOrder(resting);
      const twice = await Promise.allSettled([exchange.createOrder(resting), exchange.createOrder(resting)]);
      for (const r of twice) if (r.status === 'fulfilled') expect(r.value.id).toBe(placed.id);
      expect((await exchange.fetchOpenOrders(SYMBOL)).filter((o) => o.clientOrderId === resting.clientOrderId)).toHaveLength(1);
      expect((await balance('USDT')).used.lt(1000)).toBe(true); // one 500 USDT order held, not three
      if (ctx.ordersWithClientId) {
        expect(await ctx.ordersWithClientId(market.clientOrderId)).toBe(1);
        expect(await ctx.ordersWithClientId(resting.clientOrderId)).toBe(1);
      }
    });

    it('finds an order by its client order id, and answers null for an id it never took', async () => {
      await ctx.fund('USDT', '10000');
      const placed = await exchange.createOrder(order({ side: 'buy', type: 'market' }));
      const found = await exchange.fetchOrderByClientId(SYMBOL, placed.clientOrderId);
      expect(found).toMatchObject({ id: placed.id, clientOrderId: placed.clientOrderId, status: 'closed', side: 'buy' });
      expect(found!.filled.eq(placed.filled) && found!.cost.eq(placed.cost) && found!.fee.cost.eq(placed.fee.cost)).toBe(true);
      expect(await exchange.fetchOrderByClientId(SYMBOL, newId())).toBeNull();
    });

    it('rests a limit buy with its funds held, lists it, and fills it when the price falls through it', async () => {
      await ctx.fund('USDT', '10000');
      const placed = await exchange.createOrder(order({ side: 'buy', type: 'limit', price: dec('59000') }));
      expect(placed).toMatchObject({ status: 'open', type: 'limit' });
      expect(placed.filled.isZero() && placed.price!.eq(59_000)).toBe(true);
      const held = await balance('USDT');
      expect(held.used.gte(590) && held.total.eq(10_000)).toBe(true);
      expectConsistent(held);
      expect((await exchange.fetchOpenOrders(SYMBOL)).map((o) => o.id)).toContain(placed.id);
      expect((await exchange.fetchOpenOrders()).map((o) => o.id)).toContain(placed.id);

      await ctx.moveMarket(SYMBOL, 59_500);
      expect((await exchange.fetchOrder(SYMBOL, placed.id)).status).toBe('open');
      await ctx.moveMarket(SYMBOL, 58_900);
      const filled = await exchange.fetchOrder(SYMBOL, placed.id);
      expect(filled.status).toBe('closed');
      expect(filled.filled.toFixed()).toBe('0.01');
      expect(filled.average!.lte(59_000)).toBe(true);
      const usdt = await balance('USDT');
      expect(usdt.used.isZero() && usdt.total.eq(dec(10_000).minus(filled.cost).minus(feeIn(filled, 'USDT')))).toBe(true);
      expect((await balance('BTC')).total.eq(filled.filled.minus(feeIn(filled, 'BTC')))).toBe(true);
      expect((await exchange.fetchOpenOrders(SYMBOL)).map((o) => o.id)).not.toContain(placed.id);
    });

    it('rests a limit sell with the base held, and fills it when the price rises through it', async () => {
      await ctx.fund('BTC', '0.1');
      const placed = await exchange.createOrder(order({ side: 'sell', type: 'limit', amount: dec('0.05'), price: dec('61000') }));
      expect(placed.status).toBe('open');
      expect((await balance('BTC')).used.eq('0.05')).toBe(true);
      await ctx.moveMarket(SYMBOL, 61_100);
      const filled = await exchange.fetchOrder(SYMBOL, placed.id);
      expect(filled.status).toBe('closed');
      expect(filled.average!.gte(61_000)).toBe(true);
      const btc = await balance('BTC');
      expect(btc.used.isZero() && btc.total.eq('0.05')).toBe(true);
      expect((await balance('USDT')).total.eq(filled.cost.minus(feeIn(filled, 'USDT')))).toBe(true);
    });

    it('fills a limit order at once when its price is already marketable', async () => {
      await ctx.fund('USDT', '10000');
      const placed = await exchange.createOrder(order({ side: 'buy', type: 'limit', price: dec('61000') }));
      expect(placed.status).toBe('closed');
      expect(placed.average!.lte(61_000)).toBe(true);
    });

    it('cancels a resting order and gives its funds back', async () => {
      await ctx.fund('USDT', '10000');
      const placed = await exchange.createOrder(order({ side: 'buy', type: 'limit', price: dec('59000') }));
      const canceled = await exchange.cancelOrder(SYMBOL, placed.id);
      expect(canceled).toMatchObject({ id: placed.id, clientOrderId: placed.clientOrderId, status: 'canceled' });
      expect((await exchange.fetchOrder(SYMBOL, placed.id)).status).toBe('canceled');
      const usdt = await balance('USDT');
      expect(usdt.used.isZero() && usdt.free.eq(10_000)).toBe(true);
      expect(await exchange.fetchOpenOrders(SYMBOL)).toEqual([]);
    });

    it('refuses to cancel an order it does not know, or one already filled', async () => {
      await ctx.fund('USDT', '10000');
      await expectRefused(exchange.cancelOrder(SYMBOL, '987654321'), NotFound, InvalidOrder);
      const filled = await exchange.createOrder(order({ side: 'buy', type: 'market' }));
      await expectRefused(exchange.cancelOrder(SYMBOL, filled.id), NotFound, InvalidOrder);
      expect((await exchange.fetchOrder(SYMBOL, filled.id)).status).toBe('closed');
    });

    it('refuses an order the balance cannot pay for, and places nothing', async () => {
      await ctx.fund('USDT', '100');
      const tooBig = order({ side: 'buy', type: 'market' });
      await expectRefused(exchange.createOrder(tooBig), InsufficientFunds);
      await expectRefused(exchange.createOrder(order({ side: 'buy', type: 'limit', price: dec('59000') })), InsufficientFunds);
      await expectRefused(exchange.createOrder(order({ side: 'sell', type: 'market' })), InsufficientFunds);
      expect(await exchange.fetchOrderByClientId(SYMBOL, tooBig.clientOrderId)).toBeNull();
      expect(await exchange.fetchOpenOrders(SYMBOL)).toEqual([]);
      const usdt = await balance('USDT');
      expect(usdt.total.eq(100) && usdt.used.isZero()).toBe(true);
    });

    it('refuses a market it does not list, an amount off the step, and an order under the minimum', async () => {
      await ctx.fund('USDT', '10000');
      await expectRefused(exchange.createOrder(order({ side: 'buy', type: 'market', symbol: 'NOPE/USDT' })), UnknownSymbol);
      await expectRefused(exchange.createOrder(order({ side: 'buy', type: 'market', amount: dec('0.000015') })), InvalidOrder);
      await expectRefused(exchange.createOrder(order({ side: 'buy', type: 'market', amount: dec('0.00001') })), InvalidOrder); // 0.60 USDT
      await expectRefused(exchange.createOrder(order({ side: 'buy', type: 'limit', amount: dec('0.00005'), price: dec('59000') })), InvalidOrder); // 2.95 USDT
      expect((await balance('USDT')).total.eq(10_000)).toBe(true);
      expect(await exchange.fetchOpenOrders()).toEqual([]);
    });

    it('holds a stop-loss and a take-profit itself when it says it can, and refuses them when it cannot', async () => {
      await ctx.fund('BTC', '0.1');
      const stop = order({ side: 'sell', type: 'stop_loss', amount: dec('0.04'), triggerPrice: dec('58000') });
      const target = order({ side: 'sell', type: 'take_profit', amount: dec('0.04'), triggerPrice: dec('62000') });
      if (!exchange.capabilities.nativeStopLoss) await expectRefused(exchange.createOrder(stop), InvalidOrder);
      if (!exchange.capabilities.nativeTakeProfit) await expectRefused(exchange.createOrder(target), InvalidOrder);
      const stopOrder = exchange.capabilities.nativeStopLoss ? await exchange.createOrder(stop) : undefined;
      const targetOrder = exchange.capabilities.nativeTakeProfit ? await exchange.createOrder(target) : undefined;
      for (const placed of [stopOrder, targetOrder]) if (placed) expect(placed.status).toBe('open');
      if (stopOrder) expect([stopOrder.type, stopOrder.triggerPrice?.toFixed()]).toEqual(['stop_loss', '58000']);

      await ctx.moveMarket(SYMBOL, 57_900);
      if (stopOrder) expect((await exchange.fetchOrder(SYMBOL, stopOrder.id)).status).toBe('closed');
      if (targetOrder) expect((await exchange.fetchOrder(SYMBOL, targetOrder.id)).status).toBe('open');
      await ctx.moveMarket(SYMBOL, 62_100);
      if (targetOrder) {
        const done = await exchange.fetchOrder(SYMBOL, targetOrder.id);
        expect(done.status).toBe('closed');
        expect(done.average!.gte(62_000)).toBe(true);
      }
      const sold = [stopOrder, targetOrder].filter(Boolean).length * 0.04;
      expect((await balance('BTC')).total.eq(dec('0.1').minus(sold))).toBe(true);
      if (!stopOrder && !targetOrder) expect(await exchange.fetchOpenOrders()).toEqual([]);
    });
  });
}
