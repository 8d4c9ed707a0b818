import type { Intent } from '../contract.js';
import type { Analysis } from './analyze.js';
import {
  ALERT_WORDS, BUY_VERBS, CANCEL_WORDS, HELP_WORDS, NEGATIONS, OPEN_WORDS, OUT_OF_SCOPE, PORTFOLIO_WORDS, PRICE_WORDS,
  QUESTION_OPENERS, REQUEST_SUBJECTS, SELL_VERBS, SIGNAL_WORDS, STOP_LOSS_WORDS, SWAP_VERBS, TAKE_PROFIT_WORDS,
  WEAK_BUY_VERBS, WEAK_SELL_VERBS, isFiller,
} from './lexicon.js';

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
const CONCEPTS = new Set(['limit', 'market', 'stoploss', 'takeprofit', 'order', 'orders', 'alert', 'alerts', 'signal', 'signals', 'portfolio', 'pnl', 'slippage', 'spread', 'fee', 'fees', 'candle', 'timeframe']);
const MOVES = new Set(['up', 'down', 'pump', 'dump', 'moon', 'rise', 'fall', 'crash', 'drop', 'rally', 'recover', 'higher', 'lower', 'bounce', 'tank']);
const STRONG_CANCEL = new Set(['cancel', 'cancels', 'cancelled', 'canceled', 'cancelling', 'canceling']);
const HOLD_VERBS = new Set(['have', 'own', 'hold', 'got']);
const REQUEST_OPENERS = new Set(['can', 'could', 'would', 'will', 'wont']);
/** "i want 2 eth": a buy only when an amount follows at once ("i want eth to go up" is not). */
const WANT_WORDS = new Set(['want', 'need', 'wanna']);

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
  if (isHelpQuestion(W, start, coins, numbers)) return { intent: 'help', strength: 0.9 };
  if (has(OUT_OF_SCOPE) || toks.some((t) => t.num?.unit === 'x') || (W.includes('send') && !has(ALERT_WORDS))) {
    return { intent: 'unknown', strength: 0.9 };
  }
  if (isNegated(W)) return { intent: 'unknown', strength: 0.85 };

  // "can you buy…" and "can I get 2 eth" are requests; "what would buying 1 eth cost" is not an order.
  const politeRequest = ['can', 'could', 'may'].includes(first) && at(start + 1) === 'i' && numbers;
  const request = REQUEST_OPENERS.has(first) && REQUEST_SUBJECTS.has(at(start + 1));
  const question = QUESTION_OPENERS.has(first) && !request && !politeRequest;
  if (W.some((w) => STRONG_CANCEL.has(w)) || (has(CANCEL_WORDS) && (W.includes('order') || W.includes('orders') || has(STOP_LOSS_WORDS) || has(TAKE_PROFIT_WORDS)))) {
    if (has(ALERT_WORDS) && !W.includes('order') && !W.includes('orders')) return { intent: 'unknown', strength: 0.5 };
    return { intent: 'cancel_order', strength: 0.95 };
  }
  if (W.includes('trailing')) return { intent: 'unknown', strength: 0.6 };
  const buy = W.findIndex((w) => BUY_VERBS.has(w));
  const sell = W.findIndex((w) => SELL_VERBS.has(w));
  const sl = W.findIndex((w, i) => STOP_LOSS_WORDS.has(w) || (w === 'stop' && (['at', 'on', 'for'].includes(at(i + 1)) || toks[i + 1]?.num !== undefined)));
  const tp = W.findIndex((w, i) => TAKE_PROFIT_WORDS.has(w) || (w === 'target' && (at(i + 1) === 'at' || toks[i + 1]?.num !== undefined)));
  const follow = [sl, tp, W.findIndex((w) => ALERT_WORDS.has(w))].filter((i) => i >= 0);
  const trade = [buy, sell].filter((i) => i >= 0);
  if (follow.length > 0 && trade.length > 0 && !question) {
    // "buy 2 eth and set a stop loss at 2800": two commands. The trade comes first and is read
    // alone (its clause ends where the second command starts), at a confidence that asks first.
    const verb = Math.min(...trade);
    const until = Math.min(...follow);
    if (verb < until && toks.slice(verb + 1, until).some((t) => t.coin !== undefined || t.num !== undefined)) {
      const side: Side = verb === buy ? 'buy' : 'sell';
      return { intent: side === 'buy' ? 'buy_market' : 'sell_market', side, verb, until, strength: 0.5 };
    }
  }
  if (sl >= 0 || tp >= 0) {
    const both = sl >= 0 && tp >= 0;
    const intent = sl >= 0 && (tp < 0 || sl < tp) ? 'set_stop_loss' : 'set_take_profit';
    return { intent, strength: both ? 0.5 : 0.95 };
  }
  if (has(ALERT_WORDS)) return { intent: 'set_alert', strength: 0.95 };
  const signals = signalStrength(W, toks.map((t) => t.coin !== undefined), question);
  if (signals > 0) return { intent: 'get_signals', strength: signals };
  if (isListOrders(W)) return { intent: 'list_orders', strength: 0.95 };

  if ((buy >= 0 || sell >= 0) && !question) {
    if (sell >= 0 && at(sell + 1) === 'me' && (sell < buy || buy < 0)) return { intent: 'unknown', strength: 0.7 }; // "sell me on eth"
    const side: Side = buy >= 0 && (sell < 0 || buy < sell) ? 'buy' : 'sell';
    const verb = side === 'buy' ? buy : sell;
    const strength = buy >= 0 && sell >= 0 ? 0.45 : politeRequest ? 0.8 : 0.95;
    return { intent: side === 'buy' ? 'buy_market' : 'sell_market', side, verb, strength };
  }
  const swap = W.findIndex((w) => SWAP_VERBS.has(w));
  if (swap >= 0 && coins >= 2 && !question) return { intent: 'buy_market', side: 'buy', verb: swap, swap: true, strength: 0.8 };

  if (isPortfolio(W, toks.map((t) => t.coin !== undefined))) return { intent: 'check_portfolio', strength: 0.9 };
  if (isPrice(W, coins, start)) return { intent: 'get_price', strength: has(PRICE_WORDS) ? 0.95 : 0.75 };

  const weakBuy = W.findIndex(
    (w, i) => (WEAK_BUY_VERBS.has(w) && at(i - 1) !== 'my' && followedByGoods(a, i)) || (WANT_WORDS.has(w) && toks[i + 1]?.num !== undefined && followedByGoods(a, i)),
  );
  const weakSell = W.findIndex((w, i) => WEAK_SELL_VERBS.has(w) && toks.slice(i + 1).some((t) => t.coin !== undefined || t.w === 'position'));
  if ((weakBuy >= 0 || weakSell >= 0) && !question) {
    const side: Side = weakBuy >= 0 && (weakSell < 0 || weakBuy < weakSell) ? 'buy' : 'sell';
    return { intent: side === 'buy' ? 'buy_market' : 'sell_market', side, verb: side === 'buy' ? weakBuy : weakSell, strength: 0.8 };
  }
  if (has(HELP_WORDS)) return { intent: 'help', strength: 0.85 };
  if (coins === 1 && toks.every((t) => t.coin !== undefined || (t.num === undefined && isFiller(t.w) && !HOLD_VERBS.has(t.w)))) {
    return { intent: 'get_price', strength: 0.6 };
  }
  return { intent: 'unknown', strength: coins > 0 ? 0.5 : 0.7 };
}

