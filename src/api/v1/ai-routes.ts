import { z } from 'zod';
import type { Assistant } from '../../assistant/act-on-message.js';
import type { Answer } from '../../assistant/answer.js';
import { requestFromCommand } from '../../assistant/request-from-command.js';
import type { ParsedCommand } from '../../nlu/contract.js';
import type { TextParser } from '../../nlu/llm/create-parser.js';
import type { RouteKit } from './route-kit.js';

/** What the parse suggests doing, as the API route that does it. */
const suggestedAction = z.object({
  action: z.string().describe('preview_order, cancel_order, list_orders, portfolio, price, set_alert, ask, none'),
  method: z.string().nullable(),
  path: z.string().nullable(),
  body: z.record(z.string(), z.unknown()).nullable().describe('The request to send there, when the message said enough'),
  missing: z.string().nullable().describe('What the message left out (symbol, amount, price)'),
});

function suggest(command: ParsedCommand): z.input<typeof suggestedAction> {
  const none = { method: null, path: null, body: null, missing: null };
  switch (command.intent) {
    case 'buy_market':
    case 'sell_market':
    case 'buy_limit':
    case 'sell_limit':
    case 'set_stop_loss':
    case 'set_take_profit': {
      const mapped = requestFromCommand(command);
      if (!mapped) return { action: 'ask', ...none };
      if (!mapped.ok) return { action: 'preview_order', method: 'POST', path: '/api/v1/orders', body: null, missing: mapped.missing };
      const r = mapped.request;
      const price = r.price ?? (r.trigger?.kind === 'price' ? r.trigger.price : undefined);
      const amount = r.size.kind === 'base' ? r.size.amount : undefined;
      return {
        action: 'preview_order', method: 'POST', path: '/api/v1/orders',
        body: { symbol: r.symbol, side: r.side, type: r.type, ...(amount ? { amount } : {}), ...(price ? { price } : {}) },
        // The API's order body takes a base amount; "$100 of eth" or "half my sol" is sized by execute=true (the chat's path).
        missing: amount ? null : 'amount',
      };
    }
    case 'cancel_order':
      return { action: 'cancel_order', method: 'DELETE', path: command.order_id ? `/api/v1/orders/${String(command.order_id).replace(/^#/, '')}` : null, body: null, missing: command.order_id ? null : 'order' };
    case 'list_orders':
      return { action: 'list_orders', method: 'GET', path: '/api/v1/orders', body: null, missing: null };
    case 'check_portfolio':
      return { action: 'portfolio', method: 'GET', path: '/api/v1/portfolio', body: null, missing: null };
    case 'get_price':
      return { action: 'price', method: 'GET', path: command.symbol ? `/api/v1/market/prices?symbols=${encodeURIComponent(command.symbol)}` : null, body: null, missing: command.symbol ? null : 'symbol' };
    case 'set_alert':
      return { action: 'set_alert', ...none };
    default:
      return { action: 'none', ...none };
  }
}

const resultView = z.object({
  kind: z.string().describe('What Parley did: preview (confirm it with POST /orders/{confirmation_id}/confirm), cancel_preview, portfolio, price, …'),
  confirmation_id: z.string().nullable(),
  expires_at: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
});

function resultOf(answer: Answer): z.input<typeof resultView> {
  const none = { confirmation_id: null, expires_at: null, summary: null };
  switch (answer.kind) {
    case 'preview':
      return {
        kind: 'preview', confirmation_id: answer.confirmation.id, expires_at: answer.confirmation.expiresAt.toISOString(),
        summary: { symbol: answer.plan.symbol, side: answer.plan.side, type: answer.plan.type, amount: answer.plan.amount, est_total: answer.plan.estTotal, paper: answer.plan.paper },
      };
    case 'cancel_preview':
      return { kind: 'cancel_preview', confirmation_id: answer.confirmation.id, expires_at: answer.confirmation.expiresAt.toISOString(), summary: { orders: answer.plan.orders.map((o) => o.id) } };
    case 'preview_blocked':
      return { kind: 'preview_blocked', ...none, summary: { checks: answer.plan.checks.filter((c) => !c.ok).map((c) => c.message) } };
    case 'price':
      return { kind: 'price', ...none, summary: { symbol: answer.ticker.symbol, last: answer.ticker.last, bid: answer.ticker.bid, ask: answer.ticker.ask } };
    case 'portfolio':
      return { kind: 'portfolio', ...none, summary: { total_value: answer.portfolio.equityUsdt.toFixed() } };
    case 'incomplete':
      return { kind: 'incomplete', ...none, summary: { missing: answer.missing } };
    default:
      return { kind: answer.kind, ...none };
  }
}

/** POST /ai/process: the chat's parser and Assistant. execute=true previews (never trades): only the confirm call executes. */
export function registerAiRoutes(kit: RouteKit, deps: { parser: TextParser; assistant: Assistant }): void {
  kit.add(
    {
      method: 'POST', url: '/ai/process', tag: 'ai', auth: true,
      summary: 'Read a message as the chat does: intent, entities, confidence and the suggested action; execute=true also previews it (a confirmation id, never a trade)',
      body: z.object({ command: z.string().trim().min(1).max(500), execute: z.boolean().default(false) }),
      responses: {
        200: z.object({
          intent: z.string(),
          entities: z.record(z.string(), z.unknown()),
          confidence: z.number(),
          parser: z.string(),
          suggested_action: suggestedAction,
          result: resultView.nullable().describe('Set with execute=true'),
        }),
      },
      errors: [400, 422, 503],
    },
    async ({ body, session }) => {
      const parsed = await deps.parser.parse(body.command);
      const { intent, ...entities } = parsed.command;
      const result = body.execute ? resultOf(await deps.assistant.act({ userId: session.user.id, account: session.account }, parsed, body.command)) : null;
      return {
        status: 200,
        body: { intent, entities: Object.fromEntries(Object.entries(entities).filter(([, v]) => v !== undefined && v !== null)), confidence: parsed.confidence, parser: parsed.parser, suggested_action: suggest(parsed.command), result },
      };
    },
  );
}
