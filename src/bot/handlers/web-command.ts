import type { Bot } from 'grammy';
import { html } from '../format/html.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { isGroup, replyInPrivate } from '../group-privacy.js';

/**
 * /web: a one-time link to the read-only web view of the portfolio. Private chats only: the link
 * shows a person's money. The code rides in the URL's fragment, which browsers never send to a
 * server, so it stays out of access logs and Referer headers.
 */
export function registerWebCommand(bot: Bot<ParleyContext>, deps: BotDeps): void {
  bot.filter(isGroup).command('web', async (ctx) => void (await replyInPrivate(ctx)));
  bot.filter((ctx) => !isGroup(ctx)).command('web', async (ctx) => {
    const { code, expiresAt } = await deps.webLinks.issue(ctx.parley!.user.id);
    const url = `${deps.publicUrl}/web/#c=${code}`;
    const minutes = Math.max(1, Math.round((expiresAt.getTime() - deps.clock.now()) / 60_000));
    await ctx.reply(
      [
        html`🔗 <a href="${url}">Open your portfolio in the browser</a>`,
        '',
        `It shows your portfolio, orders, fills and alerts, updating live — and changes nothing. The link opens once and works for ${minutes} minute${minutes === 1 ? '' : 's'}; send /web again for a new one. Don’t share it: it opens your portfolio.`,
      ].join('\n'),
      { parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
    );
  });
}
