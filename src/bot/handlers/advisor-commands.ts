import type { Bot } from 'grammy';
import { renderPlainAnswer } from '../answers/render-answer.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { PROPOSAL_CLOSED } from '../format/signal-messages.js';
import { PROPOSAL_CONFIRM, PROPOSAL_REJECT } from '../format/notification-messages.js';
import { isGroup, replyInPrivate } from '../group-privacy.js';

const ID = '([0-9A-Za-z]{12})';
const QUIET = /^quiet\s+(?:(off|none)|(\d{1,2})\s*[-–]\s*(\d{1,2}))$/i;

export const ADVISOR_COMMANDS = [{ command: 'advisor', description: 'Advisor mode: watched coins, quiet hours' }];

/** /advisor, and ✅ / ✖ on a proposal card. */
export function registerAdvisorCommands(bot: Bot<ParleyContext>, deps: BotDeps): void {
  const who = (ctx: ParleyContext) => ({ userId: ctx.parley!.user.id, account: ctx.parley!.account });

  bot.command('advisor', async (ctx) => {
    if (isGroup(ctx)) return void (await replyInPrivate(ctx));
    const arg = ctx.match.trim();
    if (arg) {
      const quiet = QUIET.exec(arg);
      if (!quiet) {
        await ctx.reply('Try /advisor, “/advisor quiet 22-7” (UTC hours) or “/advisor quiet off”. To watch a coin: “watch sol for me”.');
        return;
      }
      const [from, to] = [Number(quiet[2]), Number(quiet[3])];
      if (!quiet[1] && (from > 23 || to > 23)) {
        await ctx.reply('Quiet hours are whole UTC hours from 0 to 23, e.g. “/advisor quiet 22-7”.');
        return;
      }
      await deps.advisor.setQuietHours(ctx.parley!.user.id, quiet[1] ? null : { from, to });
    }
    await renderPlainAnswer(ctx, deps, await deps.assistant.advisorSettings(who(ctx)));
  });

  // ✅: answered at once; the card loses its buttons and the normal preview follows (its own ✅ executes, once).
  bot.callbackQuery(new RegExp(`^${PROPOSAL_CONFIRM}${ID}$`), async (ctx) => {
    const answer = await deps.assistant.previewProposal(who(ctx), ctx.match[1]!);
    if (answer.kind === 'proposal_closed') {
      await ctx.answerCallbackQuery({ text: PROPOSAL_CLOSED[answer.outcome], show_alert: answer.outcome === 'not_yours' });
      if (answer.outcome !== 'not_yours') await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
      return;
    }
    await ctx.answerCallbackQuery({ text: 'Here is the preview.' });
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
    await renderPlainAnswer(ctx, deps, answer);
  });

  bot.callbackQuery(new RegExp(`^${PROPOSAL_REJECT}${ID}$`), async (ctx) => {
    const decided = await deps.assistant.rejectProposal(who(ctx), ctx.match[1]!);
    if (decided.outcome !== 'rejected') {
      await ctx.answerCallbackQuery({ text: PROPOSAL_CLOSED[decided.outcome] ?? 'This proposal is no longer available.', show_alert: decided.outcome === 'not_yours' });
      return;
    }
    await ctx.answerCallbackQuery({ text: 'Rejected. Nothing was traded.' });
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
  });
}
