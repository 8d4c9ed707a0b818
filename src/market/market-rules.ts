import { Decimal } from '../shared/decimal.js';
import type { Market } from './types.js';

/**
 * Order rules of the markets the replay feed lists, as Binance spot has them (PRICE_FILTER
 * tickSize, LOT_SIZE stepSize/minQty, NOTIONAL minNotional). Where Binance changed a rule
 * since 2021, the current one is used, except SOL/USDT: today's 0.01 tick would be 0.8 % of the
 * $1.20 price the replay starts from, so it keeps the 0.0001 tick it had in the data's period.
 * Crosses are priced from the USDT legs by the replay feed.
 */
const RULES: ReadonlyArray<readonly [symbol: string, priceTick: string, amountStep: string, minAmount: string, minCost: string]> = [
  ['BTC/USDT', '0.01', '0.00001', '0.00001', '5'],
  ['ETH/USDT', '0.01', '0.0001', '0.0001', '5'],
  ['SOL/USDT', '0.0001', '0.01', '0.01', '5'],
  ['XRP/USDT', '0.0001', '0.1', '0.1', '5'],
  ['ADA/USDT', '0.0001', '0.1', '0.1', '5'],
  ['ETH/BTC', '0.00001', '0.0001', '0.0001', '0.0001'],
  ['SOL/BTC', '0.00000001', '0.01', '0.01', '0.0001'],
  ['XRP/BTC', '0.00000001', '1', '1', '0.0001'],
  ['ADA/BTC', '0.00000001', '0.1', '0.1', '0.0001'],
  ['SOL/ETH', '0.000001', '0.01', '0.01', '0.001'],
  ['XRP/ETH', '0.0000001', '1', '1', '0.001'],
  ['ADA/ETH', '0.0000001', '0.1', '0.1', '0.001'],
];

export function replayMarketRules(): Market[] {
  return RULES.map(([symbol, priceTick, amountStep, minAmount, minCost]) => {
    const [base, quote] = symbol.split('/') as [string, string];
    return {
      symbol,
      base,
      quote,
      priceTick: new Decimal(priceTick),
      amountStep: new Decimal(amountStep),
      minAmount: new Decimal(minAmount),
      minCost: new Decimal(minCost),
      active: true,
    };
  });
}

/** Number of decimals of a tick or step (0.01 → 2), for printing prices on the grid. */
export function decimalsOf(step: Decimal | number): number {
  return typeof step === 'number' ? new Decimal(step).decimalPlaces() : step.decimalPlaces();
}

/**
 * Nearest multiple of `tick` as a float with no binary noise (40000.01, not 40000.010000000002).
 * Floats are fine here: these are quotes, not balances; fills go through walkBook in Decimal.
 */
export function roundToTick(value: number, tick: number, decimals: number): number {
  return Number((Math.round(value / tick) * tick).toFixed(decimals));
}
