import { canonicalCommand, type AssetCatalog, type CommandParser, type Intent, type NumberProblem, type ParsedCommand, type ParseResult } from '../contract.js';
import { analyze, type Analysis } from './analyze.js';
import { decideIntent, type IntentDecision } from './intent-rules.js';
import { CANCEL_WORDS, isExplained, isFiller } from './lexicon.js';
import { problemOf } from './number-flaws.js';
import { readCancel, readLevel, readTimeframe } from './other-entities.js';
import { orientSwap, readSymbol, type SymbolReading } from './symbol.js';
import { sellsEverything, smallTalkTopic } from './topics.js';
import { readTrade } from './trade-entities.js';

/**
 * Confidence, 0..1: how sure the parser is that the command is what the user meant.
 *   0.9–1    every word accounted for by an exact, structured reading ("buy 0.5 btc at 55k");
 *   0.7–0.9  clear, with small doubts: a corrected typo, slang or a weak verb, a few stray words;
 *   0.4–0.7  a plausible reading with a real ambiguity (two coins, "sell 2 eth for 7000", "half
 *            eth", an unknown coin, a missing coin): the bot should confirm before acting;
 *   < 0.4    a guess (input cut short, a bare "buy"): the bot should ask instead.
 * For `unknown` it says how sure the parser is that the message is not a command it offers
 * (0.9 for leverage or withdrawals, 0.7 for small talk, 0.5 when a coin was named).
 * The score starts from how clearly the intent was worded and is multiplied down per doubt: typos,
 * unexplained words and numbers, a word-like ticker read from its place, words of another language,
 * a figure of speech read as a command word, a verb standing as a noun, a question about the past.
 * At 0.9 and above a reading should be right 99 times in 100 (test/nlu/calibration.ts measures it).
 */
const PER_TYPO = 0.85;
const PER_STRAY_WORD = 0.9;
const STRAY_WORDS_FLOOR = 0.55;
// A number no rule explains in a trade or a stop may have been meant as its size or price: ask.
const PER_STRAY_NUMBER = 0.5;
/** A number no rule explains in a question ("price target for my apt is 12"): the question may be another one. */
const PER_STRAY_NUMBER_ASIDE = 0.75;
/** A figure of speech read as a command word ("cap my downside", "pull the ripcord"). */
const PER_FIGURE = 0.94;
/** A word-like ticker in a place only a coin fits ("alert on link"), vouched for by no number or capitals. */
const PLACED_COIN = 0.95;
/** A question about the past ("what did i make last week", "price of btc yesterday"): the bot answers the present. */
const ABOUT_THE_PAST = 0.8;
const PAST_WORDS = new Set(['yesterday', 'ago', 'earlier', 'previously', 'lastweek', 'lastmonth']);
const PERIODS = new Set(['week', 'month', 'year', 'night', 'time', 'weekend', 'summer', 'winter', 'cycle']);
/** The trade verb stands as a noun ("pull the ada sell", "my open buys"): it may name an order, not give one. */
const VERB_AS_NOUN = 0.8;
const PER_ISSUE = 0.7;
/** A word-like ticker read from its place alone, with no number or capitals to vouch for it. */
const WORDY_COIN = 0.85;
/** Words of another language read as English: the translation is a word-for-word guess, so the bot reads it back. */
const FOREIGN = 0.9;
/** An order that ends in a question mark: the bot reads it back rather than previewing at once. */
const ASKED_ORDER = 0.9;
const ACTS = new Set<Intent>(['buy_market', 'sell_market', 'buy_limit', 'sell_limit', 'set_stop_loss', 'set_take_profit', 'cancel_order']);

const SYMBOL = /^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/;
/** Text that tries to instruct the parser: whatever it reads, the bot asks first. */
const SUSPICIOUS_CAP = 0.3;
/** "2 500 doge": 2500 by the convention, or 2 and 500? Read back (below 0.4), never previewed at once. */
const PER_GROUPING_DOUBT = 0.4;
/** A number that cannot become an order as written: the bot reads the message back and asks, never previews. */
const NUMBER_PROBLEM_CAP = 0.35;
/** Chains people bridge to: "swap my eth to arbitrum" moves it there, it does not buy ARB. */
const CHAINS = new Set(['arbitrum', 'optimism', 'polygon', 'base', 'avalanche', 'solana', 'starknet', 'tron', 'zksync', 'linea', 'scroll', 'blast', 'mantle']);
const BRIDGED = new Set(['ETH', 'USDT', 'USDC', 'DAI', 'WBTC', 'BTC']);
/** Words that stand for a thing already talked about: "sell it" names no coin the bot can see. */
const OBJECTS = new Set(['it', 'that', 'this', 'them', 'those', 'these', 'time', 'one']);
const WITH_SYMBOL = new Set<Intent>(['buy_market', 'sell_market', 'buy_limit', 'sell_limit', 'set_stop_loss', 'set_take_profit', 'set_alert', 'get_price', 'get_signals']);

