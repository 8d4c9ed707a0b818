import type { MessageEntity } from 'grammy/types';
import { badRequest } from './bot-api-errors.js';
import { parseTelegramHtml, sortEntities, type FormattedText } from './telegram-html.js';

/** Telegram's limits, counted in UTF-16 code units after entity parsing. */
export const MAX_MESSAGE_TEXT = 4096;
export const MAX_CALLBACK_DATA_BYTES = 64;

const WHITESPACE = /\s/u;

/**
 * What a bot's `text` + `parse_mode` (or `entities`) becomes in the stored message:
 * parsed, trimmed as Telegram trims, and checked against the length limit.
 */
export function formatBotText(text: unknown, parseMode: unknown, entities: unknown): FormattedText {
  if (typeof text !== 'string' || text.length === 0) throw badRequest('message text is empty');
  let formatted: FormattedText;
  if (parseMode === undefined || parseMode === null || parseMode === '') {
    formatted = { text, entities: Array.isArray(entities) ? sortEntities(entities as MessageEntity[]) : [] };
  } else if (typeof parseMode === 'string' && parseMode.toLowerCase() === 'html') {
    formatted = parseTelegramHtml(text);
  } else {
    // Markdown modes are not emulated: fail loudly rather than store unparsed markup.
    throw badRequest('unsupported parse_mode');
  }
  const trimmed = trimFormattedText(formatted);
  if (trimmed.text.length === 0) throw badRequest('message text is empty');
  if (trimmed.text.length > MAX_MESSAGE_TEXT) throw badRequest('message is too long');
  return trimmed;
}

/** Telegram drops leading and trailing whitespace and keeps the entities pointing at the same characters. */
export function trimFormattedText({ text, entities }: FormattedText): FormattedText {
  let start = 0;
  let end = text.length;
  while (start < end && WHITESPACE.test(text[start] ?? '')) start += 1;
  while (end > start && WHITESPACE.test(text[end - 1] ?? '')) end -= 1;
  const kept: MessageEntity[] = [];
  for (const entity of entities) {
    const from = Math.max(entity.offset, start);
    const to = Math.min(entity.offset + entity.length, end);
    if (to > from) kept.push({ ...entity, offset: from - start, length: to - from });
  }
  return { text: text.slice(start, end), entities: kept };
}

/** The `bot_command` entities Telegram attaches to what a user types (`/start`, `/buy@parley_bot`). */
export function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const pattern = /(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?=$|\s|[.,!?;:])/g;
  for (const match of text.matchAll(pattern)) {
    const lead = match[1] ?? '';
    const command = match[2] ?? '';
    entities.push({ type: 'bot_command', offset: (match.index ?? 0) + lead.length, length: command.length });
  }
  return entities;
}

export function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}
