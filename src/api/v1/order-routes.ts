import { z } from 'zod';
import type { AccountService } from '../../accounts/account-service.js';
import type { Session } from '../../accounts/types.js';
import type { RouteFill } from '../../trading/route-types.js';
import type { ConfirmOutcome } from '../../trading/execute-order.js';
import type { TradePreview } from '../../trading/preview-trade.js';
import type { TradingService } from '../../trading/trading-service.js';
import type { Account, Confirmation, TradeRequest } from '../../trading/types.js';
import { ApiError, notFound } from './api-errors.js';
import { decimalInput, decimalOut, idParam, ORDER_STATUSES, orderView, symbolInput, toOrderView } from './api-schemas.js';
import { idempotencyHeaders, once, type IdempotencyStore } from './idempotency.js';
import type { RouteKit } from './route-kit.js';

export interface OrderRouteDeps {
  trading: TradingService;
  accounts: AccountService;
  idempotency: IdempotencyStore;
}

const previewView = z.object({
  confirmation_id: z.string().describe('POST /orders/{confirmation_id}/confirm executes it, exactly once'),
  expires_at: z.string().describe('ISO 8601; after it the preview can no longer be confirmed'),
  exchange_id: z.number().int(),
  exchange: z.string(),
  paper: z.boolean(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit', 'stop_loss', 'take_profit']),
  amount: decimalOut.describe('Base amount that will be sent, on the market’s step'),
  price: decimalOut.nullable().describe('Limit price, or the stop / take-profit level'),
  est_average_price: decimalOut,
  est_cost: decimalOut,
  est_fee: decimalOut,
  est_total: decimalOut.describe('Buy: quote paid with the fee. Sell: quote received after the fee'),
  balances_after: z.array(z.object({ asset: z.string(), amount: decimalOut })),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), message: z.string() })),
  notes: z.array(z.string()),
  confirm_twice: z.array(z.object({ code: z.string(), message: z.string() })).describe('Non-empty: confirm with {"confirmed_twice": true}'),
  route: z
    .object({
      headline: z.string(),
      saving: decimalOut.nullable().describe('Against the best single venue, in the quote currency'),
      venues: z.array(z.string()).describe('What each venue would have cost alone, or why it was left out'),
      legs: z.array(z.object({ venue: z.string(), confirmation_id: z.string(), amount: decimalOut, est_average_price: decimalOut, est_total: decimalOut })),
    })
    .optional()
    .describe('A routed order (venue "best"): its legs, each its own order, confirmed together by confirmation_id'),
});

const routeFillView = z
  .object({
    amount: decimalOut,
    filled: decimalOut,
    cost: decimalOut,
    fee: decimalOut,
    average_price: decimalOut.nullable(),
    complete: z.boolean(),
    legs: z.array(z.object({ venue: z.string(), confirmation_id: z.string(), outcome: z.string(), order_id: z.number().int().nullable(), filled: decimalOut.nullable(), message: z.string().nullable() })),
  })
  .describe('A routed order: the combined fill and every leg (a failed leg is not retried)');

const confirmView = z.object({
  confirmation_id: z.string(),
  order_id: z.number().int().nullable().describe('Null while the exchange’s answer is being looked up'),
  status: z.enum(ORDER_STATUSES),
  order: orderView.omit({ exchange_id: true, updated_at: true }).partial().nullable(),
  route: routeFillView.optional(),
});

function previewOf(preview: TradePreview, account: Account, confirmation: Confirmation): z.input<typeof previewView> {
  const { plan } = preview;
  return {
    confirmation_id: confirmation.id,
    expires_at: confirmation.expiresAt.toISOString(),
    exchange_id: account.id,
    exchange: plan.exchange,
    paper: plan.paper,
    symbol: plan.symbol,
    side: plan.side,
    type: plan.type,
    amount: plan.amount,
    price: plan.limitPrice ?? plan.triggerPrice ?? null,
    est_average_price: plan.estAveragePrice,
    est_cost: plan.estCost,
    est_fee: plan.estFee,
    est_total: plan.estTotal,
    balances_after: plan.balancesAfter,
    checks: plan.checks.map((c) => ({ name: c.name, ok: c.ok, message: c.message })),
    notes: plan.notes,
    confirm_twice: plan.confirmTwice ?? [],
    ...(preview.route
      ? {
          route: {
            headline: preview.route.headline,
            saving: preview.route.saving,
            venues: preview.route.venues,
            legs: preview.route.legs.map((l) => ({ venue: l.venue ?? l.exchange, confirmation_id: l.route!.legs[l.route!.index]!, amount: l.amount, est_average_price: l.estAveragePrice, est_total: l.estTotal })),
          },
        }
      : {}),
  };
}

