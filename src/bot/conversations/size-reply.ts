import type { ParseResult } from '../../nlu/contract.js';
import { sizeFromCommand } from '../../assistant/request-from-command.js';
import type { SizeSpec } from '../../trading/types.js';

/**
 * Reads a reply to "How much?" — "0.5", "$100", "25%", "half", "all" — by asking the
 * offline parser about the sentence it completes ("sell 0.5 of ETH"). Null when the
 * reply is not an amount for this side and market (a reply naming another coin is not).
 */
export function sizeFromReply(reply: string, side: 'buy' | 'sell', symbol: string, parse: (text: string) => ParseResult): SizeSpec | null {
  const text = reply.trim();
  if (!text || text.length > 64) return null;
  const [base, quote] = symbol.split('/') as [string, string];
  // "of" keeps a currency in the reply ("100 usdt") from being read as the coin itself.
  const sentence = quote === 'USDT' ? `${side} ${text} of ${base}` : `${side} ${text} of ${base} ${side === 'buy' ? 'with' : 'for'} ${quote}`;
  const { command } = parse(sentence);
  if (command.intent !== `${side}_market` || command.symbol !== symbol) return null;
  return sizeFromCommand(command);
}
