import type { MiddlewareFn } from 'grammy';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import type { Logger } from '../shared/logger.js';
import type { ParleyContext } from './context.js';

/**
 * The fields of an update Parley (and grammY's filters, on its behalf) reads, as the Bot API
 * types them: required where Telegram always sends them, with their types. Everything else is
 * let through untouched. A body that fails this cannot have come from Telegram, whatever its
 * secret header says, and no handler should run on it (a callback query without `from`
 * would crash the user middleware; a numeric `text` the parser).
 */
const user = z.looseObject({
  id: z.int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const chat = z.looseObject({
  id: z.int(),
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
  title: z.string().optional(),
  username: z.string().optional(),
  first_name: z.string().optional(),
});

const entity = z.looseObject({ type: z.string(), offset: z.int().min(0), length: z.int().min(0) });

/** A Message, and an InaccessibleMessage (date 0) as a callback query may carry. */
const message = z.looseObject({
  message_id: z.int(),
  date: z.int(),
  chat,
  from: user.optional(),
  sender_chat: chat.optional(),
  text: z.string().optional(),
  entities: z.array(entity).optional(),
  caption: z.string().optional(),
  caption_entities: z.array(entity).optional(),
});

const callbackQuery = z.looseObject({
  id: z.string(),
  from: user,
  message: message.optional(),
  inline_message_id: z.string().optional(),
  chat_instance: z.string(),
  data: z.string().optional(),
});

const MESSAGE_KINDS = ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'business_message', 'edited_business_message'] as const;
const KNOWN = new Set<string>(['update_id', 'callback_query', ...MESSAGE_KINDS]);

export const updateSchema = z
  .looseObject({
    update_id: z.int().min(0),
    callback_query: callbackQuery.optional(),
    ...Object.fromEntries(MESSAGE_KINDS.map((kind) => [kind, message.optional()])),
  })
  .superRefine((update, ctx) => {
    const kinds = Object.keys(update).filter((key) => key !== 'update_id' && (update as Record<string, unknown>)[key] !== undefined);
    // "At most one of the optional parameters can be present in any given update", and an update is of some kind.
    if (kinds.length !== 1) ctx.addIssue({ code: 'custom', message: `one kind of update expected, found ${kinds.length}`, path: [] });
    // Kinds Parley does not handle still reach middleware that reads ctx.from and ctx.chat.
    for (const kind of kinds.filter((key) => !KNOWN.has(key))) {
      const value = (update as Record<string, unknown>)[kind];
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        ctx.addIssue({ code: 'custom', message: 'expected object', path: [kind] });
        continue;
      }
      for (const [field, schema] of [['from', user], ['chat', chat]] as const) {
        if (!(field in value)) continue;
        for (const issue of schema.safeParse((value as Record<string, unknown>)[field]).error?.issues ?? []) {
          ctx.addIssue({ code: 'custom', message: describeIssue(issue), path: [kind, field, ...issue.path] });
        }
      }
    }
  });

export type ShapeCheck = { ok: true; update: Update } | { ok: false; updateId: number | undefined; problems: string[] };

/** What is wrong, by field and kind of problem: never the values (they may quote a user). */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'custom') return issue.message;
  return issue.code;
}

export function checkUpdateShape(body: unknown): ShapeCheck {
  const parsed = updateSchema.safeParse(body);
  if (parsed.success) return { ok: true, update: parsed.data as unknown as Update };
  const id = (body as { update_id?: unknown } | null)?.update_id;
  return {
    ok: false,
    updateId: typeof id === 'number' ? id : undefined,
    problems: parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || 'update'}: ${describeIssue(issue)}`),
  };
}

/**
 * A private chat is the chat with one user: its id is that user's id. An update that says
 * otherwise speaks for someone in a chat that is not theirs (answers would go to another user).
 */
export function impossibleSender(update: Update): string | undefined {
  // The kinds Parley handles. (Not business messages: there the business owner writes in a customer's private chat.)
  const pairs: Array<[string, { id: number } | undefined, { id: number; type: string } | undefined]> = [
    ['message', update.message?.from, update.message?.chat],
    ['edited_message', update.edited_message?.from, update.edited_message?.chat],
    ['callback_query', update.callback_query?.from, update.callback_query?.message?.chat],
  ];
  for (const [kind, from, inChat] of pairs) {
    if (from && inChat?.type === 'private' && inChat.id !== from.id) return `${kind}: a private chat of another user`;
  }
  return undefined;
}

/**
 * First in the bot: whatever delivered the update (webhook, long polling, the playground), an
 * update that cannot be real is logged — its id and what is wrong, never its content — and
 * handled by nobody. The webhook checks the shape before grammY even sees the body; this is the
 * same check for the other paths, and the one place for the rules that look across fields.
 */
export function refuseImpossibleUpdates(logger: Logger): MiddlewareFn<ParleyContext> {
  return async (ctx, next) => {
    const shape = checkUpdateShape(ctx.update);
    const problem = shape.ok ? impossibleSender(shape.update) : undefined;
    if (!shape.ok || problem !== undefined) {
      logger.warn({ updateId: ctx.update.update_id, problems: shape.ok ? [problem] : shape.problems }, 'update refused: it cannot be a real Telegram update');
      return;
    }
    await next();
  };
}