/** Parses one chat message without network access. Never throws. */
export function parseOffline(text: string, catalog: AssetCatalog): ParseResult {
  try {
    return parse(text, catalog);
  } catch {
    // A parser bug must not take the bot down: "not understood" is always a safe answer.
    return { command: { intent: 'unknown' }, confidence: 0, parser: 'offline' };
  }
}

export class OfflineParser implements CommandParser {
  parse(text: string, context: { catalog: AssetCatalog }): Promise<ParseResult> {
    return Promise.resolve(parseOffline(text, context.catalog));
  }
}

interface Reading {
  command: ParsedCommand;
  issues: number;
  used: Set<number>;
  sym?: SymbolReading;
  problem?: NumberProblem;
}

function parse(text: string, catalog: AssetCatalog): ParseResult {
  const whole = analyze(text, catalog);
  const decision = decideIntent(whole);
  const a = decision.until === undefined ? whole : clause(whole, decision.until);
  let reading = readEntities(a, decision);
  let strength = decision.strength;

  const intent = reading.command.intent;
  const isTrade = intent === 'buy_market' || intent === 'sell_market' || intent === 'buy_limit' || intent === 'sell_limit';
  const unresolved = reading.command.symbol == null ? reading.sym?.unresolved : undefined;
  const stray = strayWords(a, reading.used, unresolved !== undefined);
  const sizedAtAll = sized(reading.command) || reading.problem !== undefined;
  if (isTrade && reading.command.symbol == null && unresolved === undefined && !sizedAtAll) {
    // "buy the dip", "sell it", "buy time": a trade verb with nothing to trade. A bare "buy now"
    // stays a (very unsure) buy so the bot can ask what to buy.
    const object = a.toks.some((t, i) => i > (decision.verb ?? 0) && t.num === undefined && (!isFiller(t.w) || OBJECTS.has(t.w)));
    if (stray > 0 || object) reading = { command: { intent: 'unknown' }, issues: 0, used: new Set() };
    strength = stray > 0 || object ? 0.6 : Math.min(strength, 0.3);
  } else if (isTrade && reading.command.symbol == null && unresolved !== undefined && !sizedAtAll) {
    // "sell my soul", "buy a ticket": with no amount, an unknown word after the verb is a thing, not a coin.
    // "buy 5 kaspa" keeps the trade: the bot names the coin it does not know.
    return { command: { intent: 'unknown' }, confidence: 0.6, parser: 'offline', unresolvedCoin: unresolved };
  }
  // "let me know when you're ready": an alert on nothing, no coin and no level, is no alert.
  if (intent === 'set_alert' && reading.command.symbol == null && reading.command.price == null && unresolved === undefined && reading.problem === undefined) {
    return { command: { intent: 'unknown' }, confidence: 0.5, parser: 'offline' };
  }
  const canonical = canonicalCommand(reading.command);
  const command = sanitize(canonical);
  const dropped = Object.keys(canonical).length - Object.keys(command).length;
  if (command.intent === 'unknown') {
    const topic = smallTalkTopic(whole.toks);
    return { command, confidence: round(strength), parser: 'offline', ...(topic === undefined ? {} : { topic }) };
  }

  let confidence = strength * PER_TYPO ** (a.fixes + a.prepared.repairs);
  confidence *= Math.max(STRAY_WORDS_FLOOR, PER_STRAY_WORD ** stray);
  const sizes = isTrade || intent.startsWith('set_');
  confidence *= (sizes ? PER_STRAY_NUMBER : PER_STRAY_NUMBER_ASIDE) ** strayNumbers(a, reading.used, intent !== 'help', !sizes);
  confidence *= PER_FIGURE ** a.prepared.figures;
  if (isTrade && decision.verb !== undefined && nounBefore(a, decision.verb)) confidence *= VERB_AS_NOUN;
  if (!sizes && aboutThePast(a)) confidence *= ABOUT_THE_PAST;
  confidence *= PER_ISSUE ** reading.issues;
  confidence *= 0.5 ** dropped; // "buy 0 eth", "sell 150%": a value was there but unusable
  if (command.intent === 'cancel_order' && command.order_id == null && command.symbol == null) confidence *= 0.7;
  if (reading.sym?.conflict === true) confidence *= 0.5;
  // "buy near", "price of gas": the coin is a word only its place calls a coin; the bot reads it back.
  const base = reading.sym?.baseIndex === undefined || command.symbol == null ? undefined : a.toks[reading.sym.baseIndex];
  if (base?.coin?.wordy === true) confidence *= WORDY_COIN;
  else if (base?.coin?.placed === true) confidence *= PLACED_COIN;
  // "je devrais vendre mes dot ?", "sell eth?": an order asked as a question may be a request for advice.
  if (ACTS.has(command.intent) && a.prepared.text.includes('?')) confidence *= ASKED_ORDER;
  if (a.toks.some((t, i) => t.num?.grouping === true && reading.used.has(i))) confidence *= PER_GROUPING_DOUBT;
  if (a.prepared.foreign) confidence *= FOREIGN;
  if (a.prepared.suspicious) confidence = Math.min(confidence, SUSPICIOUS_CAP);
  const result: ParseResult = { command, confidence: 0, parser: 'offline' };
  if (reading.problem !== undefined) {
    result.numberProblem = reading.problem;
    confidence = Math.min(confidence, NUMBER_PROBLEM_CAP);
  }
  if (WITH_SYMBOL.has(command.intent) && command.symbol == null) {
    confidence *= unresolved !== undefined ? 0.6 : 0.75;
    if (unresolved !== undefined) result.unresolvedCoin = unresolved;
  }
  if (a.prepared.truncated) confidence = Math.min(confidence, 0.3);
  result.confidence = round(confidence);
  if (command.intent === 'sell_market' && command.symbol == null && command.percentage === 100 && unresolved === undefined && sellsEverything(a.toks)) {
    result.allHoldings = true;
  }
  return result;
}

