import type { BotCommand, CallbackQuery, Chat, InlineKeyboardMarkup, Message, Update, User, UserFromGetMe } from 'grammy/types';
import { systemClock, type Clock } from '../../shared/clock.js';
import { BotApiError, EmulatorInputError, NOT_MODIFIED, badRequest, methodNotFound, type BotApiResponse } from './bot-api-errors.js';
import { createBotApiFetch, type FetchLike } from './bot-api-fetch.js';
import {
  readArray, readBool, readChatId, readInlineKeyboard, readInt, readMessageId, readObject, readString, stableJson, type BotApiParams,
} from './bot-api-params.js';
import { BotSettings, type WebhookRegistration } from './bot-settings.js';
import { ChatStore } from './chat-store.js';
import { EmulatorEvents, type CallbackAnswer, type EmulatorEvent, type EmulatorListener } from './emulator-events.js';
import { imageSize, sniffImageType } from './image-info.js';
import { isUpload } from './multipart.js';
import { commandEntities, formatBotText, MAX_MESSAGE_TEXT } from './telegram-text.js';
import { UpdateQueue } from './update-queue.js';

export type { CallbackAnswer, EmulatorEvent, EmulatorListener } from './emulator-events.js';
export type { WebhookRegistration } from './bot-settings.js';

export interface BotApiEmulatorOptions {
  token?: string;
  botInfo?: Partial<UserFromGetMe>;
  clock?: Clock;
  /** Keep user updates for getUpdates (default true). The playground delivers them itself and turns this off. */
  queueForPolling?: boolean;
  onListenerError?: (error: unknown) => void;
}

type Method = (params: BotApiParams, signal?: AbortSignal) => unknown;

export const DEFAULT_EMULATOR_TOKEN = '7000000001:playground_not_a_real_token_000000';
const CHAT_ACTIONS = new Set(['typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice',
  'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note']);

const sameJson = (a: unknown, b: unknown): boolean => stableJson(a) === stableJson(b);

/**
 * The Telegram Bot API for one bot, in memory: the chats it is in, their messages, the
 * updates users cause, and the methods a bot like ours calls, answering with
 * Telegram's result and error shapes. Bots reach it through `fetch` (grammY's
 * `client.fetch`) or, over HTTP, through `handleCall`; users act through
 * `userSendsText` and `userPressesButton`; observers `subscribe` to what happens.
 */
export class BotApiEmulator {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  /** `new Bot(token, { client: { fetch: emulator.fetch, apiRoot: 'http://playground.local' } })` */
  readonly fetch: FetchLike;

  private readonly clock: Clock;
  private readonly queueForPolling: boolean;
  private readonly store = new ChatStore();
  private readonly updates = new UpdateQueue();
  private readonly events: EmulatorEvents;
  private readonly callbackQueries = new Map<string, { query: CallbackQuery; chatId: number; messageId: number; answer?: CallbackAnswer }>();
  private readonly settings = new BotSettings();
  private readonly blockedChats = new Set<number>();
  /** Photos the bot sent, by file_id: their bytes, for a page or a test to look at. */
  private readonly photos = new Map<string, { data: Uint8Array; contentType: string }>();
  private lastFileId = 0;
  private lastUpdateId = 100_000;
  private lastCallbackQueryId = 0;
  private readonly methods: Record<string, Method>;

  constructor(options: BotApiEmulatorOptions = {}) {
    this.token = options.token ?? DEFAULT_EMULATOR_TOKEN;
    const botId = Number(this.token.split(':')[0]) || 7_000_000_001;
    this.botInfo = {
      id: botId, is_bot: true, first_name: 'Parley', username: 'parley_playground_bot',
      can_join_groups: true, can_read_all_group_messages: true, supports_inline_queries: false,
      can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false,
      allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false,
      ...options.botInfo,
    };
    this.clock = options.clock ?? systemClock;
    this.queueForPolling = options.queueForPolling ?? true;
    this.events = new EmulatorEvents(options.onListenerError ?? (() => undefined));
    this.fetch = createBotApiFetch(this);
    // Telegram matches method names case-insensitively.
    this.methods = {
      getme: () => this.botInfo,
      sendmessage: (p) => this.sendMessage(p),
      sendphoto: (p) => this.sendPhoto(p),
      editmessagetext: (p) => this.editMessageText(p),
      editmessagereplymarkup: (p) => this.editMessageReplyMarkup(p),
      deletemessage: (p) => this.deleteMessage(p),
      deletemessages: (p) => this.deleteMessages(p),
      answercallbackquery: (p) => this.answerCallbackQuery(p),
      setmycommands: (p) => this.settings.setMyCommands(p),
      getmycommands: (p) => this.settings.getMyCommands(p),
      deletemycommands: (p) => this.settings.deleteMyCommands(p),
      setwebhook: (p) => this.dropPendingIf(this.settings.setWebhook(p)),
      deletewebhook: (p) => this.dropPendingIf(this.settings.deleteWebhook(p)),
      getwebhookinfo: () => this.settings.webhookInfo(this.updates.size),
      sendchataction: (p) => this.sendChatAction(p),
      getupdates: (p, signal) => this.getUpdates(p, signal),
    };
  }

