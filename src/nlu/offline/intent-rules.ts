import type { Intent } from '../contract.js';
import type { Analysis } from './analyze.js';
import {
  ALERT_WORDS, ALL_WORDS, BUY_VERBS, CANCEL_WORDS, DOWN_WORDS, HELP_WORDS, LAST_WORDS, NEGATIONS, OPEN_WORDS, ORDER_NOUNS,
  OUT_OF_SCOPE, PLURAL_ORDER_NOUNS, PORTFOLIO_WORDS, PRICE_WORDS, QUESTION_OPENERS, QUOTE_MARKERS, REQUEST_SUBJECTS, SELL_VERBS,
  STOP_LOSS_WORDS, SWAP_VERBS, TAKE_PROFIT_WORDS, TOUCH_WORDS, UP_WORDS, WEAK_BUY_VERBS,
  WEAK_SELL_VERBS, isFiller,
} from './lexicon.js';
import { priceMarked } from './markers.js';
import { notAnOrder, someoneElses } from './not-an-order.js';
import { isHelpQuestion, signalStrength } from './question-rules.js';
import type { Tok } from './tokens.js';

export type Side = 'buy' | 'sell';

export interface IntentDecision {
  intent: Intent;
  /** How clearly the wording names this intent, before entities are read (see offline-parser.ts). */
  strength: number;
  side?: Side;
  /** Index of the verb that named the trade. */
  verb?: number;
  swap?: boolean;
  /** The command's clause ends before this token (a second command follows). */
  until?: number;
}

const LEADING_NOISE = new Set(['hey', 'hi', 'hello', 'yo', 'bot', 'ok', 'okay', 'so', 'and', 'um', 'uh', 'well', 'please', 'pls', 'plz', 'quick', 'question']);
const STRONG_CANCEL = new Set(['cancel', 'cancels', 'cancelled', 'canceled', 'cancelling', 'canceling']);
const HOLD_VERBS = new Set(['have', 'own', 'hold', 'got']);
/** "i need some magic", "i want eth": a wish, not a price question. */
const WISH_WORDS = new Set(['want', 'wanna', 'need', 'needs', 'like', 'i', 'id', 'im', 'me', 'my', 'mine', 'some']);
const REQUEST_OPENERS = new Set(['can', 'could', 'would', 'will', 'wont']);
/** "i want 2 eth": a buy only when an amount follows at once ("i want eth to go up" is not). */
const WANT_WORDS = new Set(['want', 'need', 'wanna']);
const HYPOTHETICAL = new Set(['suppose', 'supposing', 'hypothetically', 'imagine']);
/** Verbs that set, move or keep a stop: "move my sol stop to breakeven", "trail my btc by 5%". */
const STOP_VERBS = new Set(['move', 'raise', 'lower', 'tighten', 'trail', 'adjust', 'set', 'put', 'update', 'change', 'place', 'add', 'bump']);

