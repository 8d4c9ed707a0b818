import type { Tok } from './tokens.js';

/**
 * Messages worded like a trade that do not order one now, on this account. Each would be a
 * wrong trade if read literally, so the parser answers `unknown` and the bot says what it can do:
 *  - a time or a schedule: "buy eth on 12/05", "sell btc at 3pm", "buy 1 eth every week";
 *  - someone else's words: "my friend told me to buy doge", "someone said sell eth";
 *  - taken back: "buy 2 eth. just kidding";
 *  - someone else's account or coins: "use user 42's account", "sell john's btc", "account 7".
 * The result is how sure the parser is that no order is meant (see offline-parser.ts), or null.
 */

const MONTHS = 'jan january feb february mar march apr april jun june jul july aug august sep sept september oct october nov november dec december';
const TIMING_WORDS = new Set(
  (
    'clocktime calendardate tomorrow tonight later morning afternoon evening midnight noon weekend monday tuesday ' +
    `wednesday thursday friday saturday sunday mondays fridays next every daily weekly monthly ${MONTHS}`
  ).split(' '),
);
/** "good morning, buy 1 eth": a greeting, not a time. */
const GREETING_BEFORE = new Set(['good', 'gm']);
const GREETINGS = new Set(['morning', 'afternoon', 'evening']);
const TIME_UNITS = new Set(['h', 'min', 'd', 'w', 'mo']);
const DELAYS = new Set(['in', 'after', 'within', 'every', 'for']);
/** Subjects that make reported words the user's own: "as I said, sell 2 eth", "you said sell". */
const SELF = new Set(['i', 'we', 'just', 'you', 'u']);
const UNIT_WORDS = new Set(['minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'hr', 'hrs', 'day', 'days', 'week', 'weeks', 'month', 'months']);

const REPORTING = new Set(['told', 'tells', 'tell', 'said', 'says', 'say', 'suggested', 'suggests', 'recommended', 'recommends', 'advised', 'advises', 'reckons', 'claims', 'claimed', 'tweeted', 'posted', 'thinks']);
const RETRACTIONS = new Set(['jk', 'kidding', 'joking', 'jking', 'nvm', 'nevermind', 'nm', 'psych', 'sike']);
/** Advice to others: "my 2 cents: buy eth" (normalised to "opinion"), "imo sell sol", "nfa". */
const ADVICE = new Set(['opinion', 'imo', 'imho', 'nfa', 'dyor']);
/** What a possessive may own that makes the trade someone else's: "john's btc", "mom's account". */
const PROPERTY = new Set(['account', 'accounts', 'wallet', 'wallets', 'portfolio', 'funds', 'money', 'coins', 'bag', 'bags', 'balance', 'holdings', 'stack', 'position', 'positions', 'crypto', 'keys']);
/** Possessives that own no coins: "at today's price", "this week's low". */
const TIME_OWNERS = new Set(['today', 'tonight', 'tomorrow', 'yesterday', 'day', 'week', 'month', 'year', 'market', 'everyone', 'it', 'one', 'he', 'she']);

/** A trade that is scheduled rather than meant now. */
export function isScheduled(toks: readonly Tok[]): boolean {
  return toks.some((t, i) => {
    const prev = toks[i - 1];
    // "good morning, buy 1 eth", "morning all, sell 2 sol": a greeting, not a time.
    if (t.num === undefined) return TIMING_WORDS.has(t.w) && !(i === 0 && GREETINGS.has(t.w)) && !(prev !== undefined && GREETING_BEFORE.has(prev.w));
    // "in 2 hours", "after 10 min", "within 5 days"
    const timed = TIME_UNITS.has(t.num.unit) || UNIT_WORDS.has(toks[i + 1]?.w ?? '');
    return timed && prev !== undefined && DELAYS.has(prev.w);
  });
}

/** How sure the parser is that a message worded with a trade verb at `verb` orders nothing; null when it may. */
export function notAnOrder(toks: readonly Tok[], verb: number): number | null {
  if (isScheduled(toks)) return 0.8;
  if (someoneElses(toks)) return 0.8;
  for (let i = 0; i < toks.length; i++) {
    const w = wordAt(toks, i);
    // "my friend told me to buy doge"; "as I said, sell 2 eth" is the user's own order.
    if (i < verb && REPORTING.has(w) && !SELF.has(wordAt(toks, i - 1))) return 0.6;
    // "they want me to buy sol": someone else's wish.
    if (i < verb && (w === 'want' || w === 'wants') && wordAt(toks, i + 1) === 'me' && !SELF.has(wordAt(toks, i - 1))) return 0.6;
    if (ADVICE.has(w)) return 0.6;
    // "buy 2 eth. just kidding", "sell 1 btc, never mind"
    if (i > verb && (RETRACTIONS.has(w) || (w === 'never' && wordAt(toks, i + 1) === 'mind'))) return 0.7;
  }
  return null;
}

/** Another user's account or coins: "user 42's account", "account 7", "sell john's btc". */
export function someoneElses(toks: readonly Tok[]): boolean {
  return toks.some((t, i) => {
    const next = toks[i + 1];
    if ((t.w === 'user' || t.w === 'account' || t.w === 'acct' || t.w === 'subaccount') && t.num === undefined && next?.num !== undefined && !next.num.percent) return true;
    if (t.possessive !== true || t.coin !== undefined || TIME_OWNERS.has(t.w)) return false;
    for (let j = i + 1; j < toks.length && j <= i + 3; j++) {
      const o = toks[j]!;
      if (o.coin !== undefined || (o.num === undefined && PROPERTY.has(o.w))) return true;
    }
    return false;
  });
}

function wordAt(toks: readonly Tok[], i: number): string {
  const t = toks[i];
  return t === undefined || t.num !== undefined || t.coin !== undefined ? '' : t.w;
}