function readEntities(a: Analysis, d: IntentDecision): Reading {
  const base: Reading = { command: { intent: d.intent }, issues: 0, used: new Set() };
  switch (d.intent) {
    case 'buy_market':
    case 'sell_market': {
      if (d.swap === true) return readSwap(a, d);
      const sym = readSymbol(a);
      const t = readTrade(a, sym, d.side ?? 'buy', d.verb ?? 0);
      const side = d.side ?? 'buy';
      const intent: Intent = t.limit ? (side === 'buy' ? 'buy_limit' : 'sell_limit') : side === 'buy' ? 'buy_market' : 'sell_market';
      const { amount, quote_amount, percentage, price } = t;
      return { command: { intent, symbol: sym.symbol, amount, quote_amount, percentage, price }, issues: t.issues, used: t.used, sym, ...problem(t.problem) };
    }
    case 'set_stop_loss':
    case 'set_take_profit':
    case 'set_alert': {
      const sym = readSymbol(a);
      const l = readLevel(a, sym, d.intent === 'set_alert' ? 'alert' : d.intent === 'set_stop_loss' ? 'stop_loss' : 'take_profit');
      const { price, percentage, direction } = l;
      return { command: { intent: d.intent, symbol: sym.symbol, price, percentage, direction }, issues: l.issues, used: l.used, sym, ...problem(l.problem) };
    }
    case 'cancel_order': {
      const sym = readSymbol(a);
      const c = readCancel(a);
      // "eth is up 5% today, cancel order 123": only a coin after "cancel", in its sentence, narrows the cancel.
      const verb = a.toks.findIndex((t) => t.num === undefined && CANCEL_WORDS.has(t.w));
      const base = sym.baseIndex === undefined ? undefined : a.toks[sym.baseIndex];
      const governed = base !== undefined && verb >= 0 && sym.baseIndex! > verb && base.sentence === a.toks[verb]!.sentence;
      const symbol = governed || verb < 0 ? sym.symbol : undefined;
      return { command: { intent: d.intent, symbol, order_id: c.order_id }, issues: c.issues, used: c.used, sym };
    }
    case 'get_signals': {
      const sym = readSymbol(a);
      const tf = readTimeframe(a);
      return { command: { intent: d.intent, symbol: sym.symbol, timeframe: tf.timeframe }, issues: tf.issues, used: tf.used, sym };
    }
    case 'list_orders':
    case 'get_price': {
      const sym = readSymbol(a);
      return { command: { intent: d.intent, symbol: sym.symbol }, issues: 0, used: new Set(), sym };
    }
    default:
      return base;
  }
}