/** Which command the message gives; the order of the checks is the precedence between them. */
export function decideIntent(a: Analysis): IntentDecision {
  const toks = a.toks;
  if (toks.length === 0) return { intent: 'unknown', strength: 1 };
  const W = toks.map((t) => (t.num !== undefined || t.coin !== undefined ? '' : t.w));
  const has = (s: ReadonlySet<string>): boolean => W.some((w) => s.has(w));
  const at = (i: number): string => W[i] ?? '';
  const start = W.findIndex((w, i) => !LEADING_NOISE.has(w) || toks[i]!.coin !== undefined || toks[i]!.num !== undefined);
  const first = start < 0 ? '' : at(start);
  const coins = toks.filter((t) => t.coin !== undefined).length;

  const numbers = toks.some((t) => t.num !== undefined);
  // "sell 10 avax... actually no", "alert me at 3k, never mind": taken back before it was sent.
  if (W[W.length - 1] === 'nevermind' && toks.length > 1) return { intent: 'unknown', strength: 0.8 };
  // Before help: "how do taxes work", "how do i stake" ask about what the bot does not offer.
  if (has(OUT_OF_SCOPE) || toks.some((t) => t.num?.unit === 'x') || (W.includes('send') && !has(ALERT_WORDS) && !has(HELP_WORDS))) {
    // Asked as a question ("should i stake…?", "can i short…?") it may want advice or help instead.
    return { intent: 'unknown', strength: QUESTION_OPENERS.has(first) ? 0.8 : 0.9 };
  }
  if (isHelpQuestion(W, start, coins, numbers)) return { intent: 'help', strength: 0.9 };
  // "what if i put a floor under eth at 2k", "suppose i sold half": a hypothetical orders nothing.
  if ((first === 'what' && at(start + 1) === 'if') || HYPOTHETICAL.has(first)) return { intent: 'unknown', strength: 0.7 };
  if (isNegated(W, QUESTION_OPENERS.has(first))) return { intent: 'unknown', strength: 0.85 };
  if (someoneElses(toks)) return { intent: 'unknown', strength: 0.8 };

  // "can you buy…" and "can I get 2 eth" are requests; "what would buying 1 eth cost" is not an order.
  const politeRequest = (['can', 'could', 'may'].includes(first) && at(start + 1) === 'i' && numbers) || (first === 'is' && ['possible', 'it'].includes(at(start + 1)) && W.includes('possible'));
  const request = REQUEST_OPENERS.has(first) && REQUEST_SUBJECTS.has(at(start + 1));
  // "do not forget to buy 1 eth" is an order, not a question.
  const question = QUESTION_OPENERS.has(first) && !request && !politeRequest && !(first === 'do' && at(start + 1) === 'not');
  const isCoin = toks.map((t) => t.coin !== undefined);
  const asks = question || a.prepared.text.includes('?');
  const signals = signalStrength(W, isCoin, asks);
  // "should i take profits on my eth?" asks for advice before it names a take-profit.
  if (question && signals >= 0.85) return { intent: 'get_signals', strength: signals };
  // "dca into btc": recurring buys are not offered ("should i dca into btc?" asks advice, above).
  if (W.includes('dca')) return { intent: 'unknown', strength: 0.9 };
  if (W.some((w) => STRONG_CANCEL.has(w)) || cancelsAnOrder(W, toks)) {
    if (has(ALERT_WORDS) && !W.includes('order') && !W.includes('orders')) return { intent: 'unknown', strength: 0.5 };
    return { intent: 'cancel_order', strength: 0.95 };
  }
  // "trail my btc by 5%", "trailing stop 3% on eth": trailing stops are not offered; the nearest order
  // a user would accept is a stop that far below, which the bot reads back (labels: families-labels.md).
  const trailing = W.findIndex((w) => w === 'trail' || w === 'trailing');
  if (trailing >= 0 && !question) return { intent: 'set_stop_loss', strength: 0.6 };
  // "do i have a stop on btc", "where's my tp on sol", "did my sui order fill?", "pending on inj?"
  if (asksAboutOrders(W, toks, start)) return { intent: 'list_orders', strength: 0.85 };
  // "show my alerts", "list alerts": the alert book is not offered as a list.
  if (W.some((w) => w === 'alerts') && W.some((w) => ['show', 'list', 'view', 'see', 'what', 'which', 'my'].includes(w)) && !numbers && coins === 0) {
    return { intent: 'unknown', strength: 0.7 };
  }
  const buy = commandVerb(W, toks, BUY_VERBS);
  const sell = commandVerb(W, toks, SELL_VERBS);
  const sl = W.findIndex((w, i) => STOP_LOSS_WORDS.has(w) || (w === 'stop' && stopNoun(W, toks, i)));
  // "target 30 on inj", "price target for my apt is 12", "my target on sol is 250": a level to take profit at.
  const priced = toks.some((t) => t.num !== undefined && !t.num.percent);
  const tp = W.findIndex((w, i) => TAKE_PROFIT_WORDS.has(w) || ((w === 'target' || w === 'targets') && (at(i + 1) === 'at' || toks[i + 1]?.num !== undefined || (priced && !question && buy < 0 && sell < 0))));
  const follow = [sl, tp, W.findIndex((w) => ALERT_WORDS.has(w))].filter((i) => i >= 0);
  const trade = [buy, sell].filter((i) => i >= 0);
  if (follow.length > 0 && trade.length > 0 && !question) {
    // "buy 2 eth and set a stop loss at 2800": two commands. The trade comes first and is read
    // alone (its clause ends where the second command starts), at a confidence that asks first.
    const verb = Math.min(...trade);
    const until = Math.min(...follow);
    if (verb < until && toks.slice(verb + 1, until).some((t) => t.coin !== undefined || t.num !== undefined)) {
      const side: Side = verb === buy ? 'buy' : 'sell';
      const refused = notAnOrder(toks, verb);
      if (refused !== null) return { intent: 'unknown', strength: refused };
      return { intent: side === 'buy' ? 'buy_market' : 'sell_market', side, verb, until, strength: 0.5 };
    }
  }
  if (sl >= 0 || tp >= 0) {
    const both = sl >= 0 && tp >= 0;
    const intent = sl >= 0 && (tp < 0 || sl < tp) ? 'set_stop_loss' : 'set_take_profit';
    // "target 5k eventually, buy 2 eth": a level and an order in one message; which one is meant?
    return { intent, strength: both || trade.length > 0 ? 0.45 : 0.95 };
  }
  if (has(ALERT_WORDS)) return { intent: 'set_alert', strength: 0.95 };
  if (signals > 0) return { intent: 'get_signals', strength: signals };
  if (isListOrders(W)) return { intent: 'list_orders', strength: 0.95 };

  if ((buy >= 0 || sell >= 0) && !question) {
    if (sell >= 0 && at(sell + 1) === 'me' && (sell < buy || buy < 0)) return { intent: 'unknown', strength: 0.7 }; // "sell me on eth"
    const side: Side = buy >= 0 && (sell < 0 || buy < sell) ? 'buy' : 'sell';
    const verb = side === 'buy' ? buy : sell;
    const refused = notAnOrder(toks, verb);
    if (refused !== null) return { intent: 'unknown', strength: refused };
    // "sell btc if it drops below 55k" protects a holding: a stop-loss. As a limit it would sell at once.
    if (side === 'sell' && sellsOnFall(W, toks, W[verb] === 'exitnow')) return { intent: 'set_stop_loss', strength: namesSize(toks) ? 0.45 : 0.7 };
    if (side === 'sell' && sellsOnRise(W, toks) && !namesSize(toks) && !unmarkedSize(toks, W)) return { intent: 'set_take_profit', strength: 0.7 };
    const strength = buy >= 0 && sell >= 0 ? 0.45 : politeRequest ? 0.8 : 0.95;
    return { intent: side === 'buy' ? 'buy_market' : 'sell_market', side, verb, strength };
  }
  const swap = W.findIndex((w) => SWAP_VERBS.has(w));
  if (swap >= 0 && coins >= 2 && !question) {
    const refused = notAnOrder(toks, swap);
    if (refused !== null) return { intent: 'unknown', strength: refused };
    return { intent: 'buy_market', side: 'buy', verb: swap, swap: true, strength: 0.8 };
  }

  const weakBuy = W.findIndex(
    (w, i) => (WEAK_BUY_VERBS.has(w) && at(i - 1) !== 'my' && followedByGoods(a, i)) || (WANT_WORDS.has(w) && toks[i + 1]?.num !== undefined && followedByGoods(a, i)),
  );
  const weakSell = W.findIndex((w, i) => WEAK_SELL_VERBS.has(w) && toks.slice(i + 1).some((t) => t.coin !== undefined || t.w === 'position'));
  // "add 1 eth to my bag": a weak verb opening the message with an amount is an order, whatever follows.
  const imperative = weakBuy >= 0 && weakBuy === start && toks[start + 1]?.num !== undefined;
  if (!imperative && isPortfolio(W, isCoin)) return { intent: 'check_portfolio', strength: 0.9 };
  if (!imperative && isPrice(W, coins, start, a.prepared.text.includes('?'))) return { intent: 'get_price', strength: has(PRICE_WORDS) ? 0.95 : 0.75 };

  if ((weakBuy >= 0 || weakSell >= 0) && !question) {
    const side: Side = weakBuy >= 0 && (weakSell < 0 || weakBuy < weakSell) ? 'buy' : 'sell';
    const verb = side === 'buy' ? weakBuy : weakSell;
    const refused = notAnOrder(toks, verb);
    if (refused !== null) return { intent: 'unknown', strength: refused };
    if (side === 'sell' && sellsOnFall(W, toks, false)) return { intent: 'set_stop_loss', strength: namesSize(toks) ? 0.45 : 0.7 };
    if (side === 'sell' && sellsOnRise(W, toks) && !namesSize(toks) && !unmarkedSize(toks, W)) return { intent: 'set_take_profit', strength: 0.7 };
    return { intent: side === 'buy' ? 'buy_market' : 'sell_market', side, verb, strength: 0.8 };
  }
  if (has(HELP_WORDS)) return { intent: 'help', strength: 0.85 };
  if (isBarePair(toks)) return { intent: 'get_price', strength: 0.6 };
  return { intent: 'unknown', strength: coins > 0 ? 0.5 : 0.7 };
}

