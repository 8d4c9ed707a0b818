import { Decimal } from '../../../src/shared/decimal.js';
import { BinanceRejection, type FakeOrderType, type FakeSide, type FakeTimeInForce, type NewOrder } from './account-state.js';
import type { FakeBinanceState, FakeSymbolSpec } from './state.js';

/*
 * POST /api/v3/order's parameter checks, in the order Binance applies them, with its codes and
 * messages: mandatory parameters per type, decimal syntax and precision, the client id pattern,
 * then the symbol's filters (PRICE_FILTER, LOT_SIZE, NOTIONAL) from exchangeInfo.
 */

const TYPES: readonly FakeOrderType[] = ['MARKET', 'LIMIT', 'LIMIT_MAKER', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const DECIMAL = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;
const MAX_PRICE = new Decimal(1_000_000);
const MAX_QTY = new Decimal(9_000_000);
const MAX_NOTIONAL = new Decimal(9_000_000);

const mandatory = (name: string) => new BinanceRejection(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
const filterFailure = (filter: string) => new BinanceRejection(-1013, `Filter failure: ${filter}`);

function decimalParam(params: URLSearchParams, name: string): Decimal | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  if (!DECIMAL.test(raw)) throw new BinanceRejection(-1100, `Illegal characters found in parameter '${name}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`);
  const value = new Decimal(raw);
  if (value.decimalPlaces() > 8) throw new BinanceRejection(-1111, `Parameter '${name}' has too much precision.`);
  return value;
}

const onGrid = (value: Decimal, min: Decimal, step: string) => value.minus(min).mod(step).eq(0);

export function parseNewOrder(params: URLSearchParams, state: FakeBinanceState, generateClientId: () => string): NewOrder {
  const symbol = params.get('symbol');
  if (!symbol) throw mandatory('symbol');
  const spec = state.symbol(symbol);
  if (!spec) throw new BinanceRejection(-1121, 'Invalid symbol.');
  const side = params.get('side');
  if (!side) throw mandatory('side');
  if (side !== 'BUY' && side !== 'SELL') throw new BinanceRejection(-1117, 'Invalid side.');
  const type = params.get('type');
  if (!type) throw mandatory('type');
  if (!TYPES.includes(type as FakeOrderType)) throw new BinanceRejection(-1116, 'Invalid orderType.');
  const orderType = type as FakeOrderType;
  if ((spec.status ?? 'TRADING') !== 'TRADING') throw new BinanceRejection(-1013, 'Market is closed.');

  const isLimitPriced = orderType === 'LIMIT' || orderType === 'LIMIT_MAKER' || orderType.endsWith('_LIMIT');
  const isStop = orderType.startsWith('STOP_LOSS') || orderType.startsWith('TAKE_PROFIT');
  const needsTif = orderType === 'LIMIT' || orderType.endsWith('_LIMIT');
  const tif = params.get('timeInForce');
  if (needsTif && !tif) throw mandatory('timeInForce');
  if (!needsTif && tif) throw new BinanceRejection(-1106, "Parameter 'timeInForce' sent when not required.");
  if (tif && tif !== 'GTC' && tif !== 'IOC' && tif !== 'FOK') throw new BinanceRejection(-1115, 'Invalid timeInForce.');

  const price = decimalParam(params, 'price');
  if (isLimitPriced && !price) throw mandatory('price');
  if (!isLimitPriced && price) throw new BinanceRejection(-1106, "Parameter 'price' sent when not required.");
  const stopPrice = decimalParam(params, 'stopPrice');
  if (isStop && !stopPrice) throw mandatory('stopPrice');
  if (!isStop && stopPrice) throw new BinanceRejection(-1106, "Parameter 'stopPrice' sent when not required.");

  let quantity = decimalParam(params, 'quantity');
  const quoteOrderQty = decimalParam(params, 'quoteOrderQty');
  if (quoteOrderQty && orderType !== 'MARKET') throw new BinanceRejection(-1106, "Parameter 'quoteOrderQty' sent when not required.");
  if (quantity && quoteOrderQty) throw new BinanceRejection(-1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were provided!");
  if (!quantity && !quoteOrderQty) throw orderType === 'MARKET' ? new BinanceRejection(-1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!") : mandatory('quantity');
  if (quoteOrderQty) {
    // Spend at most this much quote: the quantity the ask buys, on the step grid (Binance fills until the quote runs out).
    quantity = quoteOrderQty.div(spec.price).div(spec.stepSize).floor().mul(spec.stepSize);
  }

  const clientOrderId = params.get('newClientOrderId') ?? generateClientId();
  if (!CLIENT_ID.test(clientOrderId)) {
    throw new BinanceRejection(-1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
  }

  checkFilters(spec, orderType, quantity!, price, stopPrice);
  return {
    spec,
    side: side as FakeSide,
    type: orderType,
    timeInForce: (tif ?? 'GTC') as FakeTimeInForce,
    quantity: quantity!,
    quoteOrderQty,
    price,
    stopPrice,
    clientOrderId,
  };
}

function checkFilters(spec: FakeSymbolSpec, type: FakeOrderType, quantity: Decimal, price: Decimal | undefined, stopPrice: Decimal | undefined): void {
  const tick = new Decimal(spec.tickSize);
  for (const p of [price, stopPrice]) {
    if (p && (p.lt(tick) || p.gt(MAX_PRICE) || !onGrid(p, tick, spec.tickSize))) throw filterFailure('PRICE_FILTER');
  }
  const minQty = new Decimal(spec.minQty);
  if (quantity.lt(minQty) || quantity.gt(MAX_QTY) || !onGrid(quantity, minQty, spec.stepSize)) throw filterFailure('LOT_SIZE');
  // NOTIONAL applies to market orders too (applyMinToMarket), priced at the current price.
  const reference = price ?? (type === 'MARKET' ? new Decimal(spec.price) : stopPrice ?? new Decimal(spec.price));
  const notional = quantity.mul(reference);
  if (notional.lt(spec.minNotional) || (price && notional.gt(MAX_NOTIONAL))) throw filterFailure('NOTIONAL');
}
