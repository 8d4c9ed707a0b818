import type { Bot } from 'grammy';
import { readLabPhrase, type LabPhrase } from '../../assistant/lab-phrases.js';
import type { LabRequest } from '../../lab/lab-request.js';
import { STRATEGIES } from '../../signals/strategies/index.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { errorText } from '../format/error-text.js';
import { html } from '../format/html.js';
import { labProgressText } from '../format/lab-messages.js';

export const LAB_COMMANDS = [{ command: 'backtest', description: 'Backtest a strategy, e.g. /backtest rsi btc 2021' }];

export const BACKTEST_USAGE = [
  '<b>🧪 Backtests</b>',
  'Tell me a strategy, a coin and a period, for example:',
  '• <code>/backtest rsi btc 2021</code>',
  '• “backtest ema cross on eth from 2021-02-01 to 2021-05-01”',
  '',
  `Strategies: ${STRATEGIES.map((s) => `<b>${s.name}</b> (${s.summary})`).join('; ')}. “rsi” and “ema” for short.`,
  'Coins: the ones I have hourly history for (BTC, ETH, SOL, XRP, ADA, Dec 2020 → Jul 2021).',
  '',
  'Then: “monte carlo on that” for the spread of outcomes, or “how would the rl agent have done?”.',
].join('\n');

/**
 * /backtest and lab requests in words. The work runs in a job: the chat gets a progress message at
 * once, which the notifier edits as the job goes (from whichever process runs it), then the card and
 * the charts.
 */
export function registerLabCommands(bot: Bot<ParleyContext>, deps: BotDeps): void {
  const coinOf = (word: string) => deps.offlineParse(`price of ${word}`).command.symbol ?? null;

  bot.command('backtest', async (ctx) => {
    const args = ctx.match.trim();
    if (!args) {
      await ctx.reply(BACKTEST_USAGE, { parse_mode: 'HTML' });
      ctx.historyNote = { parser: 'command', intent: 'lab.backtest', entities: {}, confidence: 1, outcome: 'usage', reply: BACKTEST_USAGE };
      return;
    }
    await answerLab(ctx, deps, readLabPhrase(`backtest ${args}`, coinOf)!);
  });

  bot.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    const phrase = readLabPhrase(ctx.message.text, coinOf);
    if (!phrase) return next();
    await answerLab(ctx, deps, phrase);
  });
}

async function answerLab(ctx: ParleyContext, deps: BotDeps, phrase: LabPhrase): Promise<void> {
  const userId = ctx.parley!.user.id;
  let reply: string;
  let outcome = 'started';
  try {
    const request = await requestOf(phrase, userId, deps);
    if (typeof request === 'string') {
      reply = request;
      outcome = 'question';
      await ctx.reply(reply, { parse_mode: 'HTML' });
    } else {
      const chatId = ctx.chat!.id;
      const run = await deps.lab.submit(userId, request, {
        // The progress message and where it is, before the job can first edit it.
        beforeStart: async (r) => {
          const sent = await ctx.reply(labProgressText(r.title, 0));
          await deps.targets.set({ subject: `lab:${r.id}`, channel: 'telegram', chatId, messageId: sent.message_id });
        },
      });
      reply = labProgressText(run.title, 0);
    }
  } catch (error) {
    outcome = 'error';
    reply = errorText(error);
    await ctx.reply(reply);
  }
  ctx.historyNote = { parser: 'lab', intent: `lab.${phrase.kind}`, entities: { ...phrase }, confidence: 1, outcome, reply };
}

/** The request a phrase makes, or the question to ask when it misses a part. */
async function requestOf(phrase: LabPhrase, userId: number, deps: BotDeps): Promise<LabRequest | string> {
  switch (phrase.kind) {
    case 'monte-carlo':
      return deps.lab.monteCarloOnLast(userId, { ...(phrase.scenarios ? { scenarios: phrase.scenarios } : {}), ...(phrase.seed !== undefined ? { seed: phrase.seed } : {}) });
    case 'rl':
      return deps.lab.rlOnLast(userId);
    case 'backtest': {
      if (phrase.coinText && !phrase.coin) return html`I don’t know the coin “${phrase.coinText}”. Try BTC, ETH, SOL, XRP or ADA, e.g. /backtest rsi btc 2021.`;
      if (!phrase.strategy || !phrase.coin) {
        const missing = !phrase.strategy && !phrase.coin ? 'which strategy, on which coin' : !phrase.strategy ? `which strategy on ${phrase.coin}` : `${phrase.strategy} on which coin`;
        return `Backtest ${html`${missing}`}? For example <code>/backtest rsi btc 2021</code>. /backtest alone shows the choices.`;
      }
      const { year, from, to } = phrase;
      return { kind: 'backtest', backtest: { strategy: phrase.strategy, symbol: phrase.coin, ...(year !== undefined ? { year } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) } };
    }
  }
}
