import type { Bot } from 'grammy';
import { userMessageOf } from '../../shared/errors.js';
import type { ParseResult } from '../../nlu/contract.js';
import { marketRequestFrom, sizeFromCommand } from '../../trading/request-from-command.js';
import { COMPLETE_TRADE, type CompleteTradeArgs } from '../conversations/complete-trade.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { html } from '../format/html.js';
import { helpText, NOT_YET, unknownText } from '../texts.js';
import { replyPortfolio, replyPrice } from './info-replies.js';
import { replyWithPreview } from './trade-preview.js';

type Reply = { outcome: string; reply: string };

/** Free text: parse, then act on the intent. Every message gets an answer and a history line. */
export function registerTextMessages(bot: Bot<ParleyContext>, deps: BotDeps): void {
  bot.on('message:text', async (ctx) => {
    const text = ctx.message.text;
    if (text.startsWith('/')) {
      await ctx.reply('I don’t know that command. Try /help.');
      return;
    }
    const parsed = await deps.parser.parse(text);
    let result: Reply;
    try {
      result = await answerIntent(ctx, deps, parsed);
    } catch (error) {
      deps.logger.warn({ err: error, intent: parsed.command.intent }, 'could not answer a message');
      const reply = userMessageOf(error);
      await ctx.reply(reply);
      result = { outcome: 'error', reply };
    }
    await deps.history
      .record({
        userId: ctx.parley?.user.id ?? null,
        chatId: ctx.chat.id,
        text,
        parser: parsed.parser,
        intent: parsed.command.intent,
        entities: entitiesOf(parsed),
        confidence: parsed.confidence,
        outcome: result.outcome,
        reply: result.reply,
      })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'could not record command history'));
  });

  bot.on('message', (ctx) => ctx.reply('I read text messages only. Try “price of btc” or /help.'));
}

export async function answerIntent(ctx: ParleyContext, deps: BotDeps, parsed: ParseResult): Promise<Reply> {
  const { command } = parsed;
  const say = async (text: string, outcome = 'answered'): Promise<Reply> => {
    await ctx.reply(text, { parse_mode: 'HTML' });
    return { outcome, reply: text };
  };
  switch (command.intent) {
    case 'buy_market':
    case 'sell_market': {
      const mapped = marketRequestFrom(command);
      if (mapped.ok) return replyWithPreview(ctx, deps, mapped.request);
      // Something is missing: a conversation asks for it (and survives a restart).
      const args: CompleteTradeArgs = {
        side: mapped.side,
        symbol: mapped.symbol ?? null,
        unresolvedCoin: parsed.unresolvedCoin ?? null,
        size: sizeFromCommand(command),
      };
      await ctx.conversation.enter(COMPLETE_TRADE, args);
      return { outcome: mapped.missing === 'symbol' ? 'asked_coin' : 'asked_amount', reply: '' };
    }
    case 'check_portfolio':
      return replyPortfolio(ctx, deps);
    case 'get_price':
      if (!command.symbol) return say(parsed.unresolvedCoin ? unknownText(parsed.unresolvedCoin) : 'Price of which coin? For example “price of eth”.', 'needs_input');
      return replyPrice(ctx, deps, command.symbol);
    case 'help':
      return say(helpText());
    case 'unknown':
      return say(unknownText(parsed.unresolvedCoin), 'not_understood');
    default:
      return say(html`${NOT_YET[command.intent] ?? 'That isn’t available yet.'}`, 'not_available');
  }
}

function entitiesOf(parsed: ParseResult): Record<string, unknown> {
  const { intent: _intent, ...entities } = parsed.command;
  return entities;
}