/** "how do I buy btc?", "what can you do", "what is a limit order", "do you support sol?" */
function isHelpQuestion(W: readonly string[], start: number, coins: number, numbers: boolean): boolean {
  const w0 = W[start] ?? '';
  const w1 = W[start + 1] ?? '';
  const w2 = W[start + 2] ?? '';
  if (w0 === 'how' && ['do', 'does', 'can', 'to', 'would', 'could', 'should'].includes(w1)) return true;
  const text = ` ${W.slice(Math.max(0, start)).join(' ')} `;
  if (/^ what (can|do|does|else can) (you|u|this|the|it)( bot| thing| app)? (do|help|offer|support)\b/.test(text)) return true;
  if (/^ what (can|should|do) (i|we) (ask|say|type|write|do here)\b/.test(text)) return true;
  if (w0 === 'who' && w1 === 'are' && w2 === 'you') return true;
  if ((w0 === 'do' || w0 === 'does') && (w1 === 'you' || w1 === 'u' || w1 === 'it' || w1 === 'this') && W.some((w) => w.startsWith('support'))) return true;
  if (w0 === 'can' && w1 === 'i' && !numbers && !W.includes('get') && coins <= 1 && !W.includes('please')) return true;
  if (W.includes('explain') || W.includes('mean') || W.includes('meaning')) return W.some((w) => CONCEPTS.has(w)) && !W.includes('my');
  const definitional = w0 === 'what' && (w1 === 'is' || w1 === 'are') && (w2 === 'a' || w2 === 'an' || CONCEPTS.has(w2));
  return definitional && W.some((w) => CONCEPTS.has(w)) && !W.includes('my') && coins === 0;
}

