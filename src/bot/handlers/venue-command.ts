import type { Bot } from 'grammy';
import { AppError, userMessageOf } from '../../shared/errors.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { html } from '../format/html.js';

/**
 * /venue: where market orders go when the message does not say. "/venue" shows the setting and the
 * venues with how they have been answering; "/venue best" routes every market order to the
 * cheapest venue or split; "/venue kraken" sends them there; "/venue off" back to the account's exchange.
 */
/** In Telegram's command menu. */
export const VENUE_COMMANDS = [{ command: 'venue', description: 'Where market orders go: a venue, or the cheapest' }];

export function registerVenueCommand(bot: Bot<ParleyContext>, deps: BotDeps): void {
  bot.command('venue', async (ctx) => {
    const who = { userId: ctx.parley!.user.id, account: ctx.parley!.account };
    const arg = (ctx.match ?? '').trim().toLowerCase();
    try {
      if (arg) {
        const set = await deps.trading.setDefaultVenue(who, arg === 'off' || arg === 'default' ? null : arg);
        const said = set.venue === null ? 'your account’s own exchange' : set.venue === 'best' ? 'the cheapest venue, or a split when it pays' : set.venue;
        await ctx.reply(html`Market orders now go to ${said}. Say “on kraken” or “wherever it’s cheapest” in an order to choose for that one.`, { parse_mode: 'HTML' });
        return;
      }
      const [current, venues] = await Promise.all([deps.trading.defaultVenue(who.userId), deps.trading.venues(who)]);
      const lines = venues.map((v) => {
        const h = v.health;
        const health = h ? `p50 ${h.p50Ms ?? '–'} ms, p99 ${h.p99Ms ?? '–'} ms, errors ${(h.errorRate * 100).toFixed(1)} % over ${h.requests} requests` : 'no requests measured yet';
        return html`• ${v.id} — ${v.label}: ${health}`;
      });
      await ctx.reply(
        [html`Default venue: ${current ?? 'your account’s own exchange'}`, ...lines, '', html`Change it with /venue best, /venue &lt;name&gt; or /venue off.`].join('\n'),
        { parse_mode: 'HTML' },
      );
    } catch (error) {
      await ctx.reply(error instanceof AppError ? userMessageOf(error) : 'That did not work; please try again.');
      if (!(error instanceof AppError)) deps.logger.warn({ err: error }, '/venue failed');
    }
  });
}
