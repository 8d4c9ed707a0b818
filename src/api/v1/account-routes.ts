import { z } from 'zod';
import type { AccountService } from '../../accounts/account-service.js';
import { ExchangeKeys } from '../../accounts/exchange-keys.js';
import type { AccountView, Session } from '../../accounts/types.js';
import type { Account } from '../../trading/types.js';
import { EXCHANGE_PROFILES, type SupportedExchangeId } from '../../exchange/ccxt-exchange-profiles.js';
import { decString, type Decimal } from '../../shared/decimal.js';
import { PERFORMANCE_PERIODS } from '../../trading/performance.js';
import type { PerformanceService } from '../../trading/performance-service.js';
import type { TradingService } from '../../trading/trading-service.js';
import { ApiError, notFound } from './api-errors.js';
import { decimalOut } from './api-schemas.js';
import type { RouteKit } from './route-kit.js';

export interface AccountRouteDeps {
  accounts: AccountService;
  trading: TradingService;
  performance: PerformanceService;
}

const exchangeView = z.object({
  id: z.number().int().describe('Use as exchange_id'),
  exchange: z.string(),
  mode: z.enum(['paper', 'live', 'testnet']),
  label: z.string(),
  is_default: z.boolean().describe('Orders go to this account unless exchange_id says otherwise'),
  created_at: z.string(),
});
const toExchangeView = (a: AccountView): z.input<typeof exchangeView> => ({ id: a.id, exchange: a.exchange, mode: a.mode, label: a.label, is_default: a.isDefault, created_at: a.createdAt.toISOString() });
const money = (d: Decimal | null): string | null => (d === null ? null : decString(d));
const exchangeIdQuery = z.object({ exchange_id: z.coerce.number().int().positive().optional().describe('Account (default: the active one)') });

