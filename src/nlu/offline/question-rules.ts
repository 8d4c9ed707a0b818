import { SIGNAL_WORDS } from './lexicon.js';

/**
 * What a question asks for when it is not an order: how the bot works (help) or an opinion on a
 * coin (signals). Both read the words of the message, coins and numbers blanked ("").
 */

const CONCEPTS = new Set(['limit', 'market', 'stoploss', 'takeprofit', 'sl', 'tp', 'order', 'orders', 'alert', 'alerts', 'signal', 'signals', 'portfolio', 'pnl', 'slippage', 'spread', 'fee', 'fees', 'candle', 'timeframe']);
const MOVES = new Set(['up', 'down', 'pump', 'dump', 'moon', 'rise', 'fall', 'crash', 'drop', 'rally', 'recover', 'higher', 'lower', 'bounce', 'tank']);

/** "how do I buy btc?", "what can you do", "what is a limit order", "do you support sol?" */
export function isHelpQuestion(W: readonly string[], start: number, coins: number, numbers: boolean): boolean {
  const w0 = W[start] ?? '';
  const w1 = W[start + 1] ?? '';
  const w2 = W[start + 2] ?? '';
  if (w0 === 'how' && ['do', 'does', 'can', 'to', 'would', 'could', 'should'].includes(w1)) return true;
  // "how am i supposed to use this bot"
  if (w0 === 'how' && ['am', 'are'].includes(w1) && ['supposed', 'meant'].includes(W[start + 3] ?? '')) return true;
  // "can you do stop losses?", "do you handle limit orders": what the bot can do, with no order in it.
  const text = ` ${W.slice(Math.max(0, start)).join(' ')} `;
  if (/^ (can|could|do|does) (you|u|it|this bot|the bot) (do|handle|support|offer|manage|take|place|set)( a| an)? (limit|market|stoploss|takeprofit|sl|tp|orders|alerts|alert|signals|limits|stops)\b/.test(text) && coins === 0 && !numbers) return true;
  if (/^ what (can|do|does|else can) (you|u|this|the|it)( bot| thing| app)? (do|help|offer|support)\b/.test(text)) return true;
  if (/ what (kind of |kinds of |sort of )?(stuff |things |questions |commands )?(can|should|do|am|are) (i|we) (supposed to |meant to |allowed to )?(ask|say|type|write|send|do here)\b/.test(text)) return true;
  // "what are u capable of", "what are you good for", "the list of things you understand"
  if (/ what (are|r) (you|u) (capable of|able to do|good for|good at)\b| (things|stuff|everything|commands|words|phrases) (that )?(you|u) (can )?(understand|know|do|support|accept)\b/.test(text)) return true;
  // "what is it that you are able to do for me", "what are you able to do"
  if (/ what (is it that |are )?(you|u) (are )?(able to|capable of) (do|doing)\b/.test(text)) return true;
  if ((w0 === 'who' || w0 === 'what') && w1 === 'are' && (w2 === 'you' || w2 === 'u') && W.length <= start + 3) return true;
  if ((w0 === 'do' || w0 === 'does') && (w1 === 'you' || w1 === 'u' || w1 === 'it' || w1 === 'this') && W.some((w) => w.startsWith('support'))) return true;
  if (/ (what|which) (coins|tokens|pairs|assets|cryptos?|markets|currencies) (do|can|does) (you|u|i|this bot|it) (support|trade|offer|have|list|handle)\b/.test(text)) return true;
  if (w0 === 'can' && w1 === 'i' && !numbers && !W.includes('get') && coins <= 1 && !W.includes('please')) return true;
  if (W.includes('explain') || W.includes('mean') || W.includes('meaning')) return W.some((w) => CONCEPTS.has(w)) && !W.includes('my');
  const definitional = w0 === 'what' && (w1 === 'is' || w1 === 'are') && (w2 === 'a' || w2 === 'an' || CONCEPTS.has(w2));
  return definitional && W.some((w) => CONCEPTS.has(w)) && !W.includes('my') && coins === 0;
}

const DECIDE = '(buy|sell|get|hold|hodl|enter|exit|exitnow|ape|dump|grab|purchase|take|go|takeprofit|stoploss|cut|dca|add|trim|stay|keep|bail|close|load|buying|selling)';
const SHOULD = new RegExp(` should (i|we) (still |just |now |really )?${DECIDE} `);
/** "i should sell my dot?": the statement order, asked. */
const SHOULD_ASKED = new RegExp(` (i|we) should (still |just |now |really )?${DECIDE} `);
/** "is it time to buy sol", "time to dump my bonk?" */
const TIME_TO = new RegExp(`^ (is it |is now |now )?(the )?(time|moment) to ${DECIDE} `);
/** "is inj cooked?", "is pepe done pumping", "mkr looking toppy?": a verdict on a coin, asked. */
const VERDICT = / (is|are) (<coin>|it) (done|finished|cooked|dead|toppy|bottoming|bottomed|overextended|overbought|oversold|undervalued|overvalued|ready|cheap|expensive|a buy|a sell)\b| (<coin> |it )?(looking|look|looks) (toppy|cooked|overextended|cheap|expensive|ready|dead|juicy|primed|weak|strong|good|bad|bullish|bearish)\b/;
/** "buy, sell or hold?", "moon or doom for doge", "bull or bear?" */
const EITHER = / (buy|sell|hold|exit|exitnow|stay|keep|hodl|dump)( in| out| on| into)?( my)?( <coin>)? ((buy|sell|hold) )?or (buy|sell|hold|exit|exitnow|stay|keep|hodl|dump|get out|bail|fold) | (moon|pump|up|bull|bullish) or (doom|dump|down|crash|bust|bear|bearish|rekt) /;
/** "is it too late to buy pepe", "would it be smart to sell 1 btc" */
const JUDGED = / (too late|too early|late|early|smart|wise|good idea|bad idea|dumb|stupid|crazy|safe|risky|worth it) to (buy|sell|get|hold|enter|exit|ape) /;
/** "would you buy ada here": asks what the bot would do, not for an order ("would you buy 2 eth for me"). */
const WOULD_YOU = / would (you|u) (buy|sell|get|hold|grab|add|touch|load up on|load up|ape into|ape|enter) (<coin> )?(here|now|rn|today|right now|at this|at these|at current)\b/;