  /** Answers one Bot API call. Rejects only when `signal` aborts a waiting getUpdates. */
  async handleCall(method: string, params: BotApiParams = {}, options: { signal?: AbortSignal } = {}): Promise<BotApiResponse> {
    const implementation = this.methods[method.toLowerCase()];
    if (implementation === undefined) return methodNotFound().toResponse();
    try {
      return { ok: true, result: await implementation(params, options.signal) };
    } catch (error) {
      if (error instanceof BotApiError) return error.toResponse();
      throw error;
    }
  }

  // ----- what users do -----

  userSendsText(user: User, chat: Chat, text: string): Update {
    if (text.trim() === '' || text.length > MAX_MESSAGE_TEXT) {
      throw new EmulatorInputError('invalid_text', `A message holds 1 to ${MAX_MESSAGE_TEXT} characters.`);
    }
    const known = this.store.ensure(chat);
    const entities = commandEntities(text);
    const message = this.store.put({
      message_id: this.store.nextMessageId(known.id), from: user, chat: known, date: this.unixNow(), text,
      ...(entities.length > 0 ? { entities } : {}),
    } as Message);
    this.events.emit({ type: 'message', message });
    return this.queue({ message } as Omit<Update, 'update_id'>);
  }

  /**
   * A press on an inline button of a message in `chat`, with the message as it is now.
   * Only buttons the message really shows can be pressed, unless `allowUnknownData`
   * (to test forged or stale callback data).
   */
  userPressesButton(user: User, chat: Chat | number, messageId: number, data: string, options: { allowUnknownData?: boolean } = {}): Update {
    const chatId = typeof chat === 'number' ? chat : chat.id;
    const message = this.store.get(chatId, messageId);
    if (message === undefined) throw new EmulatorInputError('unknown_message', `Message ${messageId} is not in chat ${chatId}.`);
    const buttons = message.reply_markup?.inline_keyboard.flat() ?? [];
    if (options.allowUnknownData !== true && !buttons.some((button) => 'callback_data' in button && button.callback_data === data)) {
      throw new EmulatorInputError('unknown_button', `Message ${messageId} has no button with this data.`);
    }
    this.lastCallbackQueryId += 1;
    const query: CallbackQuery = {
      id: `${this.botInfo.id}${String(this.lastCallbackQueryId).padStart(9, '0')}`,
      from: user,
      message,
      chat_instance: String(-(BigInt(chatId) * 7919n + 104729n)),
      data,
    };
    this.callbackQueries.set(query.id, { query, chatId, messageId });
    return this.queue({ callback_query: query });
  }

  /** From now on the bot's messages to this user fail with 403, as after the user blocks the bot. */
  userBlocksBot(user: User): void {
    this.blockedChats.add(user.id);
  }

  // ----- what observers read -----

  subscribe(listener: EmulatorListener): () => void {
    return this.events.subscribe(listener);
  }

  waitForEvent<E extends EmulatorEvent>(predicate: (event: EmulatorEvent) => event is E, timeoutMs?: number): Promise<E>;
  waitForEvent(predicate: (event: EmulatorEvent) => boolean, timeoutMs?: number): Promise<EmulatorEvent>;
  waitForEvent(predicate: (event: EmulatorEvent) => boolean, timeoutMs?: number): Promise<EmulatorEvent> {
    return this.events.waitFor(predicate, timeoutMs);
  }

  history(chatId: number): Message[] {
    return this.store.history(chatId);
  }

  message(chatId: number, messageId: number): Message | undefined {
    return this.store.get(chatId, messageId);
  }

  chats(): Chat[] {
    return this.store.all();
  }

  /** The bytes of a photo the bot sent (its file_id, from the message's largest PhotoSize). */
  photo(fileId: string): { data: Uint8Array; contentType: string } | undefined {
    const found = this.photos.get(fileId);
    return found === undefined ? undefined : { data: new Uint8Array(found.data), contentType: found.contentType };
  }

  callbackAnswer(callbackQueryId: string): CallbackAnswer | undefined {
    const answer = this.callbackQueries.get(callbackQueryId)?.answer;
    return answer === undefined ? undefined : { ...answer };
  }

  commands(scope?: Record<string, unknown>, languageCode?: string): BotCommand[] {
    return this.settings.getMyCommands({ scope, language_code: languageCode });
  }

