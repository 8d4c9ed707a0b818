import type { Conversation } from '@grammyjs/conversations';
import { InlineKeyboard, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import { EXCHANGE_PROFILES, type SupportedExchangeId } from '../../exchange/ccxt-exchange-profiles.js';
import { ExchangeKeys } from '../../accounts/exchange-keys.js';
import { AppError } from '../../shared/errors.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { BaseContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { accountButton, exchangeLabel, NEEDS_ENCRYPTION_KEY, NOT_IN_GROUPS } from '../format/account-messages.js';
import { errorText } from '../format/error-text.js';
import { html } from '../format/html.js';
import { ASK_PREFIX } from './complete-trade.js';
import { ask } from './question-kit.js';

export { CONNECT_EXCHANGE } from './conversation-names.js';

type Convo = Conversation<BaseContext, Context>;
type Mode = 'live' | 'testnet';
type Field = 'api_key' | 'api_secret' | 'api_passphrase';

const CANCEL = `${ASK_PREFIX}x`;
const PICK = `${ASK_PREFIX}cx:`;
const EXCHANGES = (Object.keys(EXCHANGE_PROFILES) as SupportedExchangeId[]).map((id) => ({ id, label: EXCHANGE_PROFILES[id].label, sandbox: EXCHANGE_PROFILES[id].sandbox }));
const WAIT_MS = 10 * 60_000;
/** What a message holding a key says once read: the update keeps this, never the key. */
export const SECRET_PLACEHOLDER = '[secret: deleted by Parley, not stored in clear]';

type Sealed = { ok: true; sealed: string } | { ok: false };
type Checked = { ok: true; accountId: number; replaced: boolean; active: boolean; activeName: string } | { ok: false; refused: boolean; message: string };

/**
 * /connect: which exchange, live or testnet, the API key, the secret — then a balance call with
 * them, and only if it passes are they stored (encrypted, by the account repository).
 *
 * Keys never rest in clear anywhere. Conversations replay from state kept in the database, and that
 * state holds every update the conversation received; so a message holding a key is, the moment it
 * arrives: replaced in the update by a placeholder (the same update object is what the state and
 * the history middleware store), deleted from the chat, and sealed with the secret box — only the
 * ciphertext is returned from `conversation.external`, so only ciphertext enters the state. Every
 * decision about a key's text is made inside `external` too: a replay sees the placeholder, and
 * must take the same path as the run that saw the key.
 */
export function connectExchangeConversation(deps: BotDeps) {
  return async function connectExchange(conversation: Convo, ctx: Context): Promise<void> {
    const { vault } = deps;
    if (ctx.chat?.type !== 'private' || !ctx.from) return void (await ctx.reply(NOT_IN_GROUPS));
    if (!vault || !deps.accounts.canConnect) return void (await ctx.reply(NEEDS_ENCRYPTION_KEY));
    const exchange = await askExchange(conversation, ctx, deps);
    if (!exchange) return;
    const mode = await askMode(conversation, ctx, deps, exchange);
    if (!mode) return;
    const where = `${exchangeLabel(exchange)}${mode === 'testnet' ? ' testnet' : ''}`;
    const sealContext = (field: Field) => `connect:${ctx.chat!.id}:${ctx.from!.id}:${exchange}:${mode}:${field}`;

    const apiKey = await askSecret(conversation, ctx, deps, vault, sealContext('api_key'), 'api_key', html`🔑 Send your <b>${where}</b> API key. I delete your message as soon as I read it; the key is stored encrypted and never shown again.`);
    if (!apiKey) return;
    const secretHint = exchange === 'coinbase' ? ' (for Coinbase: the private key, with its BEGIN and END lines)' : '';
    const secret = await askSecret(conversation, ctx, deps, vault, sealContext('api_secret'), 'api_secret', html`Got the key — your message is deleted. Now send the <b>API secret</b>${secretHint}.`);
    if (!secret) return;
    // KuCoin's keys come with the passphrase chosen when the key was made: asked and kept like the secret.
    let passphrase: string | undefined;
    if (EXCHANGE_PROFILES[exchange].needsPassphrase) {
      const sealed = await askSecret(conversation, ctx, deps, vault, sealContext('api_passphrase'), 'api_passphrase', html`Got the secret — deleted. Last, the <b>API passphrase</b> you chose when you created this key.`);
      if (!sealed) return;
      passphrase = sealed;
    }

    const checking = await ctx.reply(html`🔄 Checking the keys with ${where}…`, { parse_mode: 'HTML' });
    const checked = await conversation.external(async (outside): Promise<Checked> => {
      let keys: ExchangeKeys;
      try {
        keys = new ExchangeKeys(
          vault.decrypt(apiKey, sealContext('api_key')),
          vault.decrypt(secret, sealContext('api_secret')),
          passphrase === undefined ? undefined : vault.decrypt(passphrase, sealContext('api_passphrase')),
        );
      } catch {
        // Sealed before a restart with another ENCRYPTION_KEY: ask again rather than fail obscurely.
        return { ok: false, refused: false, message: 'the server’s encryption key changed while you were answering.' };
      }
      try {
        const { account, replaced, active } = await deps.accounts.connect({ userId: outside.parley!.user.id, exchange, mode, keys });
        return { ok: true, accountId: account.id, replaced, active: active.id === account.id, activeName: active.mode === 'paper' ? 'paper' : exchangeLabel(active.exchange) };
      } catch (error) {
        if (!(error instanceof AppError)) deps.logger.error({ err: error, exchange, mode }, 'connecting an exchange failed');
        return { ok: false, refused: error instanceof AppError && error.code === 'exchange.keys_refused', message: errorText(error) };
      }
    });

    // The answer replaces "Checking…"; should that edit fail, it is sent as a new message.
    const edit = async (text: string, keyboard?: InlineKeyboard): Promise<void> => {
      const options = { parse_mode: 'HTML' as const, ...(keyboard ? { reply_markup: keyboard } : {}) };
      await ctx.api.editMessageText(ctx.chat!.id, checking.message_id, text, options).catch(() => ctx.reply(text, options));
    };
    if (!checked.ok) {
      const why = checked.refused
        ? html`❌ Your ${where} keys were refused: the key or the secret is wrong, or the key may not read balances.`
        : html`❌ I could not check the keys with ${where}: ${checked.message}`;
      await edit(`${why}\n${html`Nothing was stored. Send /connect to try again.`}`);
      return;
    }
    const done = html`✅ ${where} connected: the balance check passed. The keys are stored encrypted; your messages with them were deleted.`;
    if (checked.active) {
      await edit(`${done}\n${html`You keep trading with this account, now with the new keys.`}`);
      return;
    }
    const keyboard = new InlineKeyboard()
      .text(mode === 'live' ? 'Yes, switch to LIVE' : 'Yes, switch to TESTNET', accountButton.go(checked.accountId))
      .text(`Keep ${checked.activeName}`, accountButton.keep);
    const warning = mode === 'live' ? '\n⚠️ LIVE means confirmed trades use real money.' : '';
    await edit(`${done}\n\n<b>Trade with this account now?</b>${warning}`, keyboard);
  };
}

async function askExchange(conversation: Convo, ctx: Context, deps: BotDeps): Promise<SupportedExchangeId | null> {
  const keyboard = new InlineKeyboard();
  for (const e of EXCHANGES) keyboard.text(e.label, `${PICK}${e.id}`);
  keyboard.row().text('✖ Cancel', CANCEL);
  const question =
    '🔌 <b>Connect an exchange</b>\nWhich exchange? Then I will ask for an API key and its secret.\n\n' +
    'Create a key that may read balances and trade — <b>never withdraw</b> — and limit it to this server’s IP if the exchange allows.';
  const asked = await ask(conversation, ctx, deps.conversationStore, question, { parse_mode: 'HTML', reply_markup: keyboard });
  const picked = await waitForButton(conversation, asked.message_id, EXCHANGES.map((e) => e.id));
  if (picked) await closeQuestion(ctx, asked.message_id, html`🔌 Connect an exchange → ${exchangeLabel(picked)}`);
  return picked;
}

async function askMode(conversation: Convo, ctx: Context, deps: BotDeps, exchange: SupportedExchangeId): Promise<Mode | null> {
  const { label, sandbox } = EXCHANGES.find((e) => e.id === exchange)!;
  const keyboard = new InlineKeyboard().text('⚡ Live — real money', `${PICK}live`);
  if (sandbox) keyboard.text('🧪 Testnet', `${PICK}testnet`);
  keyboard.row().text('✖ Cancel', CANCEL);
  const question = sandbox
    ? html`${label}: your live account (real money), or its testnet (test funds, keys from the testnet site)?`
    : html`${label} has no test environment Parley can use, so this connects your live account: once you switch to it, confirmed trades use real money.`;
  const asked = await ask(conversation, ctx, deps.conversationStore, question, { parse_mode: 'HTML', reply_markup: keyboard });
  const picked = await waitForButton(conversation, asked.message_id, sandbox ? ['live', 'testnet'] : ['live']);
  if (picked) await closeQuestion(ctx, asked.message_id, html`${label} → ${picked === 'live' ? 'live (real money)' : 'testnet'}`);
  return picked;
}

/** A question answered with buttons. Text is not an answer: a command leaves, a pasted key is deleted at once. */
async function waitForButton<T extends string>(conversation: Convo, questionId: number, choices: readonly T[]): Promise<T | null> {
  for (;;) {
    const next = await conversation.wait({ maxMilliseconds: WAIT_MS });
    const data = next.callbackQuery?.data;
    if (data === CANCEL) return cancelled(next, questionId);
    const choice = data?.startsWith(PICK) ? choices.find((c) => `${PICK}${c}` === data) : undefined;
    if (choice) {
      await next.answerCallbackQuery();
      return choice;
    }
    const text = next.message?.text;
    if (text === undefined) await conversation.skip({ next: true });
    else if (isCommand(text)) {
      await closeQuestion(next, questionId, 'Connecting an exchange: left. Nothing was stored.');
      await conversation.halt({ next: true });
    } else if (await scrubIfSecret(conversation, next)) {
      await next.reply('That looked like a key, so I deleted it. First pick with the buttons above, or /cancel.');
    } else {
      await next.reply('Please pick with the buttons above, or /cancel.');
    }
  }
}

/**
 * Asks for one secret and returns it sealed (secret-box ciphertext bound to `context`), or null
 * when the user cancelled, left, or the message could not be deleted.
 */
async function askSecret(conversation: Convo, ctx: Context, deps: BotDeps, vault: SecretBox, context: string, field: Field, prompt: string): Promise<string | null> {
  const asked = await ask(conversation, ctx, deps.conversationStore, prompt, { parse_mode: 'HTML', reply_markup: new InlineKeyboard().text('✖ Cancel', CANCEL) });
  const askedAt = await conversation.now();
  for (;;) {
    // No wait limit: a late answer must still be deleted here, not handed on to the text handler.
    const next = await conversation.wait();
    if (next.callbackQuery?.data === CANCEL) return cancelled(next, asked.message_id);
    const text = next.message?.text;
    if (text === undefined) {
      if (!next.message) await conversation.skip({ next: true });
      // A photo or a file where a key was asked for may show the key: it goes too, caption and all.
      await conversation.external((outside) => redact(outside.update));
      redact(next.update);
      await next.deleteMessage().catch(() => undefined);
      await next.reply('I deleted that message: send the key as a plain text message, or /cancel.');
      continue;
    }
    // The placeholder is no command, so a replay takes this branch exactly when the first run did.
    if (isCommand(text)) {
      await closeQuestion(next, asked.message_id, 'Connecting an exchange: left. Nothing was stored.');
      await conversation.halt({ next: true });
    }
    const sealed = await conversation.external((outside): Sealed => {
      redact(outside.update);
      redact(next.update);
      const value = text.trim();
      return plausible(value, field) ? { ok: true, sealed: vault.encrypt(value, context) } : { ok: false };
    });
    redact(next.update);
    const deleted = await next.deleteMessage().then(
      () => true,
      () => false,
    );
    if (!deleted) {
      await next.reply('⚠️ I could not delete your message with the key. Delete it yourself now, and revoke that key on the exchange: it stays visible in this chat. Nothing was stored.');
      await closeQuestion(next, asked.message_id, 'Connecting an exchange: stopped. Nothing was stored.');
      return null;
    }
    if ((await conversation.now()) - askedAt > WAIT_MS) {
      await closeQuestion(next, asked.message_id, 'Connecting an exchange: timed out. Nothing was stored.');
      await next.reply('I deleted that message, but the question had been open for more than 10 minutes. Nothing was stored; send /connect to start again.');
      return null;
    }
    if (sealed.ok) {
      await closeQuestion(next, asked.message_id, `🔑 API ${FIELD_NAMES[field]}: received (message deleted).`);
      return sealed.sealed;
    }
    await next.reply(field === 'api_key' ? 'That does not look like an API key (I deleted it). Send the key again, or /cancel.' : `That does not look like an API ${FIELD_NAMES[field]} (I deleted it). Send it again, or /cancel.`);
  }
}

/**
 * A command, not a key: "/accounts", "/price btc". Base64 secrets (Kraken's) may begin with "/",
 * but are one long token with characters no command has — those must be taken as secrets.
 */
function isCommand(text: string): boolean {
  return /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{1,64})?(\s|$)/.test(text);
}

