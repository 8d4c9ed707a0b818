import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, RawServerDefault } from 'fastify';
import type { Chat, Update, User } from 'grammy/types';
import { z } from 'zod';
import { EmulatorInputError } from './bot-api-errors.js';
import type { BotApiEmulator, EmulatorEvent } from './bot-api-emulator.js';
import { buildPlaygroundPage } from './playground-page.js';
import { MAX_CALLBACK_DATA_BYTES, MAX_MESSAGE_TEXT, utf8Length } from './telegram-text.js';

export interface PlaygroundParticipant {
  /** What the page sends as `user` ("alice"). */
  key: string;
  user: User;
}

export interface PlaygroundOptions {
  emulator: BotApiEmulator;
  /** Routes an update through the same pipeline as a webhook update. */
  deliverUpdate: (update: Update) => Promise<void>;
  logger: Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>;
  /** The one chat the page shows; a group by default, so two users can share it. */
  chat?: Chat;
  participants?: PlaygroundParticipant[];
  /** How often idle event streams get a comment line, so proxies keep them open. */
  heartbeatMs?: number;
}

export const DEFAULT_PLAYGROUND_CHAT: Chat = { id: -1001, type: 'group', title: 'Parley playground' };
export const DEFAULT_PARTICIPANTS: PlaygroundParticipant[] = [
  { key: 'alice', user: { id: 101, is_bot: false, first_name: 'Alice', username: 'alice', language_code: 'en' } },
  { key: 'bob', user: { id: 102, is_bot: false, first_name: 'Bob', username: 'bob', language_code: 'en' } },
];

/** Events for the page: the emulator's, plus the one thing only the playground knows. */
export type PlaygroundEvent = EmulatorEvent | { type: 'deliveryFailed'; updateId: number };

const userKey = z.string().min(1).max(64).optional();
/** Which chat: the shared group, or the person's own private chat with the bot. */
const chatKey = z.enum(['group', 'private']).optional();
const messageBody = z.object({
  text: z.string().max(MAX_MESSAGE_TEXT, `text holds at most ${MAX_MESSAGE_TEXT} characters`)
    .refine((text) => text.trim().length > 0, 'text must not be empty'),
  user: userKey,
  chat: chatKey,
});
const pressBody = z.object({
  messageId: z.number().int().positive(),
  data: z.string().min(1).refine((data) => utf8Length(data) <= MAX_CALLBACK_DATA_BYTES, `data holds at most ${MAX_CALLBACK_DATA_BYTES} bytes`),
  user: userKey,
  chat: chatKey,
});
const historyQuery = z.object({ user: userKey, chat: chatKey });

function invalid(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const message = error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
  return reply.code(400).send({ error: 'invalid_body', message });
}

/**
 * The chat playground: the page at `/`, two endpoints that act as a user would, the
 * history, and a Server-Sent Events stream of what the bot does. SSE rather than a
 * websocket: the browser reconnects by itself after a server restart, and the app's
 * own websocket plugin stays untouched.
 */
