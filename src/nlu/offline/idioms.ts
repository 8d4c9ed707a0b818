import { rw, type Rewrite } from './rewrites.js';

/**
 * Synonym classes: the many ways people say one thing, rewritten to the one word the rules read.
 * Each class is a pattern over a few interchangeable verbs, objects and fillers, not a list of
 * sentences: "bank some profit", "secure the gains", "lock in 20% gains" are one class.
 * Applied before the phrases of rewrites.ts, on the text as typed (case kept for tickers).
 */
/** A class of figures of speech ("cap my downside", "pull the ripcord", "bank profits"): read, with doubt. */
const fig = (hints: string, pattern: RegExp, replacement: string): Rewrite => ({ ...rw(hints, pattern, replacement), figurative: true });

const ME = String.raw`(?:me|us)`;
const CONDITION = String.raw`(?=\s*,?\s*(?:when|if|once|whenever|as\s+soon|the\s+moment|in\s+case)\b)`;
const POSSESSIVE = String.raw`(?:my\s+|the\s+|our\s+|your\s+|some\s+|a\s+bit\s+of\s+|in\s+)?`;

export const IDIOMS: readonly Rewrite[] = [
  // A message taken back at its end is no command: "sell 10 avax... actually no", "… nah forget it".
  rw(
    'mind|nvm|forget|scratch|actually no|bother|wait|second thought|ignore that|disregard',
    /(?:[.,!;]+|\s)\s*(?:(?:actually|nah|no|hmm|wait|oh|oops)[\s,.]+)*(?:never\s*mind|nvm|forget\s+(?:it|that|about\s+it)|scratch\s+that|actually\s+no+|don'?t\s+bother|wait\s*,?\s*no+|no+\s*,?\s*wait|on\s+second\s+thought|changed\s+my\s+mind|ignore\s+that|disregard(?:\s+that)?)\s*[.!]*\s*$/gi,
    ' nevermind ',
  ),

  // Alerts: "ping me if", "yell when", "holler at me once", "drop me a line if", "keep an eye on",
  // "I want to know when", "lemme know".
  rw(
    'ping|yell|shout|holler|scream|alert|beep|flag|warn',
    new RegExp(String.raw`\b(?:ping|yell|shout|holler|scream|alert|beep|flag|warn)(?:\s+(?:it|this|that))?(?:\s+at)?(?:\s+${ME})?(?:\s+up)?${CONDITION}`, 'gi'),
    ' notify ',
  ),
  rw(
    'buzz|wake|text|dm|message|msg|tell|call|nudge|hit',
    new RegExp(String.raw`\b(?:buzz|wake|text|dm|message|msg|tell|call|nudge|hit)(?:\s+at)?\s+${ME}(?:\s+up)?${CONDITION}`, 'gi'),
    ' notify ',
  ),
  rw('drop me|send me|shoot me|give me', new RegExp(String.raw`\b(?:drop|send|shoot|give)\s+${ME}\s+(?:a\s+)?(?:msg|message|line|note|text|dm|ping|shout|heads[\s-]*up|notification|buzz)\b`, 'gi'), ' notify '),
  rw('lem|lmk|know', /\b(?:lem+e|lmk)\s+know\b|\blmk\b/gi, ' notify '),
  rw('know', new RegExp(String.raw`\b(?:i(?:'d|\s+would)?\s+)?(?:(?:want|wanna|need|like|love)\s+to|(?:nice|good|great|useful)\s+to|let\s+${ME})\s+know${CONDITION}`, 'gi'), ' notify '),
  // "watch sui for a break of 4", "watch aave and tell me at 120", "monitor btc until it hits 70k"
  rw(
    'eye|watch|tabs|monitor',
    /\bkeep\s+(?:an?\s+|my\s+|your\s+)?eyes?\s+on\b|\bkeep\s+(?:watching|tabs\s+on|track\s+of)\b|\b(?:watch|monitor)\s+(?=(?:my\s+|the\s+)?\S+(?:\s+(?:for|and|until|till|in\s+case|if|when)\b|\s*[.!?]*\s*$))/gi,
    ' notify ',
  ),
  rw('🔔|🚨|⏰', /🔔|🚨|⏰/g, ' alert '),

  // The literal names first, so that only figures of speech count as figures: "stop loss", "take profit".
  rw('stop', /\bstop[\s-]*loss(?:es)?\b/gi, ' stoploss '),
  rw('take', /\btake[\s-]+(?:the\s+|my\s+)?profits?\b(?!\s+(?:on|off)\s+the\s+table)/gi, ' takeprofit '),

  // Protective orders, the fall side: "limit my losses", "cap my downside", "max loss", "safety net".
  fig(
    'loss|downside|risk|drawdown|pain',
    new RegExp(String.raw`\b(?:limit|cap|minimi[sz]e|protect(?:\s+against)?|control|contain|stop|reduce|manage)\s+${POSSESSIVE}(?:losses|loss|downside|risk)\b|\bmax(?:imum)?\s+(?:loss|drawdown|downside|pain)\b`, 'gi'),
    ' stoploss ',
  ),
  fig('safety net|floor', /\b(?:a\s+)?safety[\s-]*net\b|\b(?:set\s+)?(?:a\s+|the\s+)?floor(?=\s+(?:for|on|at|of|under|below)\b)/gi, ' stoploss '),
  // "don't let my dot go below 5", "never let eth lose more than 7%": the stop the user describes.
  fig(
    'let',
    /\b(?:do\s*n[o']?t|never|do\s+not)\s+let\s+((?:my\s+|the\s+)?\S+)\s+(?:(?:go|fall|drop|get|slip|sink|dip|trade|slide)\s+(?=below|under|beneath|lower)|(?:lose|drop|fall|sink|slide|bleed|dip)\s+(?:more\s+than|over|beyond|past)\s+(?=\d))/gi,
    ' stoploss $1 ',
  ),
  // "my pain threshold on arb is 0.8", "uncle point", "line in the sand at 2500": the level to get out at.
  fig('pain|uncle|sand|bail', /\b(?:pain|uncle|bail(?:[\s-]*out)?)\s+(?:threshold|point|level|line|price)\b|\bline\s+in\s+the\s+sand\b/gi, ' stoploss '),
  // Exits: "get me out", "i'm out", "i'm done with", "bail on", "cash me out" read as a sell,
  // and the rules then see whether a fall (stop-loss) or a rise (take-profit) triggers it.
  fig('out|done with|bail', /\b(?:get|take|cash|pull)\s+(?:me|us)\s+out(?:\s+of)?\b|\b(?:i\s+)?(?:want|wanna|need)\s+(?:to\s+(?:get|be)\s+)?out(?:\s+of)?\b(?!\s+(?:money|cash|funds))|\b(?:i'?m|i\s+am|im|we'?re|we\s+are)\s+(?:out(?:\s+of)?|done\s+with)\b|\bbail(?:\s+out)?(?:\s+(?:on|of))?\b/gi, ' exitnow '),
  // "protect my xrp, 0.45 is the line", "protect the eth bag at 2500": a stop under a holding.
  fig('protect|stop', /\bprotect(?:ing)?\b(?=\s+(?:(?:my|the|our)\s+|\S+\s+(?:at|below|under|with|if)\b))|\bstop\s+(?:(?:me|us)\s+)?out(?:\s+of)?\b/gi, ' stoploss '),
  fig('cut', /\bcut\b(?=\s+(?:my\s+|the\s+)?\S+\s+(?:at|if|below|under|when)\b)/gi, ' stoploss '),

  // Protective orders, the rise side: "bank some profit", "secure the bag", "take the win",
  // "lock in 20% gains", "realise gains", "ride sol to 300 then cash out".
  fig(
    'profit|gain|bag|win|money',
    /\b(?:bank|secure|lock(?:\s+in)?|realiz?s?e|book|grab|take)\s+(?:some\s+|my\s+|the\s+|in\s+|a\s+bit\s+of\s+|that\s+|those\s+|these\s+)?(?:(\d+(?:\.\d+)?\s*%)\s+)?(?:profits?|gains?|bag|win|wins|money)\b/gi,
    ' takeprofit $1 ',
  ),
  fig('bank', /\bbank\s+(?:it|them|that|those)\b/gi, ' takeprofit '),
  // "lock in 30% on arb", "bank 20% on sol": a gain given as a percent.
  fig('lock|bank|secure|book', /\b(?:bank|secure|lock(?:\s+in)?|book)\s+(\d+(?:\.\d+)?\s*%)(?=\s+(?:on|of|for|in)\b)/gi, ' takeprofit $1 '),
  // "take 30% off if eth hits 4k", "take half off at 250": a sale of that share.
  fig('off', /\btake\s+(\d+(?:\.\d+)?\s*%|half|a\s+quarter|a\s+third|some)\s+off\b(?!\s+the\s+table)/gi, ' sell $1 '),
  fig('ride', /\bride\s+(\S+)\s+(?:up\s+)?to\b/gi, ' takeprofit $1 at '),
  fig('doubles|triples', /\bdoubles\b/gi, ' pumps 100% '),
  fig('triples', /\btriples\b/gi, ' pumps 200% '),

  // Emergency exits at a level: "pull the ripcord on ada at 0.3", "pull the plug on sol if it loses 120".
  fig('cord|plug|eject', /\b(?:pull(?:ing)?\s+the\s+(?:rip)?(?:cord|plug)|hit(?:ting)?\s+the\s+eject(?:\s+button)?|eject)\b(?=(?:\s+\S+){0,4}\s+(?:at|if|below|under|when|once)\b)/gi, ' stoploss '),
  fig('cord|plug|eject', /\b(?:pull(?:ing)?\s+the\s+(?:rip)?(?:cord|plug)|hit(?:ting)?\s+the\s+eject(?:\s+button)?)\b/gi, ' exitnow '),
  // The passive: "if my solana falls below 125 it gets sold", "have it bought at 3k".
  fig('sold|bought', /\b(?:it|them|that|this|these|those|everything)\s+(?:gets?|getting|is|are|be|being)\s+sold\b/gi, ' sell it '),
  fig('sold|bought', /\b(?:it|them|that|this)\s+(?:gets?|getting|is|are|be|being)\s+bought\b/gi, ' buy it '),
  // "what's sitting on the book", "anything resting in the books": open orders.
  fig('book', /\b(?:on|in)\s+the\s+(?:order\s*)?books?\b/gi, ' open orders '),
  // A slogan, not an order: "buy low sell high", "buy high, sell higher".
  rw('sell h|sell l', /\bbuy\s+(?:low|high)\W+sell\s+(?:high|higher|low)\b/gi, ' slogan '),

  // Cancels: "take down", "pull" / "yank" / "drop" an order.
  fig('take down|take off', /\btake\s+(?:down|off)\b(?=\s+(?:my|the|that|this|all|every))/gi, ' cancel '),

  // Market cap and other market figures the price answers.
  rw('cap', /\bmarket[\s-]*cap(?:italisation|italization)?\b|\bm\s*cap\b/gi, ' marketcap '),
  // Linking another exchange account is not offered.
  rw('link|connect', /\b(?:link|connect|add|hook\s+up)\s+(?:my\s+|an?\s+)?(?:\S+\s+)?(?:account|exchange|api(?:\s+keys?)?|wallet)\b/gi, ' login '),
  // Money leaving the bot is a withdrawal.
  rw('out', /\b(?:get|take|pull|move)\s+(?:my\s+|the\s+)?(?:money|funds|cash|usdt|dollars)\s+out\b/gi, ' withdraw '),

];
