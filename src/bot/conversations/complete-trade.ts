import { InlineKeyboard, type Context } from 'grammy';
import { formatAmount, formatMoney } from '../../shared/number-format.js';
import { suggestCoins } from '../../market/coin-suggestions.js';
import type { SizeSpec, TradeRequest } from '../../trading/types.js';
import type { BotDeps } from '../deps.js';
import { html } from '../format/html.js';
import { renderPlainAnswer } from '../answers/render-answer.js';
import { askLimitPrice, askTrigger } from './ask-price.js';
import { ask, ASK_PREFIX, CANCEL, QUESTION_TTL_MS, cancelled, closeQuestion, leaveIfNewRequest, type Convo } from './question-kit.js';
import type { CompleteTradeArgs } from './conversation-names.js';
import { sizeFromReply } from './size-reply.js';

export { ASK_PREFIX } from './question-kit.js';
export { COMPLETE_TRADE } from './conversation-names.js';

const QUOTE_PRESETS = [50, 100, 250, 500];

/**
 * Fills what a trade message left out — which coin, how much, at what price — by asking,
 * then shows the usual preview. Conversations replay on every update: everything that
 * touches the database or the exchange goes through `conversation.external`.
 */
export function completeTradeConversation(deps: BotDeps) {
  return async function completeTrade(conversation: Convo, ctx: Context, args: CompleteTradeArgs): Promise<void> {
    const { request } = args;
    const symbol = request.symbol ?? (await askCoin(conversation, ctx, deps, request.side, args.unresolvedCoin));
    if (!symbol) return;
    const size = request.size ?? (await askSize(conversation, ctx, deps, request.side, symbol));
    if (!size) return;
    let { price, trigger } = request;
    if (request.type === 'limit' && !price) price = (await askLimitPrice(conversation, ctx, deps, request.side, symbol)) ?? undefined;
    if ((request.type === 'stop_loss' || request.type === 'take_profit') && !trigger) trigger = (await askTrigger(conversation, ctx, deps, request.type, symbol)) ?? undefined;
    if ((request.type === 'limit' && !price) || ((request.type === 'stop_loss' || request.type === 'take_profit') && !trigger)) return;
    const full: TradeRequest = { side: request.side, type: request.type, symbol, size, ...(price ? { price } : {}), ...(trigger ? { trigger } : {}) };
    await conversation.external(async (outside) => {
      const answer = await deps.assistant.preview({ userId: outside.parley!.user.id, account: outside.parley!.account }, full);
      await renderPlainAnswer(outside, deps, answer);
    });
  };
}

async function askCoin(conversation: Convo, ctx: Context, deps: BotDeps, side: 'buy' | 'sell', unresolvedCoin: string | null): Promise<string | null> {
  const args = { side, unresolvedCoin };
  // A sell can only be of something held: only those coins are offered.
  const candidates = await conversation.external((outside) => (side === 'sell' ? deps.trading.heldBases(outside.parley!.account, 'USDT') : deps.trading.listedBases('USDT')));
  if (side === 'sell' && candidates.length === 0) {
    await ctx.reply('You hold no coins to sell yet. Try “buy $100 of eth”.');
    return null;
  }
  const suggestions = args.unresolvedCoin ? suggestCoins(args.unresolvedCoin, candidates) : candidates.slice(0, 6);
  const keyboard = new InlineKeyboard();
  suggestions.forEach((coin, i) => {
    keyboard.text(coin, `${ASK_PREFIX}c:${coin}`);
    if (i % 3 === 2) keyboard.row();
  });
  keyboard.row().text('✖ Cancel', CANCEL);
  const question = args.unresolvedCoin
    ? suggestions.length > 0
      ? html`I don’t know “${args.unresolvedCoin}”. Did you mean one of these? You can also type the coin.`
      : html`I don’t know “${args.unresolvedCoin}”. Which coin do you mean? Type its ticker, e.g. BTC.`
    : html`Which coin should I ${args.side}? Pick one or type it.`;
  const asked = await ask(conversation, ctx, deps.conversationStore, question, { parse_mode: 'HTML', reply_markup: keyboard });

  for (;;) {
    const next = await conversation.wait({ maxMilliseconds: QUESTION_TTL_MS });
    const data = next.callbackQuery?.data;
    if (data === CANCEL) return cancelled(next, asked.message_id);
    if (data?.startsWith(`${ASK_PREFIX}c:`)) {
      const coin = data.slice(`${ASK_PREFIX}c:`.length);
      await next.answerCallbackQuery();
      await closeQuestion(next, asked.message_id, html`${args.side === 'buy' ? 'Buy' : 'Sell'} which coin? → ${coin}`);
      return `${coin}/USDT`;
    }
    const text = next.message?.text;
    if (text === undefined) await conversation.skip({ next: true });
    else {
      const parsed = deps.offlineParse(`price of ${text}`);
      if (parsed.command.intent === 'get_price' && parsed.command.symbol && text.trim().split(/\s+/).length <= 3) {
        await closeQuestion(next, asked.message_id, html`${args.side === 'buy' ? 'Buy' : 'Sell'} which coin? → ${parsed.command.symbol.split('/')[0]!}`);
        return parsed.command.symbol;
      }
      // Not a coin: the user moved on; let the message be handled as a new one.
      await closeQuestion(next, asked.message_id, question);
      await conversation.halt({ next: true });
    }
  }
}

