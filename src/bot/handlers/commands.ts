import { InlineKeyboard, type Bot } from 'grammy';
import type { DigestPreference } from '../../notifications/notification.js';
import { sendAlertList, sendOrders } from '../answers/list-replies.js';
import { renderPlainAnswer } from '../answers/render-answer.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { portfolioMessage } from '../format/portfolio-message.js';
import { isGroup, replyInPrivate } from '../group-privacy.js';
import { helpText, welcomeText } from '../texts.js';
import { answerParsed } from './text-messages.js';

/** The menu Telegram shows beside the text box (setMyCommands). */
export const COMMANDS = [
  { command: 'start', description: 'Start, and open your paper account' },
  { command: 'help', description: 'What I can do' },
  { command: 'portfolio', description: 'Balances, positions and P&L' },
  { command: 'orders', description: 'Your open orders' },
  { command: 'price', description: 'Price of a coin, e.g. /price btc' },
  { command: 'alerts', description: 'Your price alerts' },
  { command: 'web', description: 'Your portfolio in the browser (read-only link)' },
  { command: 'signals', description: 'Signals for your coins, with their track record' },
  { command: 'notifications', description: 'News at once, or gathered in a digest' },
  { command: 'cancel', description: 'Stop the question I am asking (orders: “cancel #id”)' },
];

const DIGEST_PREFIX = 'nd:';
const DIGEST_LABEL: Record<DigestPreference, string> = { off: 'At once', hourly: 'Hourly digest', daily: 'Daily digest' };

export function registerCommands(bot: Bot<ParleyContext>, deps: BotDeps): void {
  const who = (ctx: ParleyContext) => ({ userId: ctx.parley!.user.id, account: ctx.parley!.account });

  bot.command('start', async (ctx) => {
    const { created } = ctx.parley!;
    await ctx.reply(welcomeText(ctx.from?.first_name, created, deps.paperStartLabel), { parse_mode: 'HTML' });
  });
  bot.command('help', (ctx) => ctx.reply(helpText(), { parse_mode: 'HTML' }));
  // About a person's money: answered in their private chat only.
  const privately = bot.filter((ctx) => !isGroup(ctx));
  bot.filter(isGroup).command(['portfolio', 'orders', 'alerts', 'notifications', 'signals'], async (ctx) => void (await replyInPrivate(ctx)));
  privately.command('portfolio', async (ctx) => void (await ctx.reply(portfolioMessage(await deps.trading.portfolio(ctx.parley!.account)), { parse_mode: 'HTML' })));
  privately.command('orders', async (ctx) => void (await sendOrders(ctx, await deps.trading.orderList(who(ctx)), null)));
  privately.command('signals', async (ctx) => void (await renderPlainAnswer(ctx, deps, await deps.assistant.signalList(who(ctx)))));
  privately.command('alerts', async (ctx) => void (await sendAlertList(ctx, await deps.alerts.listView(ctx.parley!.user.id))));
  bot.command('price', async (ctx) => {
    const coin = ctx.match.trim();
    if (!coin) {
      await ctx.reply('Price of which coin? For example /price btc');
      return;
    }
    // "/price eth" is just "price of eth": the parser resolves names and pairs.
    await answerParsed(ctx, deps, await deps.parser.parse(`price of ${coin}`));
  });

  // How non-urgent news arrives. Fills, triggered stops and alerts always come at once.
  privately.command('notifications', async (ctx) => {
    const current = await deps.notifications.digestPreference(ctx.parley!.user.id);
    await ctx.reply(digestText(current), { parse_mode: 'HTML', reply_markup: digestKeyboard(current) });
  });
  bot.callbackQuery(new RegExp(`^${DIGEST_PREFIX}(off|hourly|daily)$`), async (ctx) => {
    const choice = ctx.match[1] as DigestPreference;
    await deps.notifications.setDigestPreference(ctx.parley!.user.id, choice);
    await ctx.answerCallbackQuery({ text: `News: ${DIGEST_LABEL[choice].toLowerCase()}.` });
    await ctx.editMessageText(digestText(choice), { parse_mode: 'HTML', reply_markup: digestKeyboard(choice) }).catch(() => {});
  });
}

function digestText(current: DigestPreference): string {
  return [
    '<b>🔔 Notifications</b>',
    'Fills, triggered stops, rejected orders and price alerts always reach you at once.',
    'Other news — orders cancelled or expired on the exchange, balance changes found on a connected exchange — can come at once or gathered into one message.',
    '',
    `Now: <b>${DIGEST_LABEL[current]}</b>`,
  ].join('\n');
}

function digestKeyboard(current: DigestPreference): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const choice of ['off', 'hourly', 'daily'] as const) keyboard.text(`${choice === current ? '• ' : ''}${DIGEST_LABEL[choice]}`, `${DIGEST_PREFIX}${choice}`);
  return keyboard;
}
