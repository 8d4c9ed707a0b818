import { PAPER_VENUE_IDS } from '../market/paper-venues.js';
import { BEST_VENUE } from '../trading/trading-service.js';

/*
 * Where a chat order should go, from the words around it (the parse contract has no venue entity,
 * and the parser already reads "buy 1 btc wherever it's cheapest" as a plain market buy):
 *  - "wherever it's cheapest", "on the cheapest exchange", "best price across exchanges",
 *    "on any exchange" → 'best' (the router picks one venue or a split);
 *  - "on kraken", "via binance", "at kucoin" → that venue;
 *  - anything else → null (the user's default venue, else the account's exchange).
 */
const BEST = [
  /\bwhere?\s?ever\b[^.?!]*\b(cheap|cheapest|cheaper|best|lowest|highest|most)\b/i,
  /\b(cheapest|best|lowest[- ]priced?)\s+(exchange|venue|market|place)s?\b/i,
  /\b(across|over|on)\s+(all\s+|every\s+|any\s+)?(the\s+)?(exchanges|venues)\b/i,
  /\b(on|at|via)\s+any\s+(exchange|venue)\b/i,
  /\bsmart[- ]route\b|\broute\s+it\b/i,
];
const NAMED = new RegExp(`\\b(?:on|at|via|through|using)\\s+(${PAPER_VENUE_IDS.join('|')})\\b`, 'i');

export function venueFromText(text: string): string | null {
  if (BEST.some((re) => re.test(text))) return BEST_VENUE;
  const named = NAMED.exec(text);
  return named ? named[1]!.toLowerCase() : null;
}