async function askSize(conversation: Convo, ctx: Context, deps: BotDeps, side: 'buy' | 'sell', symbol: string): Promise<SizeSpec | null> {
  const [base, quote] = symbol.split('/') as [string, string];
  const heldAsset = side === 'buy' ? quote : base;
  const held = await conversation.external((outside) => deps.trading.freeBalance(outside.parley!.account, heldAsset).then((d) => d.toFixed()));
  if (side === 'sell' && Number(held) === 0) {
    await ctx.reply(html`You hold no ${base} to sell.`, { parse_mode: 'HTML' });
    return null;
  }
  const keyboard = new InlineKeyboard();
  if (side === 'buy' && quote === 'USDT') {
    const affordable = QUOTE_PRESETS.filter((q) => q <= Number(held));
    for (const q of affordable) keyboard.text(`$${q}`, `${ASK_PREFIX}q:${q}`);
  } else {
    for (const p of [25, 50, 100]) keyboard.text(`${p}%`, `${ASK_PREFIX}p:${p}`);
  }
  keyboard.row().text('Other amount', `${ASK_PREFIX}o`).text('✖ Cancel', CANCEL);
  const holding = side === 'sell' ? html` You hold ${formatAmount(held)} ${base}.` : html` You have ${formatMoney(held, quote)} free.`;
  const question = html`How much ${base} should I ${side}?` + holding;
  const asked = await ask(conversation, ctx, deps.conversationStore, question, { parse_mode: 'HTML', reply_markup: keyboard });

  for (;;) {
    const next = await conversation.wait({ maxMilliseconds: QUESTION_TTL_MS });
    const data = next.callbackQuery?.data;
    if (data === CANCEL) return cancelled(next, asked.message_id);
    if (data === `${ASK_PREFIX}o`) {
      await next.answerCallbackQuery();
      await closeQuestion(next, asked.message_id, question + html`\nType the amount: 0.5, $100 or 25%.`);
      continue;
    }
    const preset = data ? /^ask:([qp]):(\d+)$/.exec(data) : null;
    if (preset) {
      await next.answerCallbackQuery();
      const size: SizeSpec = preset[1] === 'q' ? { kind: 'quote', amount: preset[2]! } : { kind: 'percent', percent: Number(preset[2]) };
      await closeQuestion(next, asked.message_id, `${question} → ${preset[1] === 'q' ? `$${preset[2]}` : `${preset[2]}%`}`);
      return size;
    }
    const text = next.message?.text;
    if (text === undefined) {
      await conversation.skip({ next: true });
      continue;
    }
    const size = sizeFromReply(text, side, symbol, deps.offlineParse);
    if (size) return size;
    // Something else entirely ("price of btc"): leave the question and handle it normally.
    // A lone word is taken as a failed answer, not a new request ("banana" is a ticker too).
    await leaveIfNewRequest(conversation, next, deps, text, asked.message_id, question);
    await next.reply(html`I need an amount of ${base}: for example 0.5, $100 or 25%. Or /cancel.`, { parse_mode: 'HTML' });
  }
}

