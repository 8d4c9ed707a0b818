import type { MiddlewareFn } from 'grammy';
import type { MessageEntity } from 'grammy/types';
import { looksLikeSecret, redactSecrets } from '../../shared/secret-like.js';
import type { ParleyContext } from '../context.js';
import { CONNECT_EXCHANGE } from '../conversations/conversation-names.js';

/**
 * A key or secret typed where none was asked for ("/connect binance KEY SECRET", a key pasted as
 * a message) is deleted from the chat when possible and never stored in clear: the update itself
 * is rewritten before anything else reads it, so the history and any conversation state keep a
 * placeholder. While /connect is asking for a key, its own conversation takes the message (it
 * seals and deletes keys itself). Installed after the conversations plugin, before conversations run.
 */
export function scrubSecrets(): MiddlewareFn<ParleyContext> {
  return async (ctx, next) => {
    const message = ctx.message;
    const text = message?.text;
    if (!message || text === undefined || !looksLikeSecret(text)) return next();
    if (CONNECT_EXCHANGE in (await ctx.conversation.active())) return next();
    const redacted = redactSecrets(text);
    const command = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
    Object.assign(message, { text: redacted, entities: command && redacted.startsWith(text.slice(0, command.length)) ? [command satisfies MessageEntity] : [] });
    const deleted = await ctx.deleteMessage().then(
      () => true,
      () => false,
    );
    await ctx.reply(
      deleted
        ? '🔒 That looked like an API key or secret, so I deleted your message and kept nothing of it. To connect an exchange, send /connect in our private chat and paste each key only when I ask for it: I delete it at once and store it encrypted.'
        : '⚠️ That looked like an API key or secret, and I could not delete your message: delete it yourself and revoke that key on the exchange. I kept nothing of it.',
    );
    ctx.historyNote = { parser: null, intent: null, entities: null, confidence: null, outcome: 'secret_removed', reply: null };
    // A command still runs (with the secret gone): /connect starts its safe flow. Anything else ends here.
    if (command) await next();
  };
}