  get webhook(): WebhookRegistration | undefined {
    return this.settings.webhook;
  }

  get pendingUpdateCount(): number {
    return this.updates.size;
  }

  // ----- the Bot API methods -----

  private sendMessage(params: BotApiParams): Message {
    const chat = this.store.resolve(readChatId(params));
    if (this.blockedChats.has(chat.id)) throw new BotApiError(403, 'Forbidden: bot was blocked by the user');
    const formatted = formatBotText(params.text, params.parse_mode, readArray(params, 'entities'));
    const keyboard = readInlineKeyboard(params);
    const replyTo = this.replyTarget(chat.id, params);
    const message = this.store.put({
      message_id: this.store.nextMessageId(chat.id), from: this.botUser(), chat, date: this.unixNow(), text: formatted.text,
      ...(formatted.entities.length > 0 ? { entities: formatted.entities } : {}),
      ...(replyTo === undefined ? {} : { reply_to_message: replyTo }),
      ...(keyboard === undefined ? {} : { reply_markup: keyboard }),
    } as Message);
    this.events.emit({ type: 'message', message });
    return message;
  }

  /**
   * A photo: uploaded (multipart, `attach://<part>`), or one sent before (its file_id). URLs are
   * not fetched. The message carries one PhotoSize with the image's own width and height (PNG and
   * JPEG headers are read) and the caption, formatted like a text.
   */
  private sendPhoto(params: BotApiParams): Message {
    const chat = this.store.resolve(readChatId(params));
    if (this.blockedChats.has(chat.id)) throw new BotApiError(403, 'Forbidden: bot was blocked by the user');
    const photo = params.photo;
    let fileId: string;
    if (typeof photo === 'string' && photo.startsWith('attach://')) {
      const upload = params[photo.slice('attach://'.length)];
      if (!isUpload(upload)) throw badRequest('wrong file identifier/HTTP URL specified');
      if (upload.data.byteLength === 0) throw badRequest('file must be non-empty');
      if (upload.data.byteLength > 10 * 1024 * 1024) throw badRequest('PHOTO_INVALID_DIMENSIONS');
      this.lastFileId += 1;
      fileId = `photo_${this.botInfo.id}_${this.lastFileId}`;
      this.photos.set(fileId, { data: upload.data, contentType: sniffImageType(upload.data) ?? upload.contentType });
    } else if (isUpload(photo)) {
      throw badRequest('wrong file identifier/HTTP URL specified');
    } else {
      fileId = readString(params, 'photo') ?? '';
      if (!this.photos.has(fileId)) throw badRequest('wrong file identifier/HTTP URL specified');
    }
    const stored = this.photos.get(fileId)!;
    const size = imageSize(stored.data);
    const caption = params.caption === undefined || params.caption === '' ? undefined : formatBotText(params.caption, params.parse_mode, readArray(params, 'caption_entities'));
    if (caption && caption.text.length > 1024) throw badRequest('message caption is too long');
    const keyboard = readInlineKeyboard(params);
    const message = this.store.put({
      message_id: this.store.nextMessageId(chat.id), from: this.botUser(), chat, date: this.unixNow(),
      photo: [{ file_id: fileId, file_unique_id: fileId.replace(/^photo_/, 'u'), width: size?.width ?? 0, height: size?.height ?? 0, file_size: stored.data.byteLength }],
      ...(caption ? { caption: caption.text, ...(caption.entities.length > 0 ? { caption_entities: caption.entities } : {}) } : {}),
      ...(keyboard === undefined ? {} : { reply_markup: keyboard }),
    } as Message);
    this.events.emit({ type: 'message', message });
    return message;
  }

  private replyTarget(chatId: number, params: BotApiParams): Message | undefined {
    const parameters = readObject(params, 'reply_parameters');
    const messageId = parameters === undefined ? readInt(params, 'reply_to_message_id') : readInt(parameters, 'message_id');
    if (messageId === undefined) return undefined;
    const targetChat = parameters?.chat_id === undefined ? chatId : this.store.resolve(readChatId(parameters)).id;
    const target = this.store.get(targetChat, messageId);
    const allowMissing = parameters === undefined ? readBool(params, 'allow_sending_without_reply') : readBool(parameters, 'allow_sending_without_reply');
    if (target === undefined && !allowMissing) throw badRequest('message to be replied not found');
    if (target === undefined) return undefined;
    // Telegram nests one level only.
    delete (target as { reply_to_message?: unknown }).reply_to_message;
    return target;
  }

  private editableMessage(params: BotApiParams): Message {
    if (params.inline_message_id !== undefined) throw badRequest('inline messages are not emulated');
    const chat = this.store.resolve(readChatId(params));
    const message = this.store.get(chat.id, readMessageId(params));
    if (message === undefined) throw badRequest('message to edit not found');
    if (message.from?.id !== this.botInfo.id) throw badRequest("message can't be edited");
    return message;
  }

