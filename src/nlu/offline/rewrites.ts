/**
 * Text rewrites applied before tokenising (normalize.ts). Each carries hints: literal pieces of
 * lower-case text it cannot match without, so a message skips every rewrite it cannot need.
 */
export interface Rewrite {
  hints: readonly string[];
  pattern: RegExp;
  replacement: string;
  /** A figure of speech read as a command word ("pull the ripcord" → stop-loss): a reading with doubt. */
  figurative?: boolean;
}

/** A rewrite from its hints (`a|b`: pieces of text it cannot match without), pattern and replacement. */
export const rw = (hints: string, pattern: RegExp, replacement: string): Rewrite => ({ hints: hints.split('|'), pattern, replacement });

/**
 * Multi-word phrases become one token before splitting, so the rules see "stoploss" whatever
 * the spacing or hyphenation. Case-insensitive because the original case is kept for tickers.
 */
export const PHRASES: readonly Rewrite[] = [
  rw('los', /\bstop[\s-]*los{1,2}(?:es)?\b/gi, ' stoploss '),
  // "take some profit on eth" sells now; "take profit at 4k" sets a take-profit.
  rw('take', /\btake\s+(?:some|partial|a\s+bit\s+of|a\s+little)\s+profits?\b/gi, ' sell some '),
  rw('prof', /\btake[\s-]*prof(?:it|its|t|ti|itt)\b|\bprofit[\s-]*(?:target|taking)\b/gi, ' takeprofit '),
  rw('&|p/|p /| and l', /\bp\s*&\s*l\b|\bp\s*\/\s*l\b|\bp\s+and\s+l\b|\bprofit\s+and\s+loss\b/gi, ' pnl '),
  rw('cent', /\bper\s*cent\b/gi, ' percent '),
  rw('all |all-', /\ball[\s-]+in\b/gi, ' allin '),
  rw('cash', /\bcash(?:ing)?[\s-]*out\b/gi, ' cashout '),
  rw(' rid ', /\bget(?:ting)?\s+rid\s+of\b/gi, ' getridof '),
  rw('worth', /\bnet[\s-]*worth\b/gi, ' networth '),
  rw('term', /\b(?:short|long|mid)[\s-]*term\b/gi, ' horizon '),
  rw(' or ', /\bor\s+(?:better|less|lower|cheaper|more|higher)\b/gi, ' orbetter '),
  rw('piece|per ', /\ba\s+piece\b|\bapiece\b|\bper\s+(?:coin|unit|token|share)\b/gi, ' each '),
  rw('book', /\border[\s-]*book\b/gi, ' orderbook '),
  rw('know|posted', /\blet\s+me\s+know\b|\bkeep\s+me\s+posted\b/gi, ' notify '),
  rw(' me ', /\b(?:tell|text|message|dm|ping|buzz|wake|shout|holler)\s+me(?:\s+up)?\s+(?=when\b|if\b|once\b|as\s+soon\b)/gi, ' notify '),
  rw('lmk|hmu|heads', /\b(?:lmk|hmu|heads[\s-]*up)\s*,?\s*(?=when\b|if\b|once\b|as\s+soon\b)/gi, ' notify '),
  // "cut my losses on sol at 120" protects a holding; "lock in profits at 250" takes profit there.
  rw('cut', /\bcut(?:ting)?\s+(?:my\s+|the\s+|your\s+|our\s+)?loss(?:es)?\b/gi, ' stoploss '),
  rw('lock', /\block(?:ing)?\s+in\s+(?:my\s+|the\s+|your\s+|our\s+)?profits?\b/gi, ' takeprofit '),
  // "my 2 cents: buy eth" is an opinion, not a $0.02 order.
  rw('cents', /\b(?:my|just|our)\s+(?:2|two)\s+cents\b/gi, ' opinion '),
  rw(' no ', /\bno\s+(?:need|reason|point)\s+to\b/gi, ' dont '),
  // The bot trades on the user's own account only: logging into another one is not offered.
  rw('log|sign', /\b(?:log(?:ging)?\s*(?:in|on)(?:to)?|sign(?:ing)?\s+in(?:to)?)\b/gi, ' login '),
  // "take half off the table on eth", "scale out of 30% of my link": sells; "scale into sol": buys.
  rw('table', /\btake\s+(.{1,24}?)\s*off\s+the\s+table\b/gi, ' sell $1 '),
  rw('scal', /\bscal(?:e|ing)\s+out(?:\s+of)?\b/gi, ' sell '),
  rw('scal', /\bscal(?:e|ing)\s+in(?:to)?\b/gi, ' buy '),
  // "sell every last shib i have", "every single one of my doge": all of it.
  rw('every', /\bevery\s+(?:last|single)(?:\s+(?:one|bit|coin|token|unit))?(?:\s+of)?\b/gi, ' all '),
  // "breaks 170 to the upside": the side is stated.
  rw('side', /\bto\s+the\s+upside\b/gi, ' above '),
  rw('side', /\bto\s+the\s+downside\b/gi, ' below '),
  rw('/', /\s*\/\s*/g, '/'),
];

