import type { Bot } from 'grammy';
import { userMessageOf } from '../../shared/errors.js';
import type { ParseResult } from '../../nlu/contract.js';
import { cancelFromCommand, requestFromCommand } from '../../trading/request-from-command.js';
import { COMPLETE_TRADE, type CompleteTradeArgs } from '../conversations/complete-trade.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { answerSetAlert } from './alert-replies.js';
import { html } from '../format/html.js';
import { helpText, NOT_YET, rephraseText, unknownText } from '../texts.js';
import { replyPortfolio, replyPrice } from './info-replies.js';
import { replyOrderPicker, replyOrders } from './order-replies.js';
import { replyWithCancelPreview, replyWithPreview } from './trade-preview.js';

type Reply = { outcome: string; reply: string };

/** Parser confidence below which a trade is not previewed but read back (see offline-parser.ts's scale). */
const ASK_BELOW = 0.4;
/** Below this the preview carries a warning to check it. */
const CAUTION_BELOW = 0.7;

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
    ctx.historyNote = {
      parser: parsed.parser,
      intent: parsed.command.intent,
      entities: entitiesOf(parsed),
      confidence: parsed.confidence,
      outcome: result.outcome,
      reply: result.reply,
    };
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
    case 'sell_market':
    case 'buy_limit':
    case 'sell_limit':
    case 'set_stop_loss':
    case 'set_take_profit': {
      const mapped = requestFromCommand(command)!;
      // Money is the worst thing to misunderstand: a weak reading is shown back, not previewed.
      if (parsed.confidence < ASK_BELOW) return say(rephraseText(command), 'asked_rephrase');
      if (mapped.ok) return replyWithPreview(ctx, deps, mapped.request, { unsure: parsed.confidence < CAUTION_BELOW });
      // Something is missing: a conversation asks for it (and survives a restart).
      const args: CompleteTradeArgs = { request: mapped.request, unresolvedCoin: parsed.unresolvedCoin ?? null };
      await ctx.conversation.enter(COMPLETE_TRADE, args);
      return { outcome: `asked_${mapped.missing}`, reply: '' };
    }
    case 'cancel_order': {
      const request = cancelFromCommand(command);
      if (request) return replyWithCancelPreview(ctx, deps, request);
      return replyOrderPicker(ctx, deps, command.symbol ?? undefined);
    }
    case 'list_orders':
      return replyOrders(ctx, deps, command.symbol ?? undefined);
    case 'check_portfolio':
      return replyPortfolio(ctx, deps);
    case 'get_price':
      if (!command.symbol) return say(parsed.unresolvedCoin ? unknownText(parsed.unresolvedCoin) : 'Price of which coin? For example “price of eth”.', 'needs_input');
      return replyPrice(ctx, deps, command.symbol);
    case 'set_alert':
      return answerSetAlert(ctx, deps, parsed);
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
