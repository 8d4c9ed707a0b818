import { InlineKeyboard, type Context } from 'grammy';
import { coinName } from '../../alerts/alert-rules.js';
import type { AlertDirection } from '../../alerts/types.js';
import { dec } from '../../shared/decimal.js';
import { formatPrice } from '../../shared/number-format.js';
import type { BotDeps } from '../deps.js';
import { html } from '../format/html.js';
import { renderPlainAnswer } from '../answers/render-answer.js';
import type { AlertPriceArgs } from './conversation-names.js';
import { ask, ASK_PREFIX, CANCEL, QUESTION_TTL_MS, closeQuestion, leaveIfNewRequest, type Convo } from './question-kit.js';

export { ALERT_PRICE } from './conversation-names.js';

const PRESETS: Record<AlertDirection | 'either', number[]> = { either: [-5, 5, -10, 10], below: [-2, -5, -10], above: [2, 5, 10] };

/**
 * "alert me about btc": asks for the level — presets around the price now, or a typed price —
 * then sets the alert. Conversations replay on every update: the price and the setting go through
 * `conversation.external`.
 */
export function alertPriceConversation(deps: BotDeps) {
  return async function alertPrice(conversation: Convo, ctx: Context, args: AlertPriceArgs): Promise<void> {
    const level = await askLevel(conversation, ctx, deps, args);
    if (level === null) return;
    await conversation.external(async (outside) => {
      const answer = await deps.assistant.setAlert(outside.parley!.user.id, { symbol: args.symbol, price: level, direction: args.direction, ...args.schedule });
      await renderPlainAnswer(outside, deps, answer);
    });
  };
}

async function askLevel(conversation: Convo, ctx: Context, deps: BotDeps, args: AlertPriceArgs): Promise<string | null> {
  const [base, quote] = args.symbol.split('/') as [string, string];
  const now = await conversation.external(() => deps.alerts.price(args.symbol).then((t) => String(t.last)));
  const offsets = PRESETS[args.direction ?? 'either'];
  const keyboard = new InlineKeyboard();
  offsets.forEach((pct, i) => {
    const price = dec(now).mul(dec(100).plus(pct).div(100)).toSignificantDigits(6).toFixed();
    keyboard.text(`${pct < 0 ? '−' : '+'}${Math.abs(pct)}% (${formatPrice(price)})`, `${ASK_PREFIX}a:${price}`);
    // Either way: falls and rises side by side, two to a row.
    if (!args.direction && i % 2 === 1) keyboard.row();
  });
  keyboard.row().text('✖ Cancel', CANCEL);
  const way = args.direction === 'below' ? ' drops to' : args.direction === 'above' ? ' rises to' : ' reaches';
  const question = html`At what price? I’ll tell you ${args.schedule?.cooldownMs ? 'each time' : 'once'} ${coinName(args.symbol)}${way} it. It is ${formatPrice(now)} ${quote} now. Pick one or type a price.`;
  const asked = await ask(conversation, ctx, deps.conversationStore, question, { parse_mode: 'HTML', reply_markup: keyboard });
  for (;;) {
    const next = await conversation.wait({ maxMilliseconds: QUESTION_TTL_MS });
    const data = next.callbackQuery?.data;
    if (data === CANCEL) {
      await next.answerCallbackQuery({ text: 'Cancelled. No alert was set.' });
      await closeQuestion(next, asked.message_id, '✖ Cancelled. No alert was set.');
      return null;
    }
    if (data?.startsWith(`${ASK_PREFIX}a:`)) {
      const price = data.slice(`${ASK_PREFIX}a:`.length);
      await next.answerCallbackQuery();
      await closeQuestion(next, asked.message_id, `${question} → ${html`${formatPrice(price)}`}`);
      return price;
    }
    const text = next.message?.text;
    if (text === undefined) {
      // Someone else's update (another button, say): handled as if there were no question.
      await conversation.skip({ next: true });
      continue;
    }
    const { command } = deps.offlineParse(`alert me when ${base} hits ${text}`);
    if (command.intent === 'set_alert' && command.price) {
      await closeQuestion(next, asked.message_id, `${question} → ${html`${formatPrice(command.price)}`}`);
      return String(command.price);
    }
    await leaveIfNewRequest(conversation, next, deps, text, asked.message_id, question);
    await next.reply(html`I need a price in ${quote}: for example ${formatPrice(dec(now).mul(0.95).toSignificantDigits(6))}. Or /cancel.`, { parse_mode: 'HTML' });
  }
}