/**
 * Pasted things that are not words: links, wallet addresses and calendar dates. They become
 * one marker word each, so their digits are never read as amounts ("buy eth on 12/05" is not
 * 12 or 5 of anything) and the rules can refuse them (a trade "on 12/05" is a scheduled order).
 */
export const PASTES: readonly Rewrite[] = [
  rw('www|http|.co|.io|.org|.net|.xyz|.app|.finance|.exchange', /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|io|org|net|xyz|app|finance|exchange|co)(?:\/\S*)?(?=\s|$)/gi, ' weblink '),
  rw('0x', /\b0x[0-9a-f]{4,}\b/gi, ' walletaddress '),
];

/** Calendar dates, only looked for when DATE_HINT finds digits around a separator or an ordinal. */
// A date stands apart: never the end of a number ("732,5-51.0714" is an unreadable number, not "732," and a date).
const DATES: readonly RegExp[] = [
  /(?<![\w.,'-])\d{4}-\d{1,2}-\d{1,2}(?![\w]|[.,/-]\d)/g, // "2024-05-12"
  /(?<![\w.,'-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\w]|[.,/-]\d)/g,
  // "12/05", "3/04": a two-digit part or a leading zero makes a date; "1/2", "3/4" stay fractions.
  /(?<![\w.,'-])(?:[0-3]\d\/[01]?\d|\d\/0\d)(?![\w]|[.,/-]\d)/g,
  /\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+of\b|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b/gi,
];
const ON_DATE = /\b(on|by|until|till|before|after)\s+\d{1,2}[/.-]\d{1,2}(?![\w]|[.,/-]\d)/gi;
// Not "0.5": a date has a slash or dash between digits, two dots, or an ordinal.
// "on 12.05" is a date too ("sell 1 eth by 2.5" is not: "by" also measures).
const DATE_HINT = /\d[/-]\d|\d\.\d{1,2}\.\d|\d(?:st|nd|rd|th)\b|\b(?:on|until|till|before|after) \d{1,2}\.\d/i;
const PASTE_ANY = /www|http|\.(?:co|io|org|net|xyz|app|finance|exchange)|0x|\d[/-]\d|\d\.\d{1,2}\.\d|\d(?:st|nd|rd|th)\b|\b(?:on|until|till|before|after) \d{1,2}\.\d/;

/** bc1…, base58 and other long addresses: a run of 25+ letters and digits that mixes both. */
const LONG_ADDRESS = /\b(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{25,}\b/gi;

/** Text that tries to instruct the parser rather than trade: the reading stays, but never with confidence. */
export const INJECTION =
  /\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}\b(?:instructions?|rules?|prompts?|guidelines|context|above|previous|prior|limits?|safety)\b|\bsystem\s*(?:prompt|override|message|:)|\bdeveloper\s+mode\b|\bjailbr[eo]ak|\byou\s+are\s+now\b|\bact\s+as\s+(?:an?\s+)?(?:admin|root|developer|system)|\bpretend\s+(?:to\s+be|you)\b|\bnew\s+instructions\b|\badmin\s+(?:mode|access|override)\b|\bsudo\b/i;

/** One test for "any hint of the table": most messages need no rewrite at all and stop here. */
function anyHint(rewrites: readonly Rewrite[]): RegExp {
  return new RegExp(rewrites.flatMap((r) => r.hints).map((h) => h.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));
}
const ANY_HINT = new Map<readonly Rewrite[], RegExp>();

/** Applies, in order, each rewrite whose hints occur in `low` (the text before any rewrite, lower case, a space each side). */
export function applyRewrites(s: string, low: string, rewrites: readonly Rewrite[], applied?: (r: Rewrite) => void): string {
  let any = ANY_HINT.get(rewrites);
  if (any === undefined) ANY_HINT.set(rewrites, (any = anyHint(rewrites)));
  if (!any.test(low)) return s;
  let out = s;
  for (const r of rewrites) {
    for (const h of r.hints) {
      if (!low.includes(h)) continue;
      const before = out;
      out = out.replace(r.pattern, r.replacement);
      if (applied !== undefined && out !== before) applied(r);
      break;
    }
  }
  return out;
}

/** Links, wallet addresses and calendar dates become marker words. */
export function replacePastes(s: string, low: string): string {
  // One scan for the common case, a message with no link, address or date in it.
  const long = hasLongRun(low);
  if (!long && !PASTE_ANY.test(low)) return s;
  let out = applyRewrites(s, low, PASTES);
  if (long) out = out.replace(LONG_ADDRESS, ' walletaddress ');
  if (DATE_HINT.test(out)) {
    out = out.replace(ON_DATE, ' $1 calendardate ');
    for (const d of DATES) out = out.replace(d, ' calendardate ');
  }
  return out;
}

function hasLongRun(low: string): boolean {
  let run = 0;
  for (let i = 0; i < low.length; i++) {
    const c = low.charCodeAt(i);
    run = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) ? run + 1 : 0;
    if (run >= 25) return true;
  }
  return false;
}
