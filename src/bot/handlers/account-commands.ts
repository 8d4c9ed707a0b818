import { InlineKeyboard, type Bot } from 'grammy';
import type { AccountView } from '../../accounts/types.js';
import { AppError } from '../../shared/errors.js';
import type { ParleyContext } from '../context.js';
import { CONNECT_EXCHANGE } from '../conversations/conversation-names.js';
import type { BotDeps } from '../deps.js';
import {
  ACCOUNT_PREFIX,
  accountButton,
  accountName,
  accountsMessage,
  exchangeLabel,
  NEEDS_ENCRYPTION_KEY,
  NOT_IN_GROUPS,
  PRIVATE_ONLY,
  tradingWith,
} from '../format/account-messages.js';
import { errorText } from '../format/error-text.js';
import { html } from '../format/html.js';

/** For the command menu (setMyCommands), beside handlers/commands.ts's COMMANDS. */
export const ACCOUNT_COMMANDS = [
  { command: 'connect', description: 'Connect an exchange account (API keys)' },
  { command: 'accounts', description: 'Your accounts, and which one you trade with' },
  { command: 'disconnect', description: 'Remove a connected exchange account' },
  { command: 'link', description: 'A one-time code to use this account from the REST API' },
];

/**
 * /connect, /accounts, /disconnect and their buttons: each calls one account use case. Buttons
 * carry an account id only: the use case looks it up among the presser's own accounts, so a
 * button pressed by anyone else finds nothing.
 */
export function registerAccountCommands(bot: Bot<ParleyContext>, deps: BotDeps): void {
  const { accounts } = deps;
  const userId = (ctx: ParleyContext) => ctx.parley!.user.id;

  bot.command('connect', async (ctx) => {
    if (ctx.chat.type !== 'private') return void (await ctx.reply(NOT_IN_GROUPS));
    if (!accounts.canConnect || !deps.vault) return void (await ctx.reply(NEEDS_ENCRYPTION_KEY));
    // /connect again starts over: a half-finished one is dropped, with whatever it had sealed.
    await ctx.conversation.exit(CONNECT_EXCHANGE);
    await ctx.conversation.enter(CONNECT_EXCHANGE);
  });

  bot.command('link', async (ctx) => {
    if (ctx.chat.type !== 'private') return void (await ctx.reply(PRIVATE_ONLY));
    if (!deps.linkCode) return void (await ctx.reply('Email logins are not available on this server.'));
    const { code, expiresAt } = await deps.linkCode(userId(ctx));
    const minutes = Math.max(1, Math.round((expiresAt.getTime() - deps.clock.now()) / 60_000));
    await ctx.reply(
      html`Your link code: <code>${code}</code> (one use, ${String(minutes)} minutes).\nRegister an email login with POST /api/v1/auth/register and <code>"telegram_id": "${String(ctx.from!.id)}", "link_code": "${code}"</code>: it will see this same account.`,
      { parse_mode: 'HTML' },
    );
  });

  bot.command('accounts', async (ctx) => {
    if (ctx.chat.type !== 'private') return void (await ctx.reply(PRIVATE_ONLY));
    const list = await accounts.list(userId(ctx));
    const keyboard = new InlineKeyboard();
    for (const a of list.filter((x) => !x.isDefault)) keyboard.text(`Use ${plain(a)}`, accountButton.use(a.id)).row();
    await ctx.reply(accountsMessage(list), { parse_mode: 'HTML', reply_markup: keyboard });
  });

  bot.command('disconnect', async (ctx) => {
    if (ctx.chat.type !== 'private') return void (await ctx.reply(PRIVATE_ONLY));
    const connected = (await accounts.list(userId(ctx))).filter((a) => a.mode !== 'paper');
    if (connected.length === 0) return void (await ctx.reply('No exchange is connected: you trade on paper. /connect adds one.'));
    const keyboard = new InlineKeyboard();
    for (const a of connected) keyboard.text(`Remove ${plain(a)}`, accountButton.remove(a.id)).row();
    keyboard.text('✖ Keep them', accountButton.keep);
    await ctx.reply('Which exchange account should I remove? Its keys are erased from Parley; the paper account stays.', { reply_markup: keyboard });
  });

  // Switch: paper and testnet at once; a live account asks first, because trades will use real money.
  bot.callbackQuery(new RegExp(`^${ACCOUNT_PREFIX}(use|go):(\\d+)$`), async (ctx) => {
    await ctx.answerCallbackQuery();
    let outcome;
    try {
      outcome = await accounts.switchTo(userId(ctx), Number(ctx.match[2]), { liveConfirmed: ctx.match[1] === 'go' });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return void (await edit(ctx, html`${errorText(error)}`));
    }
    const { account } = outcome;
    if (outcome.outcome === 'unchanged') return void (await edit(ctx, html`Nothing changed. ` + tradingWith(account)));
    if (outcome.outcome === 'confirm_live') {
      const keyboard = new InlineKeyboard().text('Yes, trade LIVE', accountButton.go(account.id)).text('No', accountButton.keep);
      return void (await edit(ctx, html`⚠️ Switch to ${exchangeLabel(account.exchange)} LIVE? From then on, every trade you confirm uses <b>real money</b> on your ${exchangeLabel(account.exchange)} account.`, keyboard));
    }
    await edit(ctx, `${tradingWith(account)}\n/accounts switches back.`);
  });

  bot.callbackQuery(accountButton.keep, async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Nothing changed.' });
    const active = (await accounts.list(userId(ctx))).find((a) => a.isDefault);
    await edit(ctx, `Nothing changed. ${active ? tradingWith(active) : ''} /accounts switches any time.`);
  });

  bot.callbackQuery(new RegExp(`^${ACCOUNT_PREFIX}rm:(\\d+)$`), async (ctx) => {
    await ctx.answerCallbackQuery();
    const account = (await accounts.list(userId(ctx))).find((a) => a.id === Number(ctx.match[1]));
    if (!account || account.mode === 'paper') return void (await edit(ctx, 'That account is not one of yours, or it was removed already.'));
    const keyboard = new InlineKeyboard().text('Yes, remove it', accountButton.removeConfirmed(account.id)).text('No', accountButton.keep);
    await edit(ctx, `Remove ${accountName(account)}? Its keys are erased from Parley${account.isDefault ? ' and you go back to trading on paper' : ''}. Its trade history stays.`, keyboard);
  });

  bot.callbackQuery(new RegExp(`^${ACCOUNT_PREFIX}rmy:(\\d+)$`), async (ctx) => {
    await ctx.answerCallbackQuery();
    try {
      const { removed, active } = await accounts.disconnect(userId(ctx), Number(ctx.match[1]));
      await edit(
        ctx,
        `🗑 ${accountName(removed)} removed: its keys are erased from Parley. ` +
          html`Revoke the key on ${exchangeLabel(removed.exchange)} too, so it works nowhere.\n` +
          tradingWith(active),
      );
    } catch (error) {
      await edit(ctx, html`${errorText(error)}`);
      if (!(error instanceof AppError)) throw error;
    }
  });
}

/** Button labels are plain text, not HTML. */
const plain = (a: AccountView) => (a.mode === 'paper' ? '📝 Paper' : `${exchangeLabel(a.exchange)} ${a.mode === 'live' ? 'LIVE' : 'testnet'}`);

/** Answers in place: the message whose button was pressed. */
async function edit(ctx: ParleyContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  const options = { parse_mode: 'HTML' as const, ...(keyboard ? { reply_markup: keyboard } : {}) };
  await ctx.editMessageText(text, options).catch(() => ctx.reply(text, options));
}
