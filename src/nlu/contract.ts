import { z } from 'zod';

/**
 * The parse contract (docs/nlu-contract.md, from the shared SCHEMA.md): one chat message
 * becomes one intent with entities. Every parser returns this shape; the LLM parser's
 * tool schema is generated from it, so the parsers cannot drift apart.
 */
export const INTENTS = [
  'buy_market',
  'sell_market',
  'buy_limit',
  'sell_limit',
  'set_stop_loss',
  'set_take_profit',
  'cancel_order',
  'list_orders',
  'check_portfolio',
  'get_price',
  'set_alert',
  'get_signals',
  'help',
  'unknown',
] as const;
export type Intent = (typeof INTENTS)[number];

export const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const positive = z.number().finite().positive();

export const commandSchema = z.object({
  intent: z.enum(INTENTS),
  symbol: z.string().regex(/^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/, 'BASE/QUOTE in upper case').nullish(),
  amount: positive.nullish(),
  quote_amount: positive.nullish(),
  percentage: z.number().finite().gt(0).lte(100).nullish(),
  price: positive.nullish(),
  direction: z.enum(['above', 'below']).nullish(),
  order_id: z.string().min(1).max(64).nullish(),
  timeframe: z.enum(TIMEFRAMES).nullish(),
});
export type ParsedCommand = z.infer<typeof commandSchema>;

export const ENTITY_KEYS = ['symbol', 'amount', 'quote_amount', 'percentage', 'price', 'direction', 'order_id', 'timeframe'] as const;
export type EntityKey = (typeof ENTITY_KEYS)[number];

/** Which entities each intent may carry (the contract's table). */
export const ALLOWED_ENTITIES: Record<Intent, readonly EntityKey[]> = {
  buy_market: ['symbol', 'amount', 'quote_amount', 'percentage'],
  sell_market: ['symbol', 'amount', 'quote_amount', 'percentage'],
  buy_limit: ['symbol', 'amount', 'quote_amount', 'percentage', 'price'],
  sell_limit: ['symbol', 'amount', 'quote_amount', 'percentage', 'price'],
  set_stop_loss: ['symbol', 'price', 'percentage'],
  set_take_profit: ['symbol', 'price', 'percentage'],
  cancel_order: ['order_id', 'symbol'],
  list_orders: ['symbol'],
  check_portfolio: [],
  get_price: ['symbol'],
  set_alert: ['symbol', 'price', 'direction'],
  get_signals: ['symbol', 'timeframe'],
  help: [],
  unknown: [],
};

/** Drops the entities an intent may not carry and the empty ones, so output is canonical. */
export function canonicalCommand(command: ParsedCommand): ParsedCommand {
  const out: ParsedCommand = { intent: command.intent };
  for (const key of ALLOWED_ENTITIES[command.intent]) {
    const value = command[key];
    if (value !== undefined && value !== null) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

export type ParserName = 'offline' | 'llm';

/** The numeric entities of a trade, a stop or an alert. */
export type NumberField = 'amount' | 'quote_amount' | 'percentage' | 'price';
export const NUMBER_FIELDS: readonly NumberField[] = ['amount', 'quote_amount', 'percentage', 'price'];

/**
 * A number the message holds that cannot become an order as written (the conventions are in
 * offline/numbers.ts). `written` is the number as the user typed it; `field` the entity it was
 * meant for, when the words say so.
 */
export type NumberProblem =
  /** "-1", "0", "-50%", "at -1000": a value no order can have. */
  | { kind: 'not_positive'; field: NumberField; written: string }
  /** "1²", "1\u200B00", "1..5", a range "1-2": not one number, or not one that can be read exactly. */
  | { kind: 'unreadable'; field: NumberField | null; written: string }
  /** "1,5" → [1.5, 15], "10.000" → [10, 10000]: more than one reading; the bot asks which. */
  | { kind: 'ambiguous'; field: NumberField | null; written: string; readings: number[] };

/** What the bot can still answer when the command is `unknown` (small talk and near misses). */
export type Topic = 'greeting' | 'thanks' | 'market_summary' | 'trade_history' | 'undo' | 'alert_list';

export interface ParseResult {
  command: ParsedCommand;
  /** 0..1: how sure the parser is. Low confidence makes the bot ask instead of act. */
  confidence: number;
  parser: ParserName;
  /** A coin-like word that matched no listed market, for "Did you mean …?". */
  unresolvedCoin?: string;
  /**
   * A number the message holds that cannot become an order as written. When set, the command
   * carries no value for that field, keeps the intent the message asked for, and its confidence
   * is below 0.4 (read back, never previewed).
   */
  numberProblem?: NumberProblem;
  /** Outside the printed contract (these stay `unknown` there): what the bot can still answer. */
  topic?: Topic;
  /** "sell everything", "sell all my coins", "liquidate it all": every holding, not one coin (sell_market, percentage 100, no symbol). */
  allHoldings?: boolean;
}

/** What the parsers know about the coins the exchange lists. */
export interface AssetCatalog {
  /** Is this ticker (upper case) a listed base or quote asset? */
  hasAsset(ticker: string): boolean;
  /** Every listed asset ticker. */
  assets(): readonly string[];
}

export interface CommandParser {
  parse(text: string, context: { catalog: AssetCatalog }): Promise<ParseResult>;
}
