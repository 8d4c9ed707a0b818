import type { ParsedCommand } from '../nlu/contract.js';
import type { TradeRequest } from './types.js';

export type RequestMapping =
  | { ok: true; request: TradeRequest }
  | { ok: false; missing: 'symbol' | 'amount'; side: 'buy' | 'sell'; symbol?: string };

/** A parsed market buy/sell → the trade request, or what is still missing to make one. */
export function marketRequestFrom(command: ParsedCommand): RequestMapping {
  const side = command.intent === 'sell_market' || command.intent === 'sell_limit' ? 'sell' : 'buy';
  if (!command.symbol) return { ok: false, missing: 'symbol', side };
  const symbol = command.symbol;
  if (command.amount) return { ok: true, request: { side, symbol, type: 'market', size: { kind: 'base', amount: String(command.amount) } } };
  if (command.quote_amount) return { ok: true, request: { side, symbol, type: 'market', size: { kind: 'quote', amount: String(command.quote_amount) } } };
  if (command.percentage) return { ok: true, request: { side, symbol, type: 'market', size: { kind: 'percent', percent: command.percentage } } };
  return { ok: false, missing: 'amount', side, symbol };
}
