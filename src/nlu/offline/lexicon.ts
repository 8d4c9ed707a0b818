import { COMMON_WORDS } from './english-words.js';
import { closest } from './fuzzy.js';
import { isNumberWord } from './number-tokens.js';

/** The words the rules look for, grouped by what they signal. */
const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter((w) => w !== ''));

export const BUY_VERBS = set('buy buys purchase acquire grab snag scoop accumulate cop ape yolo');
/** Buy only when an amount or a coin follows ("get me 300 matic", not "get my balance"). */
export const WEAK_BUY_VERBS = set('get gimme bag load pick put invest spend throw chuck allocate use allin bid add');
export const SELL_VERBS = set('sell sells dump offload unload liquidate cashout getridof selloff dispose exitnow');
/** Sell only with a coin or a position after them ("exit my eth position", not "exit"). */
export const WEAK_SELL_VERBS = set('exit close trim offer bank');
export const SWAP_VERBS = set('swap convert exchange trade flip switch');
/** Verbs that spend the coin after them: "use half my usdt", "spend 100 usdc on sol". */
export const SPEND_VERBS = set('use using spend put invest throw chuck allocate yolo');

export const LIMIT_WORDS = set('limit');
export const MARKET_WORDS = set('market');
export const CANCEL_WORDS = set('cancel cancels cancelled canceled cancelling canceling kill revoke remove delete scrap nuke wipe clear getridof drop pull yank undo ditch axe trash forget scratch abort void rescind retract erase zap');
// "drop", "pull", "yank" cancel only with an order after them (intent-rules: cancelsAnOrder).
/** What a cancel acts on: "kill my bids", "scrap that last limit", "remove the tp". */
export const ORDER_NOUNS = set('order orders limit limits bid bids ask asks stop stops sl tp stoploss takeprofit');
/** Plural order nouns: "my sol orders" is every one of them. */
export const PLURAL_ORDER_NOUNS = set('orders limits bids asks stops');
export const ORDER_WORDS = set('order orders');
export const OPEN_WORDS = set('open pending active outstanding working live unfilled resting');
const SHOW_WORDS = set('show list view see display check get give what any pull fetch');
const PLACE_WORDS = set('place create make submit new put set add');
export const STOP_LOSS_WORDS = set('stoploss sl');
export const TAKE_PROFIT_WORDS = set('takeprofit tp');
export const ALERT_WORDS = set('alert alerts alarm notify notification notifications remind reminder warn ping');
export const SIGNAL_WORDS = set(
  'signal signals analysis analyze analyse ta technicals technical outlook forecast prediction predict predictions ' +
    'recommendation recommend recommendations sentiment indicator indicators rsi macd bullish bearish trend setup ' +
    'overbought oversold setups trends forecasts',
);
export const PORTFOLIO_WORDS = set(
  'portfolio portfolios balance balances bal positions holdings pnl profit profits gains losses networth wallet ' +
    'account equity funds assets performance bags unrealized unrealised realized realised upnl exposure allocation',
);
export const PRICE_WORDS = set('price prices pricing cost costs quote worth value trading rate ticker chart marketcap');
export const HELP_WORDS = set('help commands command menu start usage guide tutorial instructions features manual docs documentation faq examples cmds cmd');
/** Operations the bot does not offer: answered as unknown, never as a trade. */
export const OUT_OF_SCOPE = set(
  'leverage leveraged margin futures perp perps perpetual perpetuals long longs longing short shorts shorting ' +
    'stake staking staked unstake unstaking restake lend lending loan loans borrow borrowing transfer transfers ' +
    'withdraw withdrawal withdrawals withdrawing deposit deposits depositing bridge bridging farm farming yield ' +
    'airdrop recurring copytrade liquidity nft nfts tax taxes taxed walletaddress login stock stocks shares etf etfs ' +
    'forex',
);
export const NEGATIONS = set('not never neither nor cannot dont didnt doesnt cant wont shouldnt wouldnt isnt arent havent aint');
export const QUESTION_OPENERS = set('what whats how why who where which is are was were will would should could can does do did has have am shall might may');
/** Openers that make a request rather than a question: "can you buy…", "would you sell…". */
export const REQUEST_SUBJECTS = set('you u ya yall');

export const PORTION_WORDS = set('all everything entire whole max maximum allin full');
/** Words skipped when looking back from a coin for what governs it ("with 20% of my usdt"). */
export const SOFT_WORDS = set('my the some of all a an your our entire whole available remaining total free more little bit few rest');
export const QUOTE_MARKERS = set('with using against vs versus in into for to via paying');
export const EACH_WORDS = set('each per orbetter');
export const UP_WORDS = set('above over exceeds exceed surpasses surpass tops rises rise climbs climb pumps pump moons moon higher greater up rips rip runs rallies rally reclaims reclaim spikes spike');
export const DOWN_WORDS = set('below under drops drop falls fall dips dip sinks sink crashes crash tanks tank dumps lower down beneath less loses slips slides bleeds');
export const TOUCH_WORDS = set('hits hit reaches reach touches touch crosses cross gets get is at to trades goes go comes come breaks break moves');
/** Words right after a coin that say it was one: "link price", "dot signals". */
export const COIN_NEXT = set('price prices signals signal chart orders order position positions balance holdings stoploss takeprofit alert alerts pair market trading bag bags');
export const LAST_WORDS = set('last latest recent previous newest');
export const ALL_WORDS = set('all every everything');

