import type { Topic } from '../contract.js';
import type { Tok } from './tokens.js';

/**
 * What the bot can still answer when a message orders nothing it offers (the command stays
 * `unknown`): small talk and near misses. A topic is named only when the message is about little
 * else ("hey bot", "thanks a lot!", "how's the market today?"); a greeting before a question the
 * parser cannot read ("hi, can I stake here?") names none. Pure emoji name none.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.split(' '));

/** Words that leave a message what it is: "hey bot", "thanks so much guys", "ok thx", "market overview pls". */
const SOFT = set(
  'bot parley there all everyone everybody guys folks fam mate mates bro frens friends fren so much a lot very again ok okay ' +
    'well oh man dude sir buddy pal you u ya lol haha please pls plz just today now rn right the my me for of and ' +
    'anon team too lots tons really crypto currently quick quickly',
);

interface TopicRule {
  topic: Topic;
  /** The topic's words, in a message with each word between spaces (numbers as "#", coins as "<coin>"). */
  pattern: RegExp;
  /** Other words allowed besides the topic's and the soft ones. */
  extra: number;
}

// Order matters: "thanks, how's the market?" asks about the market; "hi, thanks" thanks.
const RULES: readonly TopicRule[] = [
  { topic: 'undo', pattern: / undo( (that|it|this|the last( one| order| trade)?|my last( order| trade)?))? | take (that|it) back | revert (that|it|the last( one| order| trade)?) /g, extra: 0 },
  // "show my alerts": the contract has no intent for it (unknown), the bot still lists them.
  { topic: 'alert_list', pattern: / (show |see |view |list |check |get )?(me )?(all )?(my |the )?(price )?alerts /g, extra: 1 },
  {
    topic: 'trade_history',
    pattern: / (show |see |view |list |get |check )?(my |the )?(trade|trading|order|transaction|fill) (history|log|logs|record|records) | (show |see |view |list |get |check )?my (past |previous |recent |old |closed |filled |executed |last )?(trades|fills|transactions) | (past|previous|recent|closed|filled|executed|old) (trades|orders|fills) | trade log /g,
    extra: 1,
  },
  {
    topic: 'market_summary',
    pattern: / (what is|whats|what are) (the )?(crypto )?markets? doing | how is (the )?(crypto )?markets?( doing| looking)? | how are (the )?(crypto )?markets?( doing| looking)? | markets? (overview|summary|update|recap|snapshot|report|today|now) | (what is|whats) (moving|pumping|dumping|hot|trending) | (top )?(movers|gainers|losers) /g,
    extra: 2,
  },
  { topic: 'thanks', pattern: / (thanks|thank you|thank u|thankyou|thx|thnx|thanx|tnx|ty|tysm|tyvm|cheers|much appreciated|appreciate it|appreciated) /g, extra: 1 },
  { topic: 'greeting', pattern: / (hi|hey|heya|hiya|hello|helo|hallo|howdy|yo|sup|gm|greetings|hola|good (morning|afternoon|evening|day)|morning|evening|what is up|whats up|wassup) /g, extra: 1 },
];

/** The topic of a message that is small talk or a near miss, if it is about little else. */
export function smallTalkTopic(toks: readonly Tok[]): Topic | undefined {
  if (toks.length === 0 || toks.length > 12) return undefined;
  const text = ` ${toks.map((t) => (t.num !== undefined ? '#' : t.coin !== undefined ? '<coin>' : t.w)).join(' ')} `;
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    if (!rule.pattern.test(text)) continue;
    rule.pattern.lastIndex = 0;
    // Matches share their spaces: each is replaced by one space so the next can still match.
    const rest = text.replace(rule.pattern, '  ').replace(rule.pattern, '  ').split(' ').filter((w) => w !== '' && !SOFT.has(w));
    if (rest.length <= rule.extra && !rest.includes('#') && !rest.includes('<coin>')) return rule.topic;
  }
  return undefined;
}

/** The rest of such a message: the verb and the small words around it. */
const ALLOWED = set(
  'sell dump liquidate cashout offload unload getridof selloff dispose exit close please pls plz now rn right away just ' +
    'my of the out off everything all ok okay go ahead and asap immediately',
);
const EVERY = set('all everything');
/** What "all" may be of, when it is every holding: "all my coins", "liquidate it all". */
const HOLDINGS = set('coins coin crypto cryptos holdings positions position bags bag portfolio assets tokens it stuff everything');

/** "sell everything", "sell all my coins", "liquidate it all": every holding, not one coin. */
export function sellsEverything(toks: readonly Tok[]): boolean {
  if (toks.some((t) => t.coin !== undefined || t.num !== undefined)) return false;
  const words = toks.map((t) => t.w);
  const all = words.findIndex((w) => EVERY.has(w));
  if (all < 0) return false;
  // "sell all", "sell everything", "sell it all", "sell all my coins", "sell all of my crypto".
  return words.every((w, i) => i === all || !/^[a-z]+$/.test(w) || HOLDINGS.has(w) || ALLOWED.has(w));
}
