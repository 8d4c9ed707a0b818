import { dec, ZERO, type Decimal } from '../shared/decimal.js';
import type { ExchangePort } from './exchange-port.js';
import { CASH_ASSET } from './position-accounting.js';
import type { OrderStore } from './ports.js';
import type { Account } from './types.js';

export interface Holding {
  asset: string;
  amount: Decimal;
  free: Decimal;
  locked: Decimal;
  /** USDT price; null when no USDT market prices it. */
  price: Decimal | null;
  valueUsdt: Decimal | null;
  avgEntryUsdt: Decimal | null;
  unrealizedPnlUsdt: Decimal | null;
  unrealizedPnlPct: Decimal | null;
}

export interface Portfolio {
  paper: boolean;
  exchange: string;
  cash: { asset: string; free: Decimal; locked: Decimal };
  holdings: Holding[];
  equityUsdt: Decimal;
  realizedPnlUsdt: Decimal;
  unrealizedPnlUsdt: Decimal;
  totalPnlUsdt: Decimal;
  /** Total P&L against the capital it was made on (equity − P&L). */
  totalPnlPct: Decimal | null;
  /** Assets that could not be priced and are left out of the equity. */
  unpriced: string[];
}

/** Balances from the exchange, valued at current prices, with P&L from the position book. */
export async function getPortfolio(deps: { trades: Pick<OrderStore, 'positions'> }, account: Account, exchange: ExchangePort): Promise<Portfolio> {
  const [balances, positions] = await Promise.all([exchange.fetchBalance(), deps.trades.positions(account.id)]);
  const positionOf = new Map(positions.map((p) => [p.asset, p]));
  const cashBalance = balances.get(CASH_ASSET);
  const holdings: Holding[] = [];
  const unpriced: string[] = [];
  let equity = cashBalance?.total ?? ZERO;
  let unrealized = ZERO;

  const assets = [...balances.entries()].filter(([asset, b]) => asset !== CASH_ASSET && b.total.gt(0));
  const prices = await Promise.all(assets.map(([asset]) => priceInUsdt(exchange, asset)));
  assets.forEach(([asset, b], i) => {
    const price = prices[i] ?? null;
    const position = positionOf.get(asset);
    const value = price ? b.total.mul(price) : null;
    if (value) equity = equity.plus(value);
    else unpriced.push(asset);
    const tracked = position && position.amount.gt(0) ? position : null;
    const pnl = price && tracked ? price.minus(tracked.avgEntryUsdt).mul(tracked.amount) : null;
    if (pnl) unrealized = unrealized.plus(pnl);
    holdings.push({
      asset,
      amount: b.total,
      free: b.free,
      locked: b.used,
      price,
      valueUsdt: value,
      avgEntryUsdt: tracked?.avgEntryUsdt ?? null,
      unrealizedPnlUsdt: pnl,
      unrealizedPnlPct: pnl && tracked && tracked.avgEntryUsdt.gt(0) ? price!.div(tracked.avgEntryUsdt).minus(1).mul(100) : null,
    });
  });
  holdings.sort((a, b) => (b.valueUsdt ?? ZERO).comparedTo(a.valueUsdt ?? ZERO));

  const realized = positions.reduce((sum, p) => sum.plus(p.realizedPnlUsdt), ZERO);
  const total = realized.plus(unrealized);
  const base = equity.minus(total);
  return {
    paper: exchange.paper,
    exchange: exchange.name,
    cash: { asset: CASH_ASSET, free: cashBalance?.free ?? ZERO, locked: cashBalance?.used ?? ZERO },
    holdings,
    equityUsdt: equity,
    realizedPnlUsdt: realized,
    unrealizedPnlUsdt: unrealized,
    totalPnlUsdt: total,
    totalPnlPct: base.gt(0) ? total.div(base).mul(100) : null,
    unpriced,
  };
}

/** Valued at the account's own exchange prices. */
async function priceInUsdt(exchange: ExchangePort, asset: string): Promise<Decimal | null> {
  try {
    return dec((await exchange.ticker(`${asset}/${CASH_ASSET}`)).last);
  } catch {
    return null;
  }
}