/** "swap 1 eth for btc", "convert 100 usdt to sol": a trade on the listed pair of the two coins. */
function readSwap(a: Analysis, d: IntentDecision): Reading {
  const coins = a.toks.map((t, i) => (t.coin !== undefined && i > (d.verb ?? -1) ? i : -1)).filter((i) => i >= 0);
  const from = coins[0];
  const to = coins.find((i) => i !== from && ['to', 'for', 'into'].includes(a.toks[i - 1]?.w ?? '')) ?? coins[1];
  if (from === undefined || to === undefined) return { command: { intent: 'unknown' }, issues: 0, used: new Set() };
  const target = a.toks[to]!;
  if (target.coin!.via === 'name' && CHAINS.has(target.w) && BRIDGED.has(a.toks[from]!.coin!.ticker)) {
    return { command: { intent: 'unknown' }, issues: 0, used: new Set() };
  }
  const o = orientSwap(a.toks[from]!.coin!.ticker, a.toks[to]!.coin!.ticker);
  const command: ParsedCommand = { intent: o.side === 'buy' ? 'buy_market' : 'sell_market', symbol: `${o.base}/${o.quote}` };
  const used = new Set<number>();
  const n = a.toks[from - 1]?.num;
  let flawed: NumberProblem | undefined;
  // "swap 2mo eth": a number with a time unit is no quantity ("2m" is two million).
  if (n !== undefined && !n.fraction && n.label !== true && (n.unit === '' || n.unit === 'm')) {
    used.add(from - 1);
    const field = n.percent ? 'percentage' : o.side === 'sell' ? 'amount' : 'quote_amount';
    flawed = problemOf(n, field, a.toks[from - 1]!.w);
    if (flawed === undefined) command[field] = n.value;
  }
  return { command, issues: o.base === o.quote ? 1 : 0, used, ...problem(flawed) };
}

function problem(p: NumberProblem | undefined): { problem?: NumberProblem } {
  return p === undefined ? {} : { problem: p };
}

/** The tokens before `end`: the first of two commands, read on its own. */
function clause(a: Analysis, end: number): Analysis {
  return { ...a, toks: a.toks.slice(0, end), unresolved: a.unresolved.filter((i) => i < end) };
}

function sized(c: ParsedCommand): boolean {
  return c.amount != null || c.quote_amount != null || c.percentage != null;
}

/** Words no rule explains ("buy 2 eth for my grandma's birthday" has three). */
function strayWords(a: Analysis, used: ReadonlySet<number>, coinReported: boolean): number {
  let n = 0;
  a.toks.forEach((t, i) => {
    const reported = coinReported && i === a.unresolved[0];
    if (t.num === undefined && t.coin === undefined && !used.has(i) && !reported && !isExplained(t.w)) n++;
  });
  return n;
}

/** Numbers the reading did not use, where numbers matter: a stray number in a trade is a red flag. */
function strayNumbers(a: Analysis, used: ReadonlySet<number>, matters: boolean, pronounOne: boolean): number {
  if (!matters) return 0;
  let n = 0;
  a.toks.forEach((t, i) => {
    // "cancel the last one": outside a trade, "one" is most often a pronoun.
    if (pronounOne && t.w === 'one') return;
    if (t.num !== undefined && !used.has(i) && a.toks[i + 1]?.coin === undefined) n++;
  });
  return n;
}

/** "yesterday", "2 days ago", "last week": a time before now. */
function aboutThePast(a: Analysis): boolean {
  return a.toks.some((t, i) => t.num === undefined && (PAST_WORDS.has(t.w) || (t.w === 'last' && PERIODS.has(a.toks[i + 1]?.w ?? ''))));
}

/**
 * "the ada sell", "my btc buy": a definite determiner before the verb (a coin may stand between)
 * names an order that exists. "place a sell order" asks for a new one.
 */
function nounBefore(a: Analysis, verb: number): boolean {
  const before = a.toks[verb - 1]?.coin !== undefined ? verb - 2 : verb - 1;
  const t = a.toks[before];
  return t !== undefined && t.num === undefined && ['the', 'my', 'that', 'this', 'your', 'our'].includes(t.w);
}

/** Guarantees the contract's ranges, whatever a rule produced. */
function sanitize(c: ParsedCommand): ParsedCommand {
  const out: ParsedCommand = { ...c };
  for (const key of ['amount', 'quote_amount', 'price'] as const) {
    const v = out[key];
    if (v != null && !(Number.isFinite(v) && v > 0)) delete out[key];
  }
  if (out.percentage != null && !(out.percentage > 0 && out.percentage <= 100)) delete out.percentage;
  if (out.symbol != null && !SYMBOL.test(out.symbol)) delete out.symbol;
  if (out.order_id != null && (out.order_id.length === 0 || out.order_id.length > 64)) delete out.order_id;
  return out;
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(Math.min(1, Math.max(0, x)) * 100) / 100 : 0;
}