  private editMessageText(params: BotApiParams): Message {
    const message = this.editableMessage(params);
    const formatted = formatBotText(params.text, params.parse_mode, readArray(params, 'entities'));
    // As in Telegram: an edit without reply_markup removes the inline keyboard.
    const keyboard = readInlineKeyboard(params);
    if (message.text === formatted.text && sameJson(message.entities ?? [], formatted.entities) && sameJson(message.reply_markup, keyboard)) {
      throw badRequest(NOT_MODIFIED);
    }
    const edited: Message = { ...message, text: formatted.text, edit_date: this.unixNow() };
    if (formatted.entities.length > 0) edited.entities = formatted.entities;
    else delete edited.entities;
    return this.saveEdit(edited, keyboard);
  }

  private editMessageReplyMarkup(params: BotApiParams): Message {
    const message = this.editableMessage(params);
    const keyboard = readInlineKeyboard(params);
    if (sameJson(message.reply_markup, keyboard)) throw badRequest(NOT_MODIFIED);
    return this.saveEdit({ ...message, edit_date: this.unixNow() }, keyboard);
  }

  private saveEdit(message: Message, keyboard: InlineKeyboardMarkup | undefined): Message {
    if (keyboard === undefined) delete message.reply_markup;
    else message.reply_markup = keyboard;
    const saved = this.store.put(message);
    this.events.emit({ type: 'edited', message: saved });
    return saved;
  }

  private deleteMessage(params: BotApiParams): true {
    const chat = this.store.resolve(readChatId(params));
    const messageId = readMessageId(params);
    if (!this.store.delete(chat.id, messageId)) throw badRequest('message to delete not found');
    this.events.emit({ type: 'deleted', chatId: chat.id, messageId });
    return true;
  }

  private deleteMessages(params: BotApiParams): true {
    const chat = this.store.resolve(readChatId(params));
    const ids = readArray(params, 'message_ids') ?? [];
    if (ids.length === 0 || ids.length > 100) throw badRequest('message_ids must contain 1-100 identifiers');
    for (const id of ids) {
      // Missing messages are skipped silently, as Telegram does for the bulk method.
      if (typeof id === 'number' && this.store.delete(chat.id, id)) this.events.emit({ type: 'deleted', chatId: chat.id, messageId: id });
    }
    return true;
  }

  private answerCallbackQuery(params: BotApiParams): true {
    const id = readString(params, 'callback_query_id') ?? '';
    const entry = this.callbackQueries.get(id);
    if (entry === undefined || entry.answer !== undefined) {
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    const text = readString(params, 'text');
    if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
    const url = readString(params, 'url');
    entry.answer = {
      callbackQueryId: id, fromUserId: entry.query.from.id, chatId: entry.chatId, messageId: entry.messageId,
      data: entry.query.data ?? '', showAlert: readBool(params, 'show_alert'),
      ...(text === undefined || text === '' ? {} : { text }),
      ...(url === undefined ? {} : { url }),
    };
    this.events.emit({ type: 'callbackAnswered', answer: entry.answer });
    return true;
  }

  private sendChatAction(params: BotApiParams): true {
    const chat = this.store.resolve(readChatId(params));
    const action = readString(params, 'action') ?? '';
    if (!CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
    this.events.emit({ type: 'chatAction', chatId: chat.id, action });
    return true;
  }

  private getUpdates(params: BotApiParams, signal?: AbortSignal): Promise<Update[]> {
    if (this.settings.webhook !== undefined) {
      throw new BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = readInt(params, 'offset');
    const limit = readInt(params, 'limit');
    const timeout = readInt(params, 'timeout');
    return this.updates.take({
      ...(offset === undefined ? {} : { offset }),
      ...(limit === undefined ? {} : { limit }),
      ...(timeout === undefined ? {} : { timeoutSeconds: timeout }),
      ...(signal === undefined ? {} : { signal }),
    });
  }

  // ----- helpers -----

  private queue(content: Omit<Update, 'update_id'>): Update {
    this.lastUpdateId += 1;
    const update = { update_id: this.lastUpdateId, ...content } as Update;
    if (this.queueForPolling && this.settings.webhook === undefined) this.updates.push(structuredClone(update));
    return update;
  }

  private dropPendingIf({ dropPendingUpdates }: { dropPendingUpdates: boolean }): true {
    if (dropPendingUpdates) this.updates.clear();
    return true;
  }

  private botUser(): User {
    return { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username };
  }

  private unixNow(): number {
    return Math.floor(this.clock.now() / 1000);
  }
}