/** Words that may stand between a negation and the command it cancels: "don't ever sell", "not going to buy". */
const NEGATION_BRIDGE = new Set(['want', 'wanna', 'to', 'i', 'you', 'u', 'ever', 'need', 'going', 'gonna', 'be', 'the', 'my', 'any', 'please', 'pls', 'even', 'plan', 'planning', 'think', 'should', 'will', 'would', 'do', 'dare', 'let', 'me', 'us', 'just', 'really', 'actually', 'yet', 'ok', 'so', 'wanted', 'still', 'more']);
const NEGATED_FORMS = new Set(['selling', 'buying', 'purchasing', 'dumping', 'cancelling', 'canceling']);

function command(w: string): boolean {
  return BUY_VERBS.has(w) || SELL_VERBS.has(w) || CANCEL_WORDS.has(w) || ALERT_WORDS.has(w) || STOP_LOSS_WORDS.has(w) || TAKE_PROFIT_WORDS.has(w) || WEAK_BUY_VERBS.has(w) || NEGATED_FORMS.has(w);
}

/**
 * A negation that governs the command: "don't buy eth", "I do not want to sell", "never sell".
 * One in another clause does not: "if it isn't too much trouble, please sell 2 eth".
 */
function isNegated(W: readonly string[], question: boolean): boolean {
  if (!W.some((w) => NEGATIONS.has(w) || w === 'no')) return false; // most messages: one set lookup per word
  let seenCommand = false;
  for (let i = 0; i < W.length; i++) {
    const w = W[i]!;
    if (command(w)) seenCommand = true;
    // "no buys", "no more buys today", "no further selling"
    const noMore = w === 'no' && (command(W[i + 1] ?? '') || (['more', 'further', 'new'].includes(W[i + 1] ?? '') && command(W[i + 2] ?? '')));
    if (!NEGATIONS.has(w) && !noMore) continue;
    for (let j = i + 1; j < W.length && j <= i + 5; j++) {
      if (command(W[j]!)) return true;
      if (!NEGATION_BRIDGE.has(W[j]!)) break;
    }
    // A negation before any command word with nothing after it still refuses: "no, never".
    // In a question it asks ("which orders haven't filled yet").
    if (!seenCommand && !question && !W.slice(i + 1).some(command)) return true;
  }
  return false;
}

