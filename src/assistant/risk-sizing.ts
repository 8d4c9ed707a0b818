// "risk 1% on btc with a stop at 58k": position sizing by risk, read before the intent switch.
//
// Why here and not in the parse contract: the contract (src/nlu/contract.ts) is the shared
// specification's table — its intents generate the LLM parser's tool schema and are scored by the
// labelled sets in test/nlu — so a new intent would change all three for one phrase. The phrase is
// plain to recognise (the word "risk" with a percentage, and a stop), and the parser already finds
// its coin; this small reader adds the two numbers.
import type { ParseResult } from '../nlu/contract.js';

export interface RiskSizingAsk {
  /** What to risk, in percent of the portfolio. */
  riskPct: number;
  /** BASE/QUOTE, from the parser; null when no coin was named. */
  symbol: string | null;
  /** The stop price as a decimal string; null when none was said. */
  stop: string | null;
}

const RISK_PCT = /\brisk(?:ing)?\s+(?:only\s+|just\s+|about\s+)?(\d+(?:\.\d+)?)\s*(?:%|percent\b|pct\b|per\s*cent\b)/i;
const PCT_RISK = /(\d+(?:\.\d+)?)\s*(?:%|percent\b|pct\b)\s+(?:of\s+(?:my\s+)?(?:portfolio|account|equity)\s+)?risk\b/i;
const STOP = /\bstop(?:[\s-]*loss)?\s*(?:at|@|of|=|:|near|around)?\s*\$?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(k|m)?\b/i;

/**
 * The ask, when the message is one: "risk" and a percentage above 0 and at most 100. A coin or a
 * stop may be missing (the caller asks for it); anything else is not this phrase (null).
 */
export function readRiskSizing(text: string, parsed: Pick<ParseResult, 'command'>): RiskSizingAsk | null {
  const pct = RISK_PCT.exec(text) ?? PCT_RISK.exec(text);
  if (!pct) return null;
  const riskPct = Number(pct[1]);
  if (!(riskPct > 0 && riskPct <= 100)) return null;
  return { riskPct, symbol: parsed.command.symbol ?? null, stop: stopIn(text) ?? (parsed.command.intent === 'set_stop_loss' && parsed.command.price ? String(parsed.command.price) : null) };
}

/** "58k" → "58000", "58,500" → "58500", "0.35" → "0.35"; null without a stop. */
function stopIn(text: string): string | null {
  const found = STOP.exec(text);
  if (!found) return null;
  const digits = found[1]!.replace(/,/g, '');
  const scale = found[2]?.toLowerCase() === 'k' ? 3 : found[2]?.toLowerCase() === 'm' ? 6 : 0;
  const [whole, fraction = ''] = digits.split('.');
  const shifted = `${whole}${fraction.padEnd(scale, '0').slice(0, scale)}${fraction.length > scale ? `.${fraction.slice(scale)}` : ''}`;
  const value = shifted.replace(/^0+(?=\d)/, '');
  return Number(value) > 0 ? value : null;
}
