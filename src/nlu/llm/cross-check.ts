import { NUMBER_FIELDS, type AssetCatalog, type Intent, type ParsedCommand, type ParseResult } from '../contract.js';
import { writtenNumbers } from '../offline/written-numbers.js';

/** Intents whose reading moves money or orders; a misreading here costs more than a wrong answer. */
const MONEY_MOVING: ReadonlySet<Intent> = new Set(['buy_market', 'sell_market', 'buy_limit', 'sell_limit', 'set_stop_loss', 'set_take_profit', 'cancel_order']);
const MONEY_KEYS = ['symbol', 'amount', 'quote_amount', 'percentage', 'price', 'order_id'] as const;

/** The offline parser scores "an operation the bot does not offer" (leverage, withdrawals) 0.9. */
const SURE_NOT_OFFERED = 0.9;
/** The offline parser's band for "plausible, but the bot should confirm before acting". */
const DISAGREEMENT_CAP = 0.5;

/** The message both parsers read. */
export interface ReadMessage {
  text: string;
  catalog: AssetCatalog;
}

/**
 * When the LLM reads a money-moving command, the offline parser's reading of the same message is
 * a second opinion that costs nothing. The safer answer wins:
 *  - offline is sure the message asks for an operation the bot does not offer ("withdraw 1 btc
 *    to ..."), the LLM made a trade of it: the offline "unknown" is returned — a trade the user
 *    did not ask for is never safer than "I can't do that";
 *  - a number is read exactly as written or not at all (offline/numbers.ts). The message holds a
 *    number that cannot become an order as written (offline `numberProblem`: "-1", "1,5", "1²"),
 *    or the LLM put a number in amount, quote_amount, percentage or price that the offline number
 *    reader does not find written in the message ("0,001" turned into 1, a sum it computed, a
 *    time read as a price): the LLM's reading is not used for money, and the offline reading is
 *    returned as it is. Its numbers are exactly the message's, or it carries the numberProblem
 *    (then its confidence is already below 0.4, so the bot reads back instead of previewing).
 *    Capping the LLM's confidence instead would still show the user a number they never wrote;
 *  - they disagree on what the money does (side, coin, amount, price, order): the LLM's reading
 *    stands (it is the better reader) but its confidence is capped into the "confirm before
 *    acting" band. Every trade is previewed and confirmed by the user in any case.
 * A non-trade LLM answer (including "unknown") is already the safe side and is returned as is.
 */
export function preferSaferReading(llm: ParseResult, offline: ParseResult, message: ReadMessage): ParseResult {
  if (!MONEY_MOVING.has(llm.command.intent)) return llm;
  if (offline.command.intent === 'unknown' && offline.confidence >= SURE_NOT_OFFERED) return offline;
  if (offline.numberProblem !== undefined || !numbersWritten(llm.command, message)) return offline;
  if (agreeOnMoney(llm.command, offline.command)) return llm;
  return { ...llm, confidence: Math.min(llm.confidence, DISAGREEMENT_CAP) };
}

/** Every number of the command is one the message states. */
function numbersWritten(command: ParsedCommand, message: ReadMessage): boolean {
  const numbers = NUMBER_FIELDS.map((f) => command[f]).filter((v): v is number => v != null);
  if (numbers.length === 0) return true;
  const written = writtenNumbers(message.text, message.catalog);
  return numbers.every((v) => written.holds(v));
}

function agreeOnMoney(a: ParsedCommand, b: ParsedCommand): boolean {
  if (a.intent !== b.intent) return false;
  return MONEY_KEYS.every((key) => same(a[key], b[key]));
}

function same(x: unknown, y: unknown): boolean {
  const a = x ?? undefined;
  const b = y ?? undefined;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  return a === b;
}