const PREDICTING = new Set(['will', 'gonna', 'might', 'may', 'could', 'would', 'to', 'about']);
/** Words between a subject and "will dump" ("btc is probably gonna dump"); "" is a coin or a number. */
const SUBJECTS = new Set(['', 'it', 'price', 'market', 'this', 'that', 'everything', 'crypto', 'going', 'is', 'probably', 'gonna']);
const MARKET_SUBJECTS = new Set(['it', 'price', 'market', 'this', 'that', 'everything', 'crypto']);

/** The first trade verb that commands: "btc will dump so sell 0.5" predicts with "dump" and orders with "sell". */
function commandVerb(W: readonly string[], toks: readonly Tok[], verbs: ReadonlySet<string>): number {
  return W.findIndex((w, i) => {
    if (!verbs.has(w) || !PREDICTING.has(W[i - 1] ?? '-')) return verbs.has(w);
    // The subject of "will dump": a coin ("" here) or the market, not "you" / "i".
    for (let j = i - 2; j >= 0 && j >= i - 4; j--) {
      if (toks[j]!.coin !== undefined || MARKET_SUBJECTS.has(W[j]!)) return false;
      if (!SUBJECTS.has(W[j]!)) return true;
    }
    return true;
  });
}

const CONDITIONS = new Set(['if', 'when', 'once', 'whenever', 'should']);
/** A fall, in any form: "drops", "if it keeps dumping", "once it starts sliding". */
const FALLING = new Set([...DOWN_WORDS, 'dropping', 'falling', 'dipping', 'sinking', 'crashing', 'tanking', 'dumping', 'sliding', 'slipping', 'bleeding', 'declining', 'losing', 'collapsing', 'plunging', 'plummeting', 'plummets', 'plunges', 'collapses', 'declines']);
/** A fall as a noun after a distance: "i can stomach a 12% drop, then sell". */
const FALL_NOUNS = new Set(['drop', 'dip', 'fall', 'decline', 'loss', 'drawdown', 'crash', 'down']);
/** Words that make an exit a goal reached: "get me out at 45, that's the goal", "cash out if it rips". */
const GOAL_WORDS = new Set(['goal', 'target', 'profit', 'profits', 'gains', 'moon', 'moons', 'rips', 'pumps', 'moonshot']);

