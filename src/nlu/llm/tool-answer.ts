import type { ChatCompletion } from 'openai/resources/chat/completions';
import { canonicalCommand, type AssetCatalog, type ParsedCommand, type ParseResult } from '../contract.js';
import { COMMAND_TOOL_NAME, toolArgumentsSchema } from './command-tool.js';
import { LlmFailure } from './llm-failure.js';

/**
 * Confidence of an LLM reading, 0..1 (same scale as the offline parser's). A schema-valid answer
 * is usually right but the model gives no calibrated score, so it is a fixed moderate-high value;
 * lower for "not a command" and lower still when the coin it named is not listed.
 */
export const LLM_CONFIDENCE = { valid: 0.85, unknown: 0.6, unlistedCoin: 0.5 } as const;

/** Tool arguments are a few hundred bytes; anything far larger is not a command (or a runaway). */
const MAX_ARGUMENT_CHARS = 4000;

/**
 * Turns the model's answer into a ParseResult, or throws an LlmFailure saying why it cannot.
 * The answer is only data: it is validated against the contract and can name nothing the
 * contract has no field for. Who the user is, which account trades and whether a trade needs
 * confirming never come from here — identity comes from the Telegram update (`ctx.from`, via the
 * identify-user middleware) and every trade goes through the preview/confirm flow regardless.
 */
export function readToolAnswer(completion: ChatCompletion, catalog: AssetCatalog): ParseResult {
  const message = Array.isArray(completion?.choices) ? completion.choices[0]?.message : undefined;
  if (message === undefined || message === null || typeof message !== 'object') throw new LlmFailure('bad_response');
  if (typeof message.refusal === 'string' && message.refusal !== '') throw new LlmFailure('refusal');

  const calls = (message.tool_calls ?? []).filter((call) => call.type === 'function' && call.function?.name === COMMAND_TOOL_NAME);
  if (calls.length === 0) throw new LlmFailure('no_tool_call');
  // parallel_tool_calls is off; two readings of one message are a guess, not an answer.
  if (calls.length > 1) throw new LlmFailure('invalid_arguments', { detail: 'more than one tool call' });
  const raw = calls[0]!.type === 'function' ? calls[0]!.function.arguments : undefined;

  const args = parseArguments(raw);
  const checked = toolArgumentsSchema.safeParse(normalizeCase(args));
  if (!checked.success) {
    // Issue codes only (a fixed vocabulary): paths and values may echo the user's text.
    const codes = [...new Set(checked.error.issues.map((issue) => issue.code))].join(',');
    throw new LlmFailure('invalid_arguments', { detail: `contract violated: ${codes}` });
  }
  const command = canonicalCommand(checked.data);
  return withListedSymbol(command, catalog);
}

function parseArguments(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string' || raw.length > MAX_ARGUMENT_CHARS) throw new LlmFailure('malformed_arguments');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new LlmFailure('malformed_arguments');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new LlmFailure('malformed_arguments');
  return value as Record<string, unknown>;
}

/** "btc/usdt" → "BTC/USDT": a harmless spelling fix before validation (the contract wants upper case). */
function normalizeCase(args: Record<string, unknown>): Record<string, unknown> {
  return typeof args.symbol === 'string' ? { ...args, symbol: args.symbol.trim().toUpperCase() } : args;
}

/**
 * The model never gets to invent a market: both assets of its symbol must be listed. Otherwise
 * the symbol is dropped and the unlisted coin is reported, so the bot can say "I don't know X".
 */
function withListedSymbol(command: ParsedCommand, catalog: AssetCatalog): ParseResult {
  const confidence = command.intent === 'unknown' ? LLM_CONFIDENCE.unknown : LLM_CONFIDENCE.valid;
  if (command.symbol === undefined || command.symbol === null) return { command, confidence, parser: 'llm' };
  const [base = '', quote = ''] = command.symbol.split('/');
  if (base === quote) throw new LlmFailure('invalid_arguments', { detail: 'a pair of one asset' });
  if (catalog.hasAsset(base) && catalog.hasAsset(quote)) return { command, confidence, parser: 'llm' };

  const { symbol: _dropped, ...rest } = command;
  // The coin the user cannot trade here: the base usually, the quote when only it is unknown
  // ("buy btc with xyz" must not answer "I don't know BTC").
  const unresolvedCoin = catalog.hasAsset(base) ? quote : base;
  return { command: rest, confidence: LLM_CONFIDENCE.unlistedCoin, parser: 'llm', unresolvedCoin };
}
