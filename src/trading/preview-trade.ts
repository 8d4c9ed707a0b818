import type { Clock } from '../shared/clock.js';
import { ZERO } from '../shared/decimal.js';
import { newId } from '../shared/ids.js';
import type { MarketDirectory } from '../market/market-directory.js';
import type { MarketDataPort } from '../market/types.js';
import { planIsExecutable, planOrder } from './plan-order.js';
import type { ConfirmationStore, ExchangeResolver } from './ports.js';
import type { Account, Confirmation, OrderPlan, TradeRequest } from './types.js';

export interface PreviewDeps {
  confirmations: ConfirmationStore;
  exchangeFor: ExchangeResolver;
  marketData: MarketDataPort;
  markets: MarketDirectory;
  clock: Clock;
  previewTtlMs: number;
}

/**
 * Prices a trade against the live book and the account's balances and, when every check
 * passes, stores it as a pending confirmation. Nothing is sent anywhere: only
 * `confirmTrade` executes. A plan that fails a check comes back without a confirmation.
 */
export async function previewTrade(
  deps: PreviewDeps,
  who: { userId: number; account: Account; chatId: number | null },
  request: TradeRequest,
): Promise<{ plan: OrderPlan; confirmation: Confirmation | null }> {
  const market = await deps.markets.get(request.symbol);
  const exchange = deps.exchangeFor(who.account);
  const [book, balances] = await Promise.all([deps.marketData.orderBook(market.symbol), exchange.fetchBalance()]);
  const plan = planOrder({
    request,
    market,
    book,
    free: (asset) => balances.get(asset)?.free ?? ZERO,
    feeRate: exchange.takerFee(market.symbol),
    exchange: { name: exchange.name, paper: exchange.paper },
  });
  if (!planIsExecutable(plan)) return { plan, confirmation: null };
  const now = deps.clock.now();
  const confirmation: Confirmation = {
    id: newId(),
    userId: who.userId,
    accountId: who.account.id,
    chatId: who.chatId,
    messageId: null,
    kind: 'order',
    request,
    plan,
    status: 'pending',
    result: null,
    createdAt: new Date(now),
    expiresAt: new Date(now + deps.previewTtlMs),
  };
  await deps.confirmations.create(confirmation);
  return { plan, confirmation };
}
