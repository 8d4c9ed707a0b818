import type { Chat, Message } from 'grammy/types';
import { badRequest } from './bot-api-errors.js';

interface ChatRecord {
  chat: Chat;
  messages: Map<number, Message>;
  lastMessageId: number;
}

/**
 * The chats the emulated bot can see and their messages. Message ids grow per chat
 * (user and bot messages share the sequence, as in Telegram); deleted messages are gone.
 * Everything handed out is a copy, so a caller holding a Message cannot change history.
 */
export class ChatStore {
  private readonly chats = new Map<number, ChatRecord>();

  /** Registers a chat the first time a user speaks in it; later calls keep its history. */
  ensure(chat: Chat): Chat {
    const existing = this.chats.get(chat.id);
    if (existing !== undefined) return existing.chat;
    this.chats.set(chat.id, { chat: structuredClone(chat), messages: new Map(), lastMessageId: 0 });
    return chat;
  }

  /** A chat the bot addresses by id or `@username`; unknown ones fail as in Telegram. */
  resolve(chatId: number | string): Chat {
    return this.record(chatId).chat;
  }

  find(chatId: number): Chat | undefined {
    return this.chats.get(chatId)?.chat;
  }

  all(): Chat[] {
    return [...this.chats.values()].map((record) => structuredClone(record.chat));
  }

  nextMessageId(chatId: number): number {
    const record = this.record(chatId);
    record.lastMessageId += 1;
    return record.lastMessageId;
  }

  put(message: Message): Message {
    this.record(message.chat.id).messages.set(message.message_id, structuredClone(message));
    return structuredClone(message);
  }

  get(chatId: number, messageId: number): Message | undefined {
    const message = this.chats.get(chatId)?.messages.get(messageId);
    return message === undefined ? undefined : structuredClone(message);
  }

  delete(chatId: number, messageId: number): boolean {
    return this.chats.get(chatId)?.messages.delete(messageId) ?? false;
  }

  history(chatId: number): Message[] {
    const messages = this.chats.get(chatId)?.messages;
    if (messages === undefined) return [];
    return [...messages.values()].sort((a, b) => a.message_id - b.message_id).map((message) => structuredClone(message));
  }

  private record(chatId: number | string): ChatRecord {
    const record = typeof chatId === 'number'
      ? this.chats.get(chatId)
      : [...this.chats.values()].find((candidate) => `@${candidate.chat.username ?? ''}`.toLowerCase() === chatId.toLowerCase());
    if (record === undefined) throw badRequest('chat not found');
    return record;
  }
}
