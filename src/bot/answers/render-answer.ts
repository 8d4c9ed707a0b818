import type { Answer } from '../../assistant/answer.js';
import { ALERT_PRICE, COMPLETE_TRADE, type AlertPriceArgs, type CompleteTradeArgs } from '../conversations/conversation-names.js';
import type { BaseContext, ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { html } from '../format/html.js';
import { portfolioMessage } from '../format/portfolio-message.js';
import { priceMessage } from '../format/price-message.js';
import { advisorMessage, PROPOSAL_CLOSED, signalListMessage, signalMessage, whyMessage } from '../format/signal-messages.js';
import { marketSummaryMessage } from '../format/market-messages.js';
import { helpText, NOT_YET, numberProblemText, rephraseText, unknownText } from '../texts.js';
import { sendAlertRefused, sendAlertSet } from './alert-replies.js';
import { sendAlertList, sendOrderPicker, sendOrders, sendTradeHistory } from './list-replies.js';
import { sendBlocked, sendCancelBlocked, sendCancelPreview, sendPreview, sendSellAll } from './preview-replies.js';

/**
 * An answer as chat. Answers that need a question (a missing coin, amount or price) start the
 * conversation that asks it; everything else is one message. Returns what was said ('' when a
 * conversation took over), for the history.
 */
export async function renderAnswer(ctx: ParleyContext, deps: BotDeps, answer: Answer): Promise<string> {
  switch (answer.kind) {
    case 'incomplete': {
      // Something is missing: a conversation asks for it (and survives a restart).
      const args: CompleteTradeArgs = { request: answer.request, unresolvedCoin: answer.unresolvedCoin };
      await ctx.conversation.enter(COMPLETE_TRADE, args);
      return '';
    }
    case 'alert_needs_price': {
      const args: AlertPriceArgs = { symbol: answer.symbol, direction: answer.direction, ...(answer.schedule ? { schedule: answer.schedule } : {}) };
      await ctx.conversation.enter(ALERT_PRICE, args);
      return '';
    }
    default:
      return renderPlainAnswer(ctx, deps, answer);
  }
}

/** The answers that need no question: usable from inside a conversation too (its outside context). */
export async function renderPlainAnswer(ctx: BaseContext, deps: BotDeps, answer: Answer): Promise<string> {
  const say = async (text: string): Promise<string> => {
    await ctx.reply(text, { parse_mode: 'HTML' });
    return text;
  };
  switch (answer.kind) {
    case 'preview':
      return sendPreview(ctx, deps, answer);
    case 'preview_blocked':
      return sendBlocked(ctx, answer.plan, answer.alternative, answer.sizing);
    case 'sizing_refused':
      return say(html`${answer.message}`);
    case 'cancel_preview':
      return sendCancelPreview(ctx, deps, answer);
    case 'cancel_blocked':
      return sendCancelBlocked(ctx, answer.plan);
    case 'rephrase':
      return say(rephraseText(answer.command));
    case 'orders':
      return sendOrders(ctx, answer.view, answer.symbol);
    case 'pick_order':
      return sendOrderPicker(ctx, answer.open, answer.symbol);
    case 'portfolio':
      return say(portfolioMessage(answer.portfolio));
    case 'price':
      return say(priceMessage(answer.ticker, answer.source));
    case 'which_coin':
      return say(answer.for === 'price' ? 'Price of which coin? For example “price of eth”.' : 'An alert on which coin? For example “alert me when btc drops below 60k”.');
    case 'alert_set':
      return sendAlertSet(ctx, deps, answer.set);
    case 'alert_refused':
      return sendAlertRefused(ctx, answer.error);
    case 'alerts':
      return sendAlertList(ctx, answer.view);
    case 'help':
      return say(helpText());
    case 'number_problem':
      return say(numberProblemText(answer.problem, answer.intent));
    case 'sell_all':
      return sendSellAll(ctx, deps, answer.previews);
    case 'greeting':
      return say(html`👋 Hi${ctx.from?.first_name ? ` ${ctx.from.first_name}` : ''}! Ask me for a price, set an alert, or trade — “buy $100 of eth”. /help shows everything.`);
    case 'thanks':
      return say('You’re welcome! 🙂');
    case 'market_summary':
      return say(marketSummaryMessage(answer.movers, answer.source));
    case 'trade_history':
      return sendTradeHistory(ctx, answer);
    case 'nothing_to_undo':
      return say('Nothing to undo: you have no open orders. A trade that filled can’t be undone — sell to reverse it.');
    case 'signal':
      return say(signalMessage(answer.signal, answer.asked));
    case 'signal_list':
      return say(signalListMessage(answer.lines, answer.yours));
    case 'why':
      return say(whyMessage(answer.shown));
    case 'advisor':
      return say(advisorMessage(answer.change, answer.settings));
    case 'proposal_closed':
      return say(html`${PROPOSAL_CLOSED[answer.outcome] ?? 'This proposal is no longer available.'}`);
    case 'not_tradable':
      return say(html`${answer.coin} isn’t traded here, so I can’t say anything about buying or selling it.`);
    case 'not_understood':
      return say(unknownText(answer.unresolvedCoin ?? undefined));
    case 'not_available':
      return say(html`${NOT_YET[answer.intent] ?? 'That isn’t available yet.'}`);
    case 'incomplete':
    case 'alert_needs_price':
      // Only reached from inside a conversation, which asks for what is missing itself.
      return say('Something is still missing: please send the whole request again.');
  }
}