function routeFillOf(fill: RouteFill): z.input<typeof routeFillView> {
  return {
    amount: fill.amount,
    filled: fill.filled,
    cost: fill.cost,
    fee: fill.fee,
    average_price: fill.average,
    complete: fill.complete,
    legs: fill.legs.map((l) => ({ venue: l.venue, confirmation_id: l.confirmationId, outcome: l.outcome, order_id: l.order?.id ?? null, filled: l.order?.filled ?? null, message: l.message })),
  };
}

/** What a confirmation came to, as the confirm route answers it (also for a confirmation confirmed before). */
function confirmAnswer(outcome: ConfirmOutcome): { status: number; body: z.input<typeof confirmView> } {
  // A routed order answers with its combined fill, whatever its first leg did.
  if ('route' in outcome && outcome.route) {
    const first = outcome.route.legs.find((l) => l.order)?.order ?? null;
    return {
      status: outcome.route.legs.some((l) => l.outcome === 'unresolved') ? 202 : 200,
      body: { confirmation_id: outcome.confirmation.id, order_id: first?.id ?? null, status: first?.status ?? 'rejected', order: null, route: routeFillOf(outcome.route) },
    };
  }
  switch (outcome.outcome) {
    case 'not_found':
    case 'not_owner':
      throw notFound('That confirmation');
    case 'expired':
      throw new ApiError(410, 'confirmation.expired', 'This preview expired before it was confirmed. Nothing was executed; ask for a new preview.');
    case 'confirm_twice':
      throw new ApiError(409, 'order.confirm_twice', `${outcome.reasons.map((r) => r.message).join(' ')} To go ahead anyway, confirm again with {"confirmed_twice": true}.`);
    case 'failed':
      throw new ApiError(422, outcome.result.code, outcome.result.message);
    case 'unresolved':
      return { status: 202, body: { confirmation_id: outcome.confirmation.id, order_id: null, status: 'submitting', order: null } };
    case 'executed':
    case 'already':
      return settledAnswer(outcome.confirmation);
  }
}

function settledAnswer(confirmation: Confirmation): { status: number; body: z.input<typeof confirmView> } {
  const { result } = confirmation;
  if (confirmation.status === 'cancelled') throw new ApiError(409, 'confirmation.cancelled', 'This preview was cancelled. Nothing was executed.');
  if (confirmation.status === 'expired') throw new ApiError(410, 'confirmation.expired', 'This preview expired before it was confirmed. Nothing was executed; ask for a new preview.');
  if (!result) return { status: 202, body: { confirmation_id: confirmation.id, order_id: null, status: 'submitting', order: null } };
  if (!result.ok) throw new ApiError(422, result.code, result.message);
  if (result.kind === 'cancel') {
    const first = result.cancelled[0];
    return { status: 200, body: { confirmation_id: confirmation.id, order_id: first?.id ?? null, status: 'cancelled', order: null } };
  }
  const o = result.order;
  return {
    status: 200,
    body: {
      confirmation_id: confirmation.id,
      order_id: o.id,
      status: o.status,
      order: { id: o.id, symbol: o.symbol, side: o.side, type: o.type, status: o.status, amount: o.amount, price: o.price, trigger_price: o.triggerPrice, filled: o.filled, average_price: o.average, cost: o.cost, fee: o.fee, fee_currency: o.feeCurrency },
    },
  };
}

async function accountFor(accounts: AccountService, session: Session, exchangeId: number | undefined): Promise<Account> {
  if (exchangeId === undefined) return session.account;
  const owned = await accounts.owned(session.user.id, exchangeId);
  if (!owned) throw notFound('That exchange account');
  return owned;
}

