import type { BotCommand, InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { badRequest } from './bot-api-errors.js';
import { MAX_CALLBACK_DATA_BYTES, utf8Length } from './telegram-text.js';

/**
 * Readers for Bot API parameters. They accept both JSON bodies (typed values) and form
 * or query-string bodies (everything a string, objects JSON-encoded), as Telegram does,
 * and refuse bad values with Telegram's sentences.
 */
export type BotApiParams = Record<string, unknown>;

/** A string that was itself JSON (form bodies) becomes the value it encodes. */
function decoded(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

export function readChatId(params: BotApiParams, key = 'chat_id'): number | string {
  const value = params[key];
  if (value === undefined || value === null || value === '') throw badRequest(`${key} is empty`);
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  if (typeof value === 'string' && value.startsWith('@')) return value;
  throw badRequest('chat not found');
}

export function readInt(params: BotApiParams, key: string): number | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw badRequest(`invalid ${key} specified`);
  return number;
}

export function readMessageId(params: BotApiParams): number {
  const id = readInt(params, 'message_id');
  if (id === undefined) throw badRequest('message identifier is not specified');
  return id;
}

export function readBool(params: BotApiParams, key: string): boolean {
  const value = params[key];
  return value === true || value === 'true' || value === 1 || value === '1';
}

export function readString(params: BotApiParams, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badRequest(`field "${key}" must be of type String`);
}

export function readObject(params: BotApiParams, key: string): Record<string, unknown> | undefined {
  const value = decoded(params[key]);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`can't parse ${key} JSON object`);
  return value as Record<string, unknown>;
}

export function readArray(params: BotApiParams, key: string): unknown[] | undefined {
  const value = decoded(params[key]);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest(`can't parse ${key} JSON array`);
  return value;
}

/**
 * The inline keyboard of a message, checked the way Telegram checks it. Reply keyboards
 * and force_reply are accepted but, as in Telegram, never appear on the Message object.
 */
export function readInlineKeyboard(params: BotApiParams): InlineKeyboardMarkup | undefined {
  const markup = decoded(params.reply_markup);
  if (markup === undefined || markup === null) return undefined;
  if (typeof markup !== 'object' || Array.isArray(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
  const rows = (markup as Record<string, unknown>).inline_keyboard;
  if (rows === undefined) return undefined;
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row))) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  }
  const keyboard = (rows as unknown[][]).map((row) => row.map(readButton)).filter((row) => row.length > 0);
  return keyboard.length === 0 ? undefined : { inline_keyboard: keyboard };
}

const ACTIONS = ['callback_data', 'url', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay', 'web_app'] as const;

function readButton(button: unknown): InlineKeyboardButton {
  const fail = (reason: string): Error => badRequest(`can't parse inline keyboard button: ${reason}`);
  if (typeof button !== 'object' || button === null || Array.isArray(button)) throw fail('InlineKeyboardButton should be an Object');
  const fields = button as Record<string, unknown>;
  if (typeof fields.text !== 'string') throw fail('Field "text" must be of type String');
  if (fields.text.trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
  const actions = ACTIONS.filter((action) => fields[action] !== undefined);
  if (actions.length === 0) throw fail('Text buttons are unallowed in the inline keyboard');
  if (actions.length > 1) throw fail(`Field "${actions[1] ?? ''}" must not be specified together with "${actions[0] ?? ''}"`);
  if (fields.callback_data !== undefined) {
    const data = fields.callback_data;
    if (typeof data !== 'string' || data === '' || utf8Length(data) > MAX_CALLBACK_DATA_BYTES) throw badRequest('BUTTON_DATA_INVALID');
  }
  if (fields.url !== undefined && !isButtonUrl(fields.url)) {
    throw badRequest(`inline keyboard button URL '${String(fields.url)}' is invalid: Wrong HTTP URL`);
  }
  return fields as unknown as InlineKeyboardButton;
}

function isButtonUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:', 'tg:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export function readCommands(params: BotApiParams): BotCommand[] {
  const commands = readArray(params, 'commands');
  if (commands === undefined) throw badRequest('parameter "commands" is required');
  if (commands.length > 100) throw badRequest('too many commands');
  return commands.map((entry) => {
    if (typeof entry !== 'object' || entry === null) throw badRequest("can't parse BotCommand");
    const { command, description } = entry as Record<string, unknown>;
    if (typeof command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
    if (typeof description !== 'string' || description.trim() === '' || description.length > 256) {
      throw badRequest('command description is empty or too long');
    }
    return { command, description };
  });
}

/** JSON with sorted keys, so that equal objects built in a different key order compare equal. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner);
}
