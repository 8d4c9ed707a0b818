import type { Intent, ParsedCommand, ParseResult } from '../nlu/contract.js';

/**
 * What a chat talked about last, so the next message can point at it: "buy more", "same again",
 * "sell it", "cancel that", "make it 0.2", "what about eth?". Kept per chat, for a while only.
 */
export interface ChatMemory {
  /** The coin last named (BASE/QUOTE). */
  symbol?: string;
  /** The last order asked for (a trade, a stop-loss or a take-profit), as parsed. */
  order?: ParsedCommand;
  /** The last question that names a coin (price, signals, orders), for "what about eth?". */
  asked?: Intent;
  /** When it was last written (ms since the epoch). */
  at: number;
}

/** Where chat memories are kept (the database, in the app): the assistant owns the port. */
export interface ChatMemoryStore {
  read(chat: string): Promise<ChatMemory | undefined>;
  write(chat: string, memory: ChatMemory): Promise<void>;
}

/** How long "it" still means the last thing talked about. */
export const CHAT_MEMORY_TTL_MS = 15 * 60 * 1000;
/** A reference is read back through the preview like any order, with its confirmation; never above the gate of an exact reading. */
export const FOLLOW_UP_CONFIDENCE = 0.8;

const ORDERS = new Set<Intent>(['buy_market', 'sell_market', 'buy_limit', 'sell_limit', 'set_stop_loss', 'set_take_profit']);
const QUESTIONS = new Set<Intent>(['get_price', 'get_signals', 'list_orders']);
const SIZE_KEYS = ['amount', 'quote_amount', 'percentage'] as const;

const PLEASE = String.raw`(?:\s+(?:please|pls|plz|now|too|then))*`;
const MORE = new RegExp(String.raw`^(?:buy|get|grab|add)\s+(?:some\s+|a\s+bit\s+|a\s+little\s+)?more(?:\s+of\s+(?:it|that|them|those))?${PLEASE}$`);
const AGAIN = new RegExp(String.raw`^(?:same(?:\s+(?:again|thing|order))*|again|repeat(?:\s+(?:that|it|the\s+last\s+(?:one|order)))?|do\s+(?:it|that)\s+again|one\s+more\s+time)${PLEASE}$`);
const SELL_IT = new RegExp(String.raw`^(?:sell|dump|offload)\s+(?:it|them|that|those)(\s+all|\s+too)?${PLEASE}$`);
const SELL_IT_ALL = new RegExp(String.raw`^(?:sell|dump|offload)\s+(?:it|them|that|those)\s+all${PLEASE}$|^(?:sell|dump)\s+all\s+of\s+(?:it|them)${PLEASE}$`);
const CANCEL_THAT = new RegExp(String.raw`^(?:cancel|kill|scrap|undo|drop)\s+(?:that|it|this)(?:\s+(?:one|order))?${PLEASE}$`);
const MAKE_IT = new RegExp(String.raw`^(?:(?:make|change)\s+(?:it|that)(?:\s+to)?|actually|no\s*,?\s*(?:make\s+it)?)\s+(\$?)(\d+(?:\.\d+)?|\.\d+)\s*(k)?\s*(%|percent|dollars|bucks|usdt?)?${PLEASE}$`);
const WHAT_ABOUT = /^(?:(?:what|how)\s+about|and|now|same\s+for|and\s+for)\s+(.{1,40}?)\s*$/;

function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/[?!.…]+\s*$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function sizeOf(c: ParsedCommand): Partial<ParsedCommand> {
  const out: Partial<ParsedCommand> = {};
  for (const k of SIZE_KEYS) if (c[k] != null) out[k] = c[k];
  return out;
}

function withoutSize(c: ParsedCommand): ParsedCommand {
  const out: ParsedCommand = { ...c };
  for (const k of SIZE_KEYS) delete out[k];
  return out;
}