/** /exchanges, /portfolio, /portfolio/performance: AccountService, TradingService.portfolio, PerformanceService. */
export function registerAccountRoutes(kit: RouteKit, deps: AccountRouteDeps): void {
  const { accounts, trading, performance } = deps;
  const accountOf = async (session: Session, id: number | undefined): Promise<Account> => {
    if (id === undefined) return session.account;
    const owned = await accounts.owned(session.user.id, id);
    if (!owned) throw notFound('That exchange account');
    return owned;
  };

  kit.add(
    { method: 'GET', url: '/exchanges', tag: 'exchanges', auth: true, summary: 'Your accounts, the paper one included (never a key)', responses: { 200: z.object({ exchanges: z.array(exchangeView) }) }, errors: [] },
    async ({ session }) => ({ status: 200, body: { exchanges: (await accounts.list(session.user.id)).map(toExchangeView) } }),
  );

  kit.add(
    {
      method: 'POST', url: '/exchanges/connect', tag: 'exchanges', auth: true, strictLimit: true,
      summary: 'Connect an exchange account: the keys are checked with one balance call, then stored encrypted (the same as /connect in the chat)',
      body: z.object({
        exchange: z.enum(Object.keys(EXCHANGE_PROFILES) as [SupportedExchangeId, ...SupportedExchangeId[]]),
        mode: z.enum(['live', 'testnet']).default('live'),
        api_key: z.string().trim().min(8).max(512),
        api_secret: z.string().trim().min(8).max(4096),
      }),
      responses: { 201: exchangeView.extend({ replaced: z.boolean().describe('Keys for the same exchange and mode were replaced') }) },
      errors: [400, 422, 501, 503],
    },
    async ({ body, session }) => {
      if (body.mode === 'testnet' && !EXCHANGE_PROFILES[body.exchange].sandbox) throw new ApiError(400, 'exchange.no_testnet', `${EXCHANGE_PROFILES[body.exchange].label} has no test environment Parley can use; connect it as live.`);
      const { account, replaced } = await accounts.connect({ userId: session.user.id, exchange: body.exchange, mode: body.mode, keys: new ExchangeKeys(body.api_key, body.api_secret) });
      return { status: 201, body: { ...toExchangeView(account), replaced } };
    },
  );

  kit.add(
    {
      method: 'GET', url: '/portfolio', tag: 'portfolio', auth: true, summary: 'Balances valued at current prices, with P&L',
      query: exchangeIdQuery,
      responses: {
        200: z.object({
          exchange_id: z.number().int(),
          exchange: z.string(),
          paper: z.boolean(),
          total_value: decimalOut.describe('USDT'),
          cash: z.object({ asset: z.string(), free: decimalOut, locked: decimalOut }),
          positions: z.array(
            z.object({
              asset: z.string(), amount: decimalOut, free: decimalOut, locked: decimalOut, price: decimalOut.nullable(), value: decimalOut.nullable(),
              avg_entry_price: decimalOut.nullable(), unrealized_pnl: decimalOut.nullable(), unrealized_pnl_pct: decimalOut.nullable(),
            }),
          ),
          daily_pnl: decimalOut.nullable().describe('Equity gained since the start of the UTC day; null without a mark for it'),
          total_pnl: decimalOut,
          realized_pnl: decimalOut,
          unrealized_pnl: decimalOut,
          total_pnl_pct: decimalOut.nullable(),
          unpriced: z.array(z.string()),
        }),
      },
      errors: [400, 404, 503],
    },
    async ({ query, session }) => {
      const account = await accountOf(session, query.exchange_id);
      const [p, view] = await Promise.all([trading.portfolio(account), performance.view({ userId: session.user.id, account })]);
      return {
        status: 200,
        body: {
          exchange_id: account.id,
          exchange: p.exchange,
          paper: p.paper,
          total_value: decString(p.equityUsdt),
          cash: { asset: p.cash.asset, free: decString(p.cash.free), locked: decString(p.cash.locked) },
          positions: p.holdings.map((h) => ({
            asset: h.asset, amount: decString(h.amount), free: decString(h.free), locked: decString(h.locked), price: money(h.price), value: money(h.valueUsdt),
            avg_entry_price: money(h.avgEntryUsdt), unrealized_pnl: money(h.unrealizedPnlUsdt), unrealized_pnl_pct: money(h.unrealizedPnlPct),
          })),
          daily_pnl: money(view.periods['1d'].pnl),
          total_pnl: decString(p.totalPnlUsdt),
          realized_pnl: decString(p.realizedPnlUsdt),
          unrealized_pnl: decString(p.unrealizedPnlUsdt),
          total_pnl_pct: money(p.totalPnlPct),
          unpriced: p.unpriced,
        },
      };
    },
  );

  kit.add(
    {
      method: 'GET', url: '/portfolio/performance', tag: 'portfolio', auth: true,
      summary: 'Returns, drawdown, Sharpe and win rate over a period, from daily equity marks and the fills (the chat’s /performance)',
      query: exchangeIdQuery.extend({ period: z.enum(PERFORMANCE_PERIODS).default('30d') }),
      responses: {
        200: z.object({
          exchange_id: z.number().int(),
          period: z.enum(PERFORMANCE_PERIODS),
          partial: z.boolean().describe('The history does not reach back the whole period'),
          equity: decimalOut,
          metrics: z.object({
            total_return: z.number().nullable().describe('Fraction: 0.05 is +5 %'),
            sharpe_ratio: z.number().nullable().describe('Daily returns, annualised by √365, no risk-free rate'),
            sortino_ratio: z.number().nullable(),
            max_drawdown: z.number().nullable().describe('Fraction of the peak'),
            win_rate: z.number().nullable().describe('Share of closed trades with a profit'),
            profit_factor: z.number().nullable(),
            trades: z.number().int(),
            pnl: decimalOut.nullable(),
            daily_returns: z.number().int().describe('How many daily returns the ratios come from'),
          }),
        }),
      },
      errors: [400, 404, 503],
    },
    async ({ query, session }) => {
      const account = await accountOf(session, query.exchange_id);
      const view = await performance.view({ userId: session.user.id, account });
      const p = view.periods[query.period];
      const finite = (n: number | null) => (n === null || !Number.isFinite(n) ? null : n);
      return {
        status: 200,
        body: {
          exchange_id: account.id,
          period: query.period,
          partial: p.partial,
          equity: decString(view.equityNow),
          metrics: {
            total_return: finite(p.totalReturn), sharpe_ratio: finite(p.sharpe), sortino_ratio: finite(p.sortino), max_drawdown: finite(p.maxDrawdown),
            win_rate: finite(p.winRate), profit_factor: finite(p.profitFactor), trades: p.trades, pnl: money(p.pnl), daily_returns: p.returns,
          },
        },
      };
    },
  );
}