/**
 * "sell btc if it drops below 55k", "if eth falls under 2800 sell it", "sell if it drops 10%".
 * An exit idiom ("i'm out", "get me out") needs no condition word: "btc under 56k = i'm out".
 */
function sellsOnFall(W: readonly string[], toks: readonly Tok[], exitIdiom: boolean): boolean {
  if (W.some((w, i) => CONDITIONS.has(w) && W.slice(i + 1, i + 5).some((x) => FALLING.has(x)))) return true;
  if (toks.some((t, i) => t.num?.percent === true && FALL_NOUNS.has(W[i + 1] ?? ''))) return true;
  return exitIdiom && W.some((w, i) => DOWN_WORDS.has(w) && toks[i + 1]?.num !== undefined);
}

/** A size a take-profit cannot carry: "if sol gets to 250 sell 5", "sell all of it". */
function unmarkedSize(toks: readonly Tok[], W: readonly string[]): boolean {
  if (W.some((w) => w === 'all' || w === 'everything' || w === 'half' || w === 'quarter')) return true;
  return toks.some((t, i) => t.num !== undefined && !t.num.percent && !priceMarked(toks, i) && W[i - 1] !== 'of' && W[i + 1] !== 'bucks' && W[i + 1] !== 'dollars' && W[i + 1] !== 'cent' && W[i + 1] !== 'cents');
}

/** "cash out my link if it pumps to 25", "close my ltc if it hits 120", "get me out at 45, that's the goal". */
function sellsOnRise(W: readonly string[], toks: readonly Tok[]): boolean {
  const priced = toks.some((t) => t.num !== undefined && !t.num.percent);
  if (!priced && !toks.some((t) => t.num?.percent === true)) return false;
  if (W.some((w) => GOAL_WORDS.has(w))) return true;
  return W.some((w, i) => CONDITIONS.has(w) && W.slice(i + 1, i + 5).some((x) => UP_WORDS.has(x) || (TOUCH_WORDS.has(x) && x !== 'is' && x !== 'at')));
}

/** "stop" as the order, not the verb: "stop at 55k", "my sol stop", "move the stop to breakeven". */
function stopNoun(W: readonly string[], toks: readonly Tok[], i: number): boolean {
  if (['at', 'on', 'for', 'to', 'under', 'below', 'of'].includes(W[i + 1] ?? '') || toks[i + 1]?.num !== undefined) return true;
  const owner = toks[i - 1]?.coin !== undefined ? i - 2 : i - 1;
  if (!['my', 'the', 'a', 'your', 'our'].includes(W[owner] ?? '')) return false;
  return W.slice(Math.max(0, owner - 3), owner).some((w) => STOP_VERBS.has(w));
}