function resolved(command: ParsedCommand): ParseResult {
  return { command, confidence: FOLLOW_UP_CONFIDENCE, parser: 'offline' };
}

/**
 * The message read against the chat's memory, when it points at what was said before; null when
 * it does not (or the memory is gone or stale), so the parser's own reading stands.
 * `coinIn` names the coin in a few words ("eth" → "ETH/USDT").
 */
export function readFollowUp(text: string, memory: ChatMemory | undefined, now: number, coinIn: (words: string) => string | null, ttlMs = CHAT_MEMORY_TTL_MS): ParseResult | null {
  if (memory === undefined || now - memory.at > ttlMs || now < memory.at - ttlMs) return null;
  const t = plain(text);
  if (t.length === 0 || t.length > 60) return null;
  const order = memory.order;
  const symbol = memory.symbol ?? order?.symbol ?? undefined;

  if (MORE.test(t) && symbol !== undefined) {
    const size = order !== undefined && order.intent.startsWith('buy') && order.symbol === symbol ? sizeOf(order) : {};
    return resolved({ intent: 'buy_market', symbol, ...size });
  }
  if (AGAIN.test(t) && order !== undefined) return resolved({ ...order });
  if (SELL_IT.test(t) && symbol !== undefined) {
    if (SELL_IT_ALL.test(t)) return resolved({ intent: 'sell_market', symbol, percentage: 100 });
    // "buy 0.1 eth" … "sell it": that 0.1 eth.
    const bought = order !== undefined && order.intent.startsWith('buy') && order.symbol === symbol && order.amount != null ? { amount: order.amount } : {};
    return resolved({ intent: 'sell_market', symbol, ...bought });
  }
  if (CANCEL_THAT.test(t) && order !== undefined) return resolved({ intent: 'cancel_order', order_id: 'last', ...(order.symbol ? { symbol: order.symbol } : {}) });
  const make = MAKE_IT.exec(t);
  if (make !== null && order !== undefined && ORDERS.has(order.intent)) {
    const value = Number(make[2]) * (make[3] === 'k' ? 1000 : 1);
    if (!(value > 0) || !Number.isFinite(value)) return null;
    const unit = make[4] ?? '';
    const money = make[1] === '$' || ['dollars', 'bucks', 'usd', 'usdt'].includes(unit);
    const percent = unit === '%' || unit === 'percent';
    if (percent && value > 100) return null;
    // A stop or a take-profit changes its level; an order its size, in the unit it was given.
    if (order.intent === 'set_stop_loss' || order.intent === 'set_take_profit') {
      const { price: _p, percentage: _q, ...rest } = order;
      return resolved(percent ? { ...rest, percentage: value } : { ...rest, price: value });
    }
    const key = percent ? 'percentage' : money ? 'quote_amount' : order.quote_amount != null && make[1] === '' && unit === '' ? 'quote_amount' : 'amount';
    return resolved({ ...withoutSize(order), [key]: value });
  }
  const about = WHAT_ABOUT.exec(t);
  if (about !== null) {
    const coin = coinIn(about[1]!);
    if (coin === null) return null;
    const intent = memory.asked !== undefined && QUESTIONS.has(memory.asked) ? memory.asked : 'get_price';
    return resolved({ intent, symbol: coin });
  }
  return null;
}

/** The memory after a message was acted on: its coin, its order, its question. Undefined when nothing changes. */
export function remember(memory: ChatMemory | undefined, command: ParsedCommand, now: number, ttlMs = CHAT_MEMORY_TTL_MS): ChatMemory | undefined {
  const symbol = command.symbol ?? undefined;
  if (symbol === undefined) return undefined;
  const fresh = memory !== undefined && now - memory.at <= ttlMs ? memory : {};
  const next: ChatMemory = { ...fresh, symbol, at: now };
  if (ORDERS.has(command.intent)) next.order = { ...command };
  if (QUESTIONS.has(command.intent)) next.asked = command.intent;
  return next;
}
