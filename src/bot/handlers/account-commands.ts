import { InlineKeyboard, type Bot } from 'grammy';
import { AppError, userMessageOf } from '../../shared/errors.js';
import type { AccountView } from '../account-ports.js';
import type { ParleyContext } from '../context.js';
import { CONNECT_EXCHANGE } from '../conversations/connect-exchange.js';
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
import { html } from '../format/html.js';
import type { UserCache } from '../middleware/identify-user.js';

/** For the command menu (setMyCommands), beside handlers/commands.ts's COMMANDS. */
export const ACCOUNT_COMMANDS = [
  { command: 'connect', description: 'Connect an exchange account (API keys)' },
  { command: 'accounts', description: 'Your accounts, and which one you trade with' },
  { command: 'disconnect', description: 'Remove a connected exchange account' },
];

/**
 * /connect, /accounts, /disconnect and their buttons. Account changes go through the account book
 * (one transaction each); after a switch this instance's user cache forgets the user, so the very
 * next message trades with the new account. Buttons carry an account id only: it is looked up
 * among the presser's own accounts, so a button pressed by anyone else finds nothing.
 */
export function registerAccountCommands(bot: Bot<ParleyContext>, deps: BotDeps, users: UserCache): void {
  const book = deps.liveAccounts.book;
  const userId = (ctx: ParleyContext) => ctx.parley!.user.id;

  bot.command('connect', async (ctx) => {
    if (ctx.chat.type !== 'private') return void (await ctx.reply(NOT_IN_GROUPS));
    if (!deps.liveAccounts.vault) return void (await ctx.reply(NEEDS_ENCRYPTION_KEY));
    // /connect again starts over: a half-finished one is dropped, with whatever it had sealed.
    await ctx.conversation.exit(CONNECT_EXCHANGE);
    await ctx.conversation.enter(CONNECT_EXCHANGE);
  });

  bot.command('accounts', async (ctx) => {
    if (ctx.chat.type !== 'private') return void (await ctx.reply(PRIVATE_ONLY));
    const accounts = await book.list(userId(ctx));
    const keyboard = new InlineKeyboard();
    for (const a of accounts.filter((x) => !x.isDefault)) keyboard.text(`Use ${plain(a)}`, accountButton.use(a.id)).row();
    await ctx.reply(accountsMessage(accounts), { parse_mode: 'HTML', reply_markup: keyboard });
  });

  bot.command('disconnect', async (ctx) => {
    if (ctx.chat.type !== 'private') return void (await ctx.reply(PRIVATE_ONLY));
    const connected = (await book.list(userId(ctx))).filter((a) => a.mode !== 'paper');
    if (connected.length === 0) return void (await ctx.reply('No exchange is connected: you trade on paper. /connect adds one.'));
    const keyboard = new InlineKeyboard();
    for (const a of connected) keyboard.text(`Remove ${plain(a)}`, accountButton.remove(a.id)).row();
    keyboard.text('✖ Keep them', accountButton.keep);
    await ctx.reply('Which exchange account should I remove? Its keys are erased from Parley; the paper account stays.', { reply_markup: keyboard });
  });

  // Switch: paper and testnet at once; a live account asks first, because trades will use real money.
  bot.callbackQuery(new RegExp(`^${ACCOUNT_PREFIX}use:(\\d+)$`), async (ctx) => {
    await ctx.answerCallbackQuery();
    const account = await book.get(userId(ctx), Number(ctx.match[1]));
    if (!account) return void (await edit(ctx, 'That account is not one of yours, or it was disconnected. /accounts shows them.'));
    if (account.isDefault) return void (await edit(ctx, html`Nothing changed. ` + tradingWith(account)));
    if (account.mode === 'live') {
      const keyboard = new InlineKeyboard().text('Yes, trade LIVE', accountButton.go(account.id)).text('No', accountButton.keep);
      return void (await edit(ctx, html`⚠️ Switch to ${exchangeLabel(account.exchange)} LIVE? From then on, every trade you confirm uses <b>real money</b> on your ${exchangeLabel(account.exchange)} account.`, keyboard));
    }
    await switchTo(ctx, account.id);
  });

  bot.callbackQuery(new RegExp(`^${ACCOUNT_PREFIX}go:(\\d+)$`), async (ctx) => {
    await ctx.answerCallbackQuery();
    await switchTo(ctx, Number(ctx.match[1]));
  });

  bot.callbackQuery(accountButton.keep, async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Nothing changed.' });
    const active = (await book.list(userId(ctx))).find((a) => a.isDefault);
    await edit(ctx, `Nothing changed. ${active ? tradingWith(active) : ''} /accounts switches any time.`);
  });

  bot.callbackQuery(new RegExp(`^${ACCOUNT_PREFIX}rm:(\\d+)$`), async (ctx) => {
    await ctx.answerCallbackQuery();
    const account = await book.get(userId(ctx), Number(ctx.match[1]));
    if (!account || account.mode === 'paper') return void (await edit(ctx, 'That account is not one of yours, or it was removed already.'));
    const keyboard = new InlineKeyboard().text('Yes, remove it', accountButton.removeConfirmed(account.id)).text('No', accountButton.keep);
    await edit(ctx, `Remove ${accountName(account)}? Its keys are erased from Parley${account.isDefault ? ' and you go back to trading on paper' : ''}. Its trade history stays.`, keyboard);
  });

  bot.callbackQuery(new RegExp(`^${ACCOUNT_PREFIX}rmy:(\\d+)$`), async (ctx) => {
    await ctx.answerCallbackQuery();
    try {
      const { removed, active } = await book.disconnect(userId(ctx), Number(ctx.match[1]));
      deps.liveAccounts.forgetExchange(removed.id);
      users.forget(ctx.from.id);
      deps.logger.info({ userId: userId(ctx), accountId: removed.id, exchange: removed.exchange, mode: removed.mode }, 'exchange account disconnected');
      await edit(
        ctx,
        `🗑 ${accountName(removed)} removed: its keys are erased from Parley. ` +
          html`Revoke the key on ${exchangeLabel(removed.exchange)} too, so it works nowhere.\n` +
          tradingWith(active),
      );
    } catch (error) {
      await edit(ctx, html`${userMessageOf(error)}`);
      if (!(error instanceof AppError)) throw error;
    }
  });

  async function switchTo(ctx: ParleyContext, accountId: number): Promise<void> {
    let account: AccountView;
    try {
      account = await book.setDefault(userId(ctx), accountId);
    } catch (error) {
      await edit(ctx, html`${userMessageOf(error)}`);
      if (error instanceof AppError) return;
      throw error;
    }
    users.forget(ctx.from!.id);
    deps.logger.info({ userId: userId(ctx), accountId, mode: account.mode, exchange: account.exchange }, 'trading account switched');
    await edit(ctx, `${tradingWith(account)}\n/accounts switches back.`);
  }
}

/** Button labels are plain text, not HTML. */
const plain = (a: AccountView) => (a.mode === 'paper' ? '📝 Paper' : `${exchangeLabel(a.exchange)} ${a.mode === 'live' ? 'LIVE' : 'testnet'}`);

/** Answers in place: the message whose button was pressed. */
async function edit(ctx: ParleyContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  const options = { parse_mode: 'HTML' as const, ...(keyboard ? { reply_markup: keyboard } : {}) };
  await ctx.editMessageText(text, options).catch(() => ctx.reply(text, options));
}