/** POST /orders (preview), POST /orders/{confirmation}/confirm, GET /orders, DELETE /orders/{id}: TradingService, as the chat uses it. */
export function registerOrderRoutes(kit: RouteKit, deps: OrderRouteDeps): void {
  const { trading, accounts, idempotency } = deps;
  kit.add(
    {
      method: 'POST', url: '/orders', tag: 'orders', auth: true,
      summary: 'Preview an order: priced from the book, checked against balances and risk limits. Nothing is sent until it is confirmed',
      headers: idempotencyHeaders,
      body: z
        .object({
          exchange_id: z.number().int().positive().optional().describe('Account to trade on (default: the active one)'),
          symbol: symbolInput,
          side: z.enum(['buy', 'sell']),
          type: z.enum(['market', 'limit', 'stop_loss', 'take_profit']).default('market'),
          amount: decimalInput.describe('Base amount, e.g. 0.01 (BTC)'),
          price: decimalInput.optional().describe('Limit price; the level of a stop_loss or take_profit'),
          venue: z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^[a-z]{2,20}$/, 'a venue id (binance, kraken, …) or best')
            .optional()
            .describe('Market orders: "best" routes over every venue you can trade on (one or a split); a venue id sends it there; default: your default venue'),
        })
        .refine((b) => b.type === 'market' || b.price !== undefined, { message: 'a limit, stop_loss or take_profit order needs a price', path: ['price'] })
        .refine((b) => b.type !== 'market' || b.price === undefined, { message: 'a market order takes no price (use type limit)', path: ['price'] }),
      responses: { 201: previewView },
      errors: [400, 404, 422, 503],
    },
    async ({ body, headers, session }) => {
      const answer = await once(idempotency, { userId: session.user.id, route: 'POST /orders', key: headers['idempotency-key'], request: body }, async () => {
        const account = await accountFor(accounts, session, body.exchange_id);
        const request: TradeRequest = {
          side: body.side,
          symbol: body.symbol,
          type: body.type,
          size: { kind: 'base', amount: body.amount },
          ...(body.type === 'limit' ? { price: body.price! } : {}),
          ...(body.type === 'stop_loss' || body.type === 'take_profit' ? { trigger: { kind: 'price' as const, price: body.price! } } : {}),
          ...(body.venue ? { venue: body.venue } : {}),
        };
        const preview = await trading.preview({ userId: session.user.id, account }, request);
        if (!preview.confirmation) {
          const failed = preview.plan.checks.filter((c) => !c.ok);
          throw new ApiError(422, failed.find((c) => c.code)?.code ?? `order.${failed[0]?.name ?? 'refused'}`, failed.map((c) => c.message).join(' ') || 'This order cannot be placed.');
        }
        return { status: 201, body: previewOf(preview, account, preview.confirmation) };
      });
      return answer;
    },
  );

  kit.add(
    {
      method: 'POST', url: '/orders/:confirmation/confirm', tag: 'orders', auth: true,
      summary: 'Execute a preview, exactly once: confirming again answers the same order',
      params: z.object({ confirmation: z.string().regex(/^[0-9A-Za-z]{8,64}$/, 'must be a confirmation_id') }),
      headers: idempotencyHeaders,
      body: z.object({ confirmed_twice: z.boolean().optional().describe('Needed when the preview listed confirm_twice reasons') }).optional(),
      responses: { 200: confirmView, 202: confirmView },
      errors: [400, 404, 409, 410, 422, 503],
    },
    async ({ params, headers, body, session }) =>
      once(idempotency, { userId: session.user.id, route: 'confirm', key: headers['idempotency-key'], request: { params, body } }, async () =>
        confirmAnswer(await trading.confirm(session.user.id, params.confirmation, { confirmedTwice: body?.confirmed_twice === true })),
      ),
  );

  kit.add(
    {
      method: 'GET', url: '/orders', tag: 'orders', auth: true, summary: 'Your orders, newest first',
      query: z.object({
        symbol: symbolInput.optional(),
        status: z.enum([...ORDER_STATUSES, 'active']).optional().describe('active: submitting, open or partially filled'),
        exchange_id: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      }),
      responses: { 200: z.object({ orders: z.array(orderView), total: z.number().int() }) },
      errors: [400],
    },
    async ({ query, session }) => {
      const { orders, total } = await trading.orderPage(session.user.id, {
        ...(query.symbol ? { symbol: query.symbol } : {}),
        ...(query.status === 'active' ? { activeOnly: true } : query.status ? { statuses: [query.status] } : {}),
        ...(query.exchange_id !== undefined ? { accountId: query.exchange_id } : {}),
        limit: query.limit,
        offset: query.offset,
      });
      return { status: 200, body: { orders: orders.map(toOrderView), total } };
    },
  );

  kit.add(
    {
      method: 'DELETE', url: '/orders/:id', tag: 'orders', auth: true,
      summary: 'Cancel an open order (the same cancel preview the chat shows, confirmed by this request)',
      params: z.object({ id: idParam }),
      headers: idempotencyHeaders,
      responses: { 200: confirmView, 202: confirmView },
      errors: [400, 404, 409, 422, 503],
    },
    async ({ params, headers, session }) =>
      once(idempotency, { userId: session.user.id, route: 'DELETE /orders', key: headers['idempotency-key'], request: params }, async () => {
        const order = await trading.findOrder(session.user.id, params.id);
        if (!order) throw notFound('That order');
        const account = await accountFor(accounts, session, order.accountId);
        const { plan, confirmation } = await trading.previewCancel({ userId: session.user.id, account }, { target: 'one', orderRef: String(order.id) });
        if (!confirmation) throw new ApiError(409, 'order.not_cancellable', plan.checks.filter((c) => !c.ok).map((c) => c.message).join(' ') || 'This order cannot be cancelled.');
        return confirmAnswer(await trading.confirm(session.user.id, confirmation.id));
      }),
  );
}
