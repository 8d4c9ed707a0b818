import type { Bot } from 'grammy';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { helpText, welcomeText } from '../texts.js';
import { replyAlertList } from './alert-replies.js';
import { replyPortfolio } from './info-replies.js';
import { replyOrders } from './order-replies.js';
import { answerIntent } from './text-messages.js';

/** The menu Telegram shows beside the text box (setMyCommands). */
export const COMMANDS = [
  { command: 'start', description: 'Start, and open your paper account' },
  { command: 'help', description: 'What I can do' },
  { command: 'portfolio', description: 'Balances, positions and P&L' },
  { command: 'orders', description: 'Your open orders' },
  { command: 'price', description: 'Price of a coin, e.g. /price btc' },
  { command: 'alerts', description: 'Your price alerts' },
  { command: 'cancel', description: 'Stop the question I am asking (orders: “cancel #id”)' },
];

export function registerCommands(bot: Bot<ParleyContext>, deps: BotDeps): void {
  bot.command('start', async (ctx) => {
    const { created } = ctx.parley!;
    await ctx.reply(welcomeText(ctx.from?.first_name, created, deps.paperStartLabel), { parse_mode: 'HTML' });
  });
  bot.command('help', (ctx) => ctx.reply(helpText(), { parse_mode: 'HTML' }));
  bot.command('portfolio', async (ctx) => void (await replyPortfolio(ctx, deps)));
  bot.command('orders', async (ctx) => void (await replyOrders(ctx, deps)));
  bot.command('alerts', async (ctx) => void (await replyAlertList(ctx, deps)));
  bot.command('price', async (ctx) => {
    const coin = ctx.match.trim();
    if (!coin) {
      await ctx.reply('Price of which coin? For example /price btc');
      return;
    }
    // "/price eth" is just "price of eth": the parser resolves names and pairs.
    await answerIntent(ctx, deps, await deps.parser.parse(`price of ${coin}`));
  });
}