/** Words that carry no meaning of their own here; they do not lower confidence. */
const FILLERS = set(
  'please pls plz plez kindly hey hi hello yo bot parley ok okay so and then also just now rn right quickly quick asap ' +
    'immediately today can could would will you u ya i id im want wanna need needs to like let lets us me my mine some ' +
    'a an the of for go ahead do is are am be it its this that these those what whats how much many current currently ' +
    'at on in with from by up order place create make put set add new give show tell of there thanks thank thx ty ' +
    'your our sir mate bro fam dude guys man sure yes yeah yep cool great gonna going should shall may might have has ' +
    'had did does been being when if once then as soon possible real quick fast time moment pair market worth each ' +
    'me myself money cash coins coin tokens token crypto units unit amount size right away again really also another',
);

/** A word that adds nothing to a command ("please", "now", "the"). */
export function isFiller(w: string): boolean {
  return FILLERS.has(w);
}

const KEYWORD_SETS = [
  BUY_VERBS, WEAK_BUY_VERBS, SELL_VERBS, WEAK_SELL_VERBS, SWAP_VERBS, SPEND_VERBS, LIMIT_WORDS, MARKET_WORDS,
  CANCEL_WORDS, ORDER_WORDS, ORDER_NOUNS, PLURAL_ORDER_NOUNS, OPEN_WORDS, SHOW_WORDS, PLACE_WORDS, STOP_LOSS_WORDS, TAKE_PROFIT_WORDS, ALERT_WORDS,
  SIGNAL_WORDS, PORTFOLIO_WORDS, PRICE_WORDS, HELP_WORDS, OUT_OF_SCOPE, NEGATIONS, PORTION_WORDS, SOFT_WORDS,
  QUOTE_MARKERS, EACH_WORDS, UP_WORDS, DOWN_WORDS, TOUCH_WORDS, COIN_NEXT, LAST_WORDS, ALL_WORDS, FILLERS,
  set('dollars dollar bucks usd percent pct sats hourly daily weekly monthly minute minutes hour hours day days week ' +
    'weeks month chart timeframe candles candle tf above below stop target id number no ref dip dips held hold own ' +
    'about think opinion thoughts good time sure mean understand explain support supported does work position'),
];

const EXPLAINED: ReadonlySet<string> = new Set(KEYWORD_SETS.flatMap((s) => [...s]));

/** Every word some rule reads: the rest are "unexplained" and lower confidence. */
export function isExplained(w: string): boolean {
  return EXPLAINED.has(w) || isNumberWord(w);
}

/** Misspellings too short for fuzzy matching but common enough to know. */
const TYPOS: ReadonlyMap<string, string> = new Map([
  ['sel', 'sell'], ['sll', 'sell'], ['seel', 'sell'], ['selll', 'sell'], ['sellll', 'sell'], ['slel', 'sell'],
  ['buyy', 'buy'], ['buuy', 'buy'], ['bbuy', 'buy'], ['biy', 'buy'], ['nuy', 'buy'], ['vuy', 'buy'], ['byu', 'buy'],
  ['bux', 'buy'], ['buyyy', 'buy'], ['purchace', 'purchase'], ['cancle', 'cancel'], ['cancell', 'cancel'],
  ['prce', 'price'], ['pric', 'price'], ['prcie', 'price'], ['alret', 'alert'], ['alrt', 'alert'], ['pnl', 'pnl'],
  ['balence', 'balance'], ['ballance', 'balance'], ['portfollio', 'portfolio'], ['porfolio', 'portfolio'],
  ['protfolio', 'portfolio'], ['singals', 'signals'], ['sginals', 'signals'], ['stoplos', 'stoploss'], ['ord', 'order'],
  ['ords', 'orders'], ['cxl', 'cancel'], ['cncl', 'cancel'], ['canx', 'cancel'], ['halp', 'help'], ['hlep', 'help'],
  ['hepl', 'help'], ['wat', 'what'], ['wut', 'what'], ['wht', 'what'], ['waht', 'what'], ['hw', 'how'], ['tp1', 'tp'], ['tp2', 'tp'], ['tp3', 'tp'], ['sl1', 'sl'],
]);

/** Command words worth correcting; short ones ("buy", "sl") are only corrected through TYPOS. */
const FUZZY_KEYWORDS = [
  'purchase', 'sell', 'cancel', 'price', 'prices', 'alert', 'alerts', 'notify', 'portfolio', 'balance', 'balances',
  'orders', 'order', 'signals', 'signal', 'positions', 'holdings', 'limit', 'market', 'stoploss', 'takeprofit',
  'liquidate', 'offload', 'analysis', 'percent', 'please', 'dollars', 'bucks', 'everything', 'quarter', 'worth',
];

/** The command word a misspelt word stands for, or null. Known English words are left alone. */
export function correctKeyword(w: string): string | null {
  const typo = TYPOS.get(w);
  if (typo !== undefined) return typo;
  if (w.length < 4 || COMMON_WORDS.has(w) || isExplained(w) || !/^[a-z]+$/.test(w)) return null;
  return closest(w, FUZZY_KEYWORDS, (k) => k.replace(/s$/, ''))?.match ?? null;
}