/** A cancel verb acting on an order: "kill my bids", "drop all my link orders", "nuke everything open", "undo my last order". */
function cancelsAnOrder(W: readonly string[], toks: readonly Tok[]): boolean {
  for (let i = 0; i < W.length; i++) {
    if (!CANCEL_WORDS.has(W[i]!)) continue;
    // "kill #b7c1", "forget 4412": an order id right after the verb.
    const next = toks[i + 1];
    if (next?.hash === true || (next?.num !== undefined && /^\d{2,}$/.test(next.w) && toks[i + 2]?.coin === undefined && !next.num.percent)) return true;
    const after = W.slice(i + 1, i + 8);
    if (after.some((w) => ORDER_NOUNS.has(w))) return true;
    // "pull the ada sell", "kill my btc buy": a buy or a sell named as a thing is an order.
    let j = i + 1;
    while (j < W.length && j <= i + 3 && (['the', 'my', 'that', 'this', 'last'].includes(W[j]!) || (W[j] === '' && toks[j]?.coin !== undefined))) j++;
    if (j > i + 1 && ['buy', 'sell', 'buys', 'sells'].includes(W[j] ?? '') && (j === W.length - 1 || !toks.slice(j + 1).some((t) => t.num !== undefined || t.coin !== undefined))) return true;
    if (SWEEP_VERBS.has(W[i]!) && after.some((w) => ALL_WORDS.has(w) || LAST_WORDS.has(w))) return true;
    // "drop everything on eth/btc", "pull everything i have on the book"
    if (after.some((w) => w === 'everything') && after.some((w) => ['on', 'open', 'book', 'orderbook', 'pending', 'have'].includes(w))) return true;
  }
  return false;
}

/** Cancel verbs that sweep without naming orders: "nuke everything", "kill all", "scrap the last one". */
const SWEEP_VERBS = new Set(['kill', 'nuke', 'scrap', 'wipe', 'clear', 'cancel']);

const ORDER_QUESTION_OPENERS = new Set(['do', 'did', 'does', 'where', 'any', 'is', 'are', 'have', 'has', 'whats', 'what']);

/** "do i have a stop on btc", "where is my tp on sol", "did my sui order fill?", "pending on inj?" */
function asksAboutOrders(W: readonly string[], toks: readonly Tok[], start: number): boolean {
  if (toks.some((t) => t.num !== undefined)) return false;
  const first = W[start] ?? '';
  if (['pending', 'outstanding', 'unfilled'].includes(first)) return true;
  if (/^ (show|list|see|view|check)( me)?( my| all| the)? (pending|open|active|working|unfilled)( ones| stuff| trades| bids| limits)? $/.test(` ${W.slice(start).join(' ')} `)) return true;
  if (!ORDER_QUESTION_OPENERS.has(first)) return false;
  const text = ` ${W.slice(start).join(' ')} `;
  if (/ what (is|are) (still )?(pending|open|outstanding|unfilled) /.test(text)) return true;
  // "did my btc buy go through": a buy or a sell here is the order.
  if (/ (did|has) (my|the) +(\w+ +)?(buy|sell|bid|ask) (go through|gone through|fill|filled|get filled|execute|executed) /.test(text)) return true;
  if (!W.some((w) => ORDER_NOUNS.has(w) || w === 'stop')) return false;
  if (/ (do|did|have) (i|we) (have|got|still have|set) /.test(text)) return true;
  if (/ where (is|are) (my|the) /.test(text)) return true;
  if (/ (did|has|have) (my|the) .*(fill|filled|go through|execute|executed|trigger|triggered|hit)\b/.test(text)) return true;
  return / any (open |pending )?(orders?|stops?|limits?|sl|tp) /.test(text);
}

/**
 * An amount or share was given, which a stop-loss cannot carry: "sell 1 btc if it drops below 50k".
 * A percent after a move is the move, not a share: "if bonk pumps 100%" ("doubles"), "if it drops 10%".
 */