export async function registerPlayground<Logger extends FastifyBaseLogger>(
  app: FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>,
  options: PlaygroundOptions,
): Promise<void> {
  const { emulator, logger } = options;
  const chat = options.chat ?? DEFAULT_PLAYGROUND_CHAT;
  const participants = options.participants ?? DEFAULT_PARTICIPANTS;
  const page = buildPlaygroundPage();
  const streams = new Set<ServerResponse>();

  const broadcast = (event: PlaygroundEvent): void => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) stream.write(frame);
  };

  // One update at a time, in order, as Telegram delivers a chat's updates.
  let deliveries = Promise.resolve();
  const deliver = (update: Update): void => {
    deliveries = deliveries
      .then(() => options.deliverUpdate(update))
      .catch((error: unknown) => {
        logger.error({ err: error, updateId: update.update_id }, 'The playground could not deliver an update to the bot');
        broadcast({ type: 'deliveryFailed', updateId: update.update_id });
      });
  };

  const participant = (key: string | undefined): User | undefined =>
    key === undefined ? participants[0]?.user : participants.find((candidate) => candidate.key === key)?.user;
  const unknownUser = (reply: FastifyReply, key: string | undefined): FastifyReply =>
    reply.code(400).send({ error: 'unknown_user', message: `user must be one of: ${participants.map((p) => p.key).join(', ')} (got ${String(key)})` });
  // A person's private chat with a bot has their user id, as in Telegram; only they write in it.
  const chatOf = (key: 'group' | 'private' | undefined, user: User): Chat =>
    key === 'private' ? { id: user.id, type: 'private', first_name: user.first_name, ...(user.username ? { username: user.username } : {}) } : chat;
  const shownChats = new Set([chat.id, ...participants.map((p) => p.user.id)]);

  app.get('/', async (_request, reply) =>
    reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', page.contentSecurityPolicy)
      .header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(page.html));

  app.get('/playground/api/history', async (request, reply) => {
    const query = historyQuery.safeParse(request.query);
    if (!query.success) return invalid(reply, query.error);
    const user = participant(query.data.user);
    if (user === undefined) return unknownUser(reply, query.data.user);
    const shown = chatOf(query.data.chat, user);
    return {
      bot: { id: emulator.botInfo.id, first_name: emulator.botInfo.first_name, username: emulator.botInfo.username },
      chat: shown,
      group: chat,
      participants: participants.map(({ key, user: p }) => ({ key, id: p.id, first_name: p.first_name })),
      messages: emulator.history(shown.id),
    };
  });

  // The images the bot sent (the page shows them as the chat would).
  app.get('/playground/api/photos/:fileId', async (request, reply) => {
    const { fileId } = request.params as { fileId: string };
    const photo = /^[A-Za-z0-9_-]{1,64}$/.test(fileId) ? emulator.photo(fileId) : undefined;
    if (photo === undefined) return reply.code(404).send({ error: 'not_found', message: 'No such image.' });
    return reply.header('content-type', photo.contentType).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(Buffer.from(photo.data));
  });

  app.post('/playground/api/messages', async (request, reply) => {
    const body = messageBody.safeParse(request.body);
    if (!body.success) return invalid(reply, body.error);
    const user = participant(body.data.user);
    if (user === undefined) return unknownUser(reply, body.data.user);
    const update = emulator.userSendsText(user, chatOf(body.data.chat, user), body.data.text);
    deliver(update);
    return reply.code(202).send({ update_id: update.update_id });
  });

  app.post('/playground/api/press', async (request, reply) => {
    const body = pressBody.safeParse(request.body);
    if (!body.success) return invalid(reply, body.error);
    const user = participant(body.data.user);
    if (user === undefined) return unknownUser(reply, body.data.user);
    let update: Update;
    try {
      update = emulator.userPressesButton(user, chatOf(body.data.chat, user), body.data.messageId, body.data.data);
    } catch (error) {
      if (!(error instanceof EmulatorInputError)) throw error;
      const gone = error.code === 'unknown_message';
      return reply.code(gone ? 404 : 400).send({
        error: error.code,
        message: gone ? 'That message is no longer in the chat.' : 'That button is no longer on the message.',
      });
    }
    deliver(update);
    return reply.code(202).send({ update_id: update.update_id });
  });

  app.get('/playground/api/events', (request, reply) => {
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // The browser waits this long before reconnecting after the server went away.
    stream.write('retry: 1500\n\n');
    streams.add(stream);
    // Every chat the page can show: the page keeps to the one it shows (the events say which).
    const unsubscribe = emulator.subscribe((event) => {
      const chatId = chatIdOf(event);
      if (shownChats.has(chatId)) stream.write(`data: ${JSON.stringify({ ...event, chatId })}\n\n`);
    });
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
    const stop = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(stream);
    };
    request.raw.on('close', stop);
    stream.on('close', stop);
  });

  // Open event streams would otherwise keep app.close() waiting forever.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end();
  });
}

function chatIdOf(event: EmulatorEvent): number {
  switch (event.type) {
    case 'message':
    case 'edited':
      return event.message.chat.id;
    case 'callbackAnswered':
      return event.answer.chatId;
    case 'deleted':
    case 'chatAction':
      return event.chatId;
  }
}