/** 0 when the message does not ask for a trading opinion; otherwise how clearly it does. */
export function signalStrength(W: readonly string[], isCoin: readonly boolean[], question: boolean): number {
  if (W.some((w) => SIGNAL_WORDS.has(w))) return 0.95;
  const text = ` ${W.map((w, i) => (isCoin[i] ? '<coin>' : w)).join(' ')} `;
  if (SHOULD.test(text)) return 0.9;
  // "is ton a good long term hold" ("long term" is read as "horizon")
  if (/ is (<coin>|it|now) (a |an )?(good |strong |great |smart |solid |decent )?(horizon )?(buy|sell|hold)\b/.test(text)) return 0.9;
  // "what's the 15 min chart saying on aave", "what do the charts say about dot"
  if (/ charts? (say|says|saying|tell|tells|telling|show|shows|showing|suggest|suggests|suggesting|think|thinks|signal|signaling|signalling) /.test(text)) return 0.9;
  // "is sei worth a punt", "worth it?", "lohnt sich ein einstieg" ("worth it a entry")
  if (/ worth (it|a (punt|shot|look|gamble|bet|try|flutter|position|buy)|an entry|entering|getting into|a small bag) /.test(text)) return 0.85;
  if (/ (good|right|best|smart|the|bad|wrong|great|perfect|terrible) (time|moment|idea) to (buy|sell|get|enter|exit|ape) | worth (buying|buy|getting|get|selling|adding|aping|it to) | (thoughts|opinion|view|take) on | think (of|about) /.test(text)) return 0.85;
  // "best coin to buy rn", "which alt to get", "good entry for xlm?"
  if (/ (best|top|which|what) (coin|coins|token|tokens|alt|alts|crypto|cryptos) (to|should i) (buy|get|hold|sell|ape) /.test(text)) return 0.85;
  if (question && / (good|great|decent|nice|solid|bad) (entry|buy|dip to buy|spot|level) (for|on|here|now|rn|at)\b/.test(text)) return 0.8;
  if (question && (SHOULD_ASKED.test(text) || VERDICT.test(text))) return 0.8;
  // "eth looking good?" asks; "btc looks weak, sell half" has decided.
  if (/ <coin> (looking|look|looks) (good|bad|strong|weak|bullish|bearish|ready|heavy|healthy) /.test(text) && !/ (buy|sell|dump|grab|purchase) /.test(text)) return 0.7;
  if (EITHER.test(text) && !/ (am|are) (i|we) /.test(text)) return 0.85;
  // "any good buys today?", "best plays this week", "top picks"
  if (/ (any|some|got any|best|top|good) (good |great |solid |decent |cheap )?(buys|picks|plays|entries|opportunities|trades to make) /.test(text)) return 0.8;
  // "what's the play on avax", "what's the move with sol"
  if (/ (what is|whats) (the|your) (play|move|call|read|setup|outlook|vibe|verdict) (on|for|with|here) /.test(text)) return 0.8;
  if (question && JUDGED.test(text)) return 0.85;
  // "too late for wif?", "time to dump my bonk?", "is it time to buy sol"
  if (question && (/ (too late|too early|late|early) (for|on|to get in|to get into|to ape) /.test(text) || TIME_TO.test(text))) return 0.8;
  if (WOULD_YOU.test(text)) return 0.75;
  if (/ what (should|do) (i|we) do (with|about) /.test(text)) return 0.8;
  // "tell me what to buy", "what should i buy today"
  if (/ what (to|should i|should we|do i|would you) (buy|sell|get|ape|grab|hold) /.test(text)) return 0.8;
  if (question && / (will|is|are|does|do) (<coin>|it) (going to |gonna |go )?(go )?(\w+) /.test(text)) {
    const m = / (will|is|are|does|do) (<coin>|it) (going to |gonna |go )?(go )?(\w+) /.exec(text);
    // "is eth up today" asks how it stands (the price answers); "is eth going up" asks what comes.
    const present = (m?.[1] === 'is' || m?.[1] === 'are') && m?.[3] === undefined;
    if (m !== null && MOVES.has(m[5] ?? '') && !present) return 0.6;
  }
  return 0;
}