function namesSize(toks: readonly Tok[]): boolean {
  return toks.some((t, i) => {
    if (t.num === undefined) return ['half', 'quarter'].includes(t.w);
    const move = t.num.percent === true && (UP_WORDS.has(toks[i - 1]?.w ?? '') || FALLING.has(toks[i - 1]?.w ?? ''));
    return (t.num.percent === true && !move) || toks[i + 1]?.coin !== undefined;
  });
}

/** Words beside a coin that keep "eth usd", "xrp to usdt", "btc in eur" a price question. */
const PAIR_WORDS = new Set(['ratio', 'usd', 'dollars', 'dollar', 'vs', 'versus', 'against', 'per', 'now', 'rn', 'pls', 'please', 'today', 'the', 'current', 'currently', 'right', 'ok', 'hey', 'yo']);
const QUOTES = new Set(['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'EUR', 'TRY', 'BRL', 'GBP', 'JPY', 'BTC', 'ETH', 'BNB']);

/** "eth", "link?", "eth usd", "btc in eur": a coin, maybe its quote, and nothing that asks for more. */
function isBarePair(toks: readonly Tok[]): boolean {
  const coins = toks.filter((t) => t.coin !== undefined);
  if (coins.length === 0 || coins.length > 2 || (coins.length === 2 && !QUOTES.has(coins[1]!.coin!.ticker))) return false;
  return toks.every((t) => t.coin !== undefined || (t.num === undefined && (PAIR_WORDS.has(t.w) || QUOTE_MARKERS.has(t.w) || (isFiller(t.w) && !HOLD_VERBS.has(t.w) && !WISH_WORDS.has(t.w)))));
}

/** What an order not yet filled is: "anything pending on avax?", "what's still open". */
const WAITING_WORDS = new Set(['open', 'pending', 'outstanding', 'unfilled', 'resting', 'waiting']);

/** "show my open orders", "what are my orders", but not "place a sell order". */
function isListOrders(W: readonly string[]): boolean {
  // "show my limits", "list stops": plural order nouns, unless the message sets or moves them.
  const plural = W.includes('orders') || (W.some((w) => PLURAL_ORDER_NOUNS.has(w)) && !W.some((w) => ['set', 'move', 'put', 'add', 'raise', 'lower', 'tighten'].includes(w)));
  // "do i have anything open on sol", "what's still open": orders, not positions or markets.
  const anythingOpen = W.some((w, i) => WAITING_WORDS.has(w) && ['anything', 'something', 'is', 'still', 'have', 'everything'].includes(W[i - 1] ?? '') && !['a', 'an', 'position', 'positions'].includes(W[i + 1] ?? ''));
  if (anythingOpen && !W.includes('market') && !W.includes('position')) return true;
  // "my open order", "my open sells on sol?", "pending buys"
  const openOrder = W.some((w, i) => ['order', 'sells', 'buys', 'bids', 'asks'].includes(w) && OPEN_WORDS.has(W[i - 1] ?? ''));
  if (!plural && !openOrder) return false;
  return !W.some((w) => w === 'place' || w === 'create' || w === 'make' || w === 'submit');
}

function isPortfolio(W: readonly string[], isCoin: readonly boolean[]): boolean {
  if (W.some((w) => PORTFOLIO_WORDS.has(w))) return true;
  if (W.includes('position') && !W.some((w) => WEAK_SELL_VERBS.has(w))) return true;
  const text = ` ${W.map((w, i) => (isCoin[i] ? '<coin>' : w)).join(' ')} `;
  if (/ how (much|many) (<coin> |money |cash |coins |crypto )?(do|did|have) (i|we) (have|own|hold|got|left)?/.test(text)) return true;
  if (/ (what|which)( coins)? do (i|we) (even |actually |still |currently )?(have|own|hold)| do (i|we) (still )?(have|own|hold) /.test(text)) return true;
  // "bags?", "show the bags"
  if (/^ (show |see |check )?(me )?(the |my |our )?bags $/.test(text)) return true;
  if (/ my (<coin> )?(bags?|stack|coins|crypto|worth|is worth) | my <coin> worth | (how|what) (is|are) my <coin>/.test(text)) return true;
  // "did i make money", not "what trades did i make last week" (history, not offered)
  if ((/ did (i|we) (make|lose|earn) | how much did (i|we) (make|lose|earn) /.test(text)) && !/ (trades|orders|buys|sells|transactions) did /.test(text)) return true;
  // "what did i pay for my sol", "cost basis", "avg entry", "break even on my eth?", "dry powder", "show me the damage"
  if (/ what did (i|we) (pay|spend)| total (value|worth|balance|equity) | cost basis | (avg|average) (entry|buy|cost|price)| break ?even | dry powder | (it all|everything|all) worth | (value|worth) of (my|our) /.test(text)) return true;
  // "show me the damage", "what's the damage on my eth"; "the damage for 1 aave" asks a price.
  if (/ the damage /.test(text) && !/ the damage for /.test(text)) return true;
  // "how much usdc is sitting idle", "how much cash is free", "buying power"
  if (/ how (much|many) (<coin> |money |cash |capital )?(is |are |do i have |have i got )?(still )?(sitting|lying|idle|free|available|spare|unused|uninvested|undeployed|left)\b| buying power /.test(text)) return true;
  // "am i up or down overall", "how deep in the red am i", "are we underwater"
  if (/ (in the (red|green)|in (profit|loss)|underwater|under water|up|down) (am|are) (i|we) /.test(text)) return true;
  return / (am i|are we) (still )?(up|down|in profit|in the green|in the red|green|red|rekt|profitable|winning|losing|underwater)| how am i doing /.test(text);
}

function isPrice(W: readonly string[], coins: number, start: number, asked: boolean): boolean {
  if (W.some((w) => PRICE_WORDS.has(w) && w !== 'worth' && w !== 'trading' && w !== 'value')) return true;
  if (coins === 0) return false;
  const text = ` ${W.slice(Math.max(0, start)).join(' ')} `;
  // The words without the coins' places.
  const bare = ` ${W.slice(Math.max(0, start)).filter((w) => w !== '').join(' ')} `;
  if (/ (worth|trading|value) /.test(text) && !/ my /.test(text)) return true;
  if (/^ how (much|many) (is|are|does|do|for|would|'s|was) /.test(text)) return true;
  // "what's avax doing", "where's btc trading": how it stands, which the price answers.
  if (/^ (what|where) (is|are) (<coin> |it )?(doing|trading|at|sitting)\b/.test(` ${W.slice(Math.max(0, start)).map((w) => (w === '' ? '<coin>' : w)).join(' ')} `.replace(/<coin> (?=<coin>)/g, ''))) return true;
  // "what would i get for 1 aave", "what's the damage for 1 aave": what one costs.
  if (/ what (would|will|do|could|can) (i|we) get for | the damage for /.test(text)) return true;
  // "eth near 3k?", "btc above 60k yet?": a yes/no question the price answers.
  if (/^ (is )?(still )?(above|over|under|below|near|around|past|at|close to) (yet |already |now |rn )?$/.test(bare) && W[start] === '' && asked) return true;
  if (/^ (what|where) (is|are)\b.* at $/.test(text)) return true;
  // "is btc over 60k yet?", "has eth broken 4k": a yes/no question the price answers.
  if (/^ (is|has|did|are) +(it +)?(still +)?(above|over|under|below|past|broken|broke|crossed|hit|reached|through) /.test(text)) return true;
  // "is arb up today", "is sol green": how it stands today, which the price answers.
  if (/^ (is|are) +(up|down|green|red|pumping|dumping|mooning|bleeding)( today| rn| now| this week| at all)? $/.test(bare)) return true;
  return /^ how (is|are) +(doing )?$|^ how (is|are) /.test(text) && !/ my /.test(text);
}

/** A weak verb ("get", "put", "load up on") buys only when an amount or a coin follows it. */
function followedByGoods(a: Analysis, i: number): boolean {
  for (let j = i + 1; j < a.toks.length && j <= i + 6; j++) {
    const t = a.toks[j]!;
    if (t.coin !== undefined || (t.num !== undefined && !t.num.percent) || a.unresolved.includes(j)) return true;
  }
  return false;
}
