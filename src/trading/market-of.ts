import { UnknownSymbol } from '../shared/errors.js';
import type { MarketDirectory } from '../market/market-directory.js';
import type { Market } from '../market/types.js';
import type { ExchangePort } from './exchange-port.js';

/** A market as the exchange the order goes to lists it (paper trades on the app's list). */
export async function marketOn(markets: MarketDirectory, exchange: ExchangePort, symbol: string): Promise<Market> {
  if (exchange.paper) return markets.get(symbol); // names what the paper exchange lists when it is not there
  const market = (await exchange.markets()).find((m) => m.symbol === symbol);
  if (!market) throw new UnknownSymbol(symbol, `${symbol} isn’t listed on ${exchange.name}.`);
  return market;
}