const FIELD_NAMES: Record<Field, string> = { api_key: 'key', api_secret: 'secret', api_passphrase: 'passphrase' };

/** Keys are long and have no spaces; a secret may be a multi-line PEM key; a passphrase is the user's own (one line). */
function plausible(value: string, field: Field): boolean {
  if (value === SECRET_PLACEHOLDER) return false;
  if (field === 'api_passphrase') return value.length >= 1 && value.length <= 128 && !/[\r\n]/.test(value);
  if (value.length < 8 || value.length > 4096) return false;
  return field === 'api_key' ? !/\s/.test(value) : value.includes('-----BEGIN') || !/\s/.test(value);
}

/** A text that may be a pasted key, at a question that did not ask for one: deleted and replaced all the same. */
async function scrubIfSecret(conversation: Convo, next: Context): Promise<boolean> {
  const text = next.message?.text ?? '';
  const secretLike = await conversation.external((outside) => {
    const looks = text.length >= 16 && !/\s/.test(text.trim()) && /\d/.test(text) && /[A-Za-z]/.test(text);
    if (looks) redact(outside.update);
    return looks;
  });
  if (!secretLike) return false;
  redact(next.update);
  await next.deleteMessage().catch(() => undefined);
  return true;
}

/** The update keeps a placeholder instead of the text: conversation state and history store this object. */
function redact(update: Update): void {
  const message = update.message as { text?: string; entities?: unknown; caption?: string; caption_entities?: unknown } | undefined;
  if (message && typeof message.text === 'string') {
    message.text = SECRET_PLACEHOLDER;
    delete message.entities;
  }
  if (message && typeof message.caption === 'string') {
    message.caption = SECRET_PLACEHOLDER;
    delete message.caption_entities;
  }
}

async function cancelled(ctx: Context, questionId: number): Promise<null> {
  await ctx.answerCallbackQuery({ text: 'Cancelled. Nothing was stored.' });
  await closeQuestion(ctx, questionId, '✖ Connecting an exchange: cancelled. Nothing was stored.');
  return null;
}

async function closeQuestion(ctx: Context, messageId: number, text: string): Promise<void> {
  if (ctx.chatId === undefined) return;
  await ctx.api.editMessageText(ctx.chatId, messageId, text, { parse_mode: 'HTML' }).catch(() => {});
}
