import type { ParsedCommand } from '../nlu/contract.js';
import type { CancelRequest, SizeSpec, TradeRequest } from '../trading/types.js';

export type RequestMapping =
  | { ok: true; request: TradeRequest }
  | { ok: false; missing: 'symbol' | 'amount' | 'price'; request: Partial<TradeRequest> & Pick<TradeRequest, 'side' | 'type'> };

/** The size a command states, in the unit it was stated in. */
export function sizeFromCommand(command: ParsedCommand): SizeSpec | null {
  if (command.amount) return { kind: 'base', amount: String(command.amount) };
  if (command.quote_amount) return { kind: 'quote', amount: String(command.quote_amount) };
  if (command.percentage) return { kind: 'percent', percent: command.percentage };
  return null;
}

/** A parsed order command → the trade request, or what is still missing to make one. */
export function requestFromCommand(command: ParsedCommand): RequestMapping | null {
  switch (command.intent) {
    case 'buy_market':
    case 'sell_market':
    case 'buy_limit':
    case 'sell_limit': {
      const side = command.intent.startsWith('sell') ? 'sell' : 'buy';
      const type = command.intent.endsWith('limit') ? 'limit' : 'market';
      const size = sizeFromCommand(command);
      // Whatever the message did say travels with the question, so it is never asked twice.
      const partial = { side, type, ...(command.symbol ? { symbol: command.symbol } : {}), ...(command.price ? { price: String(command.price) } : {}), ...(size ? { size } : {}) } as const;
      if (!command.symbol) return { ok: false, missing: 'symbol', request: partial };
      if (!size) return { ok: false, missing: 'amount', request: partial };
      if (type === 'limit' && !command.price) return { ok: false, missing: 'price', request: { ...partial, size } };
      return { ok: true, request: { ...partial, symbol: command.symbol, size } };
    }
    case 'set_stop_loss':
    case 'set_take_profit': {
      const type = command.intent === 'set_stop_loss' ? 'stop_loss' : 'take_profit';
      // A protective order covers the whole holding; the contract's percentage is the distance.
      const base = { side: 'sell', type, size: { kind: 'percent', percent: 100 } } as const;
      const trigger = command.price ? { kind: 'price' as const, price: String(command.price) } : command.percentage ? { kind: 'percent' as const, percent: command.percentage } : null;
      if (!command.symbol) return { ok: false, missing: 'symbol', request: { ...base, ...(trigger ? { trigger } : {}) } };
      if (!trigger) return { ok: false, missing: 'price', request: { ...base, symbol: command.symbol } };
      return { ok: true, request: { ...base, symbol: command.symbol, trigger } };
    }
    default:
      return null;
  }
}

/** "cancel #12" / "cancel my last order" / "cancel all my btc orders"; null when no order is named. */
export function cancelFromCommand(command: ParsedCommand): CancelRequest | null {
  const id = command.order_id?.trim();
  if (!id) return null;
  const symbol = command.symbol ?? undefined;
  if (id === 'all') return { target: 'all', ...(symbol ? { symbol } : {}) };
  if (id === 'last') return { target: 'last', ...(symbol ? { symbol } : {}) };
  return { target: 'one', orderRef: id };
}