/** A negation before the first command word: "don't buy eth", "I do not want to sell". */
function isNegated(W: readonly string[]): boolean {
  for (const w of W) {
    if (NEGATIONS.has(w)) return true;
    if (BUY_VERBS.has(w) || SELL_VERBS.has(w) || CANCEL_WORDS.has(w) || ALERT_WORDS.has(w) || STOP_LOSS_WORDS.has(w) || TAKE_PROFIT_WORDS.has(w) || WEAK_BUY_VERBS.has(w)) {
      return false;
    }
  }
  return false;
}

/** 0 when the message does not ask for a trading opinion; otherwise how clearly it does. */
function signalStrength(W: readonly string[], isCoin: readonly boolean[], question: boolean): number {
  if (W.some((w) => SIGNAL_WORDS.has(w))) return 0.95;
  const text = ` ${W.map((w, i) => (isCoin[i] ? '<coin>' : w)).join(' ')} `;
  if (/ should (i|we) (buy|sell|get|hold|enter|exit|ape|dump|grab|purchase|take|go) /.test(text)) return 0.9;
  if (/ is (<coin>|it|now) (a |an )?(good |strong |great |smart )?(buy|sell|hold)\b/.test(text)) return 0.9;
  if (/ (good|right|best|smart) (time|moment|idea) to (buy|sell|get|enter|exit) | worth buying | buy or sell | (thoughts|opinion|view|take) on | think (of|about) /.test(text)) return 0.85;
  if (/ what (should|do) (i|we) do (with|about) /.test(text)) return 0.8;
  if (question && / (will|is|are|does|do) (<coin>|it) (going to |gonna |go )?(go )?(\w+) /.test(text)) {
    const m = / (will|is|are|does|do) (<coin>|it) (going to |gonna |go )?(go )?(\w+) /.exec(text);
    if (m !== null && MOVES.has(m[5] ?? '')) return 0.6;
  }
  return 0;
}

/** "show my open orders", "what are my orders", but not "place a sell order". */
function isListOrders(W: readonly string[]): boolean {
  const plural = W.includes('orders');
  const openOrder = W.some((w, i) => w === 'order' && OPEN_WORDS.has(W[i - 1] ?? ''));
  if (!plural && !openOrder) return false;
  return !W.some((w) => w === 'place' || w === 'create' || w === 'make' || w === 'submit');
}

function isPortfolio(W: readonly string[], isCoin: readonly boolean[]): boolean {
  if (W.some((w) => PORTFOLIO_WORDS.has(w))) return true;
  if (W.includes('position') && !W.some((w) => WEAK_SELL_VERBS.has(w))) return true;
  const text = ` ${W.map((w, i) => (isCoin[i] ? '<coin>' : w)).join(' ')} `;
  if (/ how (much|many) (<coin> |money |cash |coins |crypto )?(do|did|have) (i|we) (have|own|hold|got|left)?/.test(text)) return true;
  if (/ (what|which)( coins)? do (i|we) (have|own|hold)| do (i|we) (still )?(have|own|hold) /.test(text)) return true;
  if (/ my (<coin> )?(bags?|stack|coins|crypto|worth|is worth) | my <coin> worth | (how|what) (is|are) my <coin>/.test(text)) return true;
  return / am i (up|down|in profit|in the green|in the red|winning|losing)| how am i doing /.test(text);
}

function isPrice(W: readonly string[], coins: number, start: number): boolean {
  if (W.some((w) => PRICE_WORDS.has(w) && w !== 'worth' && w !== 'trading' && w !== 'value')) return true;
  if (coins === 0) return false;
  const text = ` ${W.slice(Math.max(0, start)).join(' ')} `;
  if (/ (worth|trading|value) /.test(text) && !/ my /.test(text)) return true;
  if (/^ how (much|many) (is|are|does|do|for|would|'s|was) /.test(text)) return true;
  if (/^ (what|where) (is|are)\b.* at $/.test(text)) return true;
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
