import type { ParsedCommand } from '../nlu/contract.js';
import type { SizeSpec, TradeRequest } from './types.js';

export type RequestMapping =
  | { ok: true; request: TradeRequest }
  | { ok: false; missing: 'symbol' | 'amount'; side: 'buy' | 'sell'; symbol?: string };

/** The size a command states, in the unit it was stated in. */
export function sizeFromCommand(command: ParsedCommand): SizeSpec | null {
  if (command.amount) return { kind: 'base', amount: String(command.amount) };
  if (command.quote_amount) return { kind: 'quote', amount: String(command.quote_amount) };
  if (command.percentage) return { kind: 'percent', percent: command.percentage };
  return null;
}

/** A parsed market buy/sell → the trade request, or what is still missing to make one. */
export function marketRequestFrom(command: ParsedCommand): RequestMapping {
  const side = command.intent === 'sell_market' || command.intent === 'sell_limit' ? 'sell' : 'buy';
  if (!command.symbol) return { ok: false, missing: 'symbol', side };
  const size = sizeFromCommand(command);
  if (!size) return { ok: false, missing: 'amount', side, symbol: command.symbol };
  return { ok: true, request: { side, symbol: command.symbol, type: 'market', size } };
}
