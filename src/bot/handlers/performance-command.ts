import { InputFile, type Bot } from 'grammy';
import { equityChartPng } from '../../charts/equity-chart.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { chartInput, performanceMessage } from '../format/performance-message.js';
import { isGroup, replyInPrivate } from '../group-privacy.js';

/** /performance: the equity curve and its drawdown as an image, then the numbers per period. Private chats only. */
export function registerPerformanceCommand(bot: Bot<ParleyContext>, deps: BotDeps): void {
  bot.filter(isGroup).command('performance', async (ctx) => void (await replyInPrivate(ctx)));
  bot.filter((ctx) => !isGroup(ctx)).command('performance', async (ctx) => {
    await ctx.replyWithChatAction('upload_photo').catch(() => {});
    const view = await deps.performance.view({ userId: ctx.parley!.user.id, account: ctx.parley!.account });
    const chart = chartInput(view);
    await ctx.replyWithPhoto(new InputFile(equityChartPng(chart), 'performance.png'), { caption: `${chart.title}\n${chart.subtitle}` });
    await ctx.reply(performanceMessage(view), { parse_mode: 'HTML' });
  });
}
