import { InlineKeyboard, type Context } from 'grammy';
import { dec } from '../../shared/decimal.js';
import { formatPrice } from '../../shared/number-format.js';
import type { TriggerSpec } from '../../trading/types.js';
import type { BotDeps } from '../deps.js';
import { html } from '../format/html.js';
import { ask, ASK_PREFIX, CANCEL, QUESTION_TTL_MS, cancelled, closeQuestion, leaveIfNewRequest, type Convo } from './question-kit.js';

/** "At what price?" for a limit order: presets around the current price, or a typed price. */
export async function askLimitPrice(conversation: Convo, ctx: Context, deps: BotDeps, side: 'buy' | 'sell', symbol: string): Promise<string | null> {
  const [base, quote] = symbol.split('/') as [string, string];
  const { now, decimals } = await conversation.external((outside) =>
    deps.trading.price(symbol, outside.parley!.account).then((t) => ({ now: String(t.last), decimals: t.priceDecimals ?? null })),
  );
  const offsets = side === 'buy' ? [-1, -2, -5] : [1, 2, 5];
  const onGrid = (pct: number) => (decimals === null ? dec(now).mul(1 + pct / 100).toSignificantDigits(6).toFixed() : dec(now).mul(1 + pct / 100).toFixed(decimals, 4));
  const presets = offsets.map((pct) => ({ pct, price: onGrid(pct) }));
  const keyboard = new InlineKeyboard();
  for (const p of presets) keyboard.text(`${formatPrice(p.price, decimals ?? undefined)} (${p.pct > 0 ? '+' : ''}${p.pct}%)`, `${ASK_PREFIX}l:${p.price}`);
  keyboard.row().text('✖ Cancel', CANCEL);
  const question = html`At what price should I ${side} ${base}? It is ${formatPrice(now, decimals ?? undefined)} ${quote} now. Pick one or type a price.`;
  const asked = await ask(conversation, ctx, deps.conversationStore, question, { parse_mode: 'HTML', reply_markup: keyboard });
  for (;;) {
    const next = await conversation.wait({ maxMilliseconds: QUESTION_TTL_MS });
    const data = next.callbackQuery?.data;
    if (data === CANCEL) return cancelled(next, asked.message_id);
    if (data?.startsWith(`${ASK_PREFIX}l:`)) {
      const price = data.slice(`${ASK_PREFIX}l:`.length);
      await next.answerCallbackQuery();
      await closeQuestion(next, asked.message_id, `${question} → ${html`${formatPrice(price, decimals ?? undefined)}`}`);
      return price;
    }
    const text = next.message?.text;
    if (text === undefined) {
      await conversation.skip({ next: true });
      continue;
    }
    const { command } = deps.offlineParse(`${side} 1 ${base} at ${text}`);
    if (command.price) return String(command.price);
    await leaveIfNewRequest(conversation, next, deps, text, asked.message_id, question);
    await next.reply(html`I need a price in ${quote}: for example ${formatPrice(presets[0]!.price)}. Or /cancel.`, { parse_mode: 'HTML' });
  }
}

/** "At what price?" for a stop-loss or take-profit: a distance in percent, or a typed price. */
export async function askTrigger(conversation: Convo, ctx: Context, deps: BotDeps, type: 'stop_loss' | 'take_profit', symbol: string): Promise<TriggerSpec | null> {
  const [base, quote] = symbol.split('/') as [string, string];
  const { now, decimals } = await conversation.external((outside) =>
    deps.trading.price(symbol, outside.parley!.account).then((t) => ({ now: String(t.last), decimals: t.priceDecimals ?? null })),
  );
  const stop = type === 'stop_loss';
  // Each button carries the very price its label shows: the preview then says the same price.
  const presetPrice = (pct: number) => {
    const raw = dec(now).mul(1 + (stop ? -pct : pct) / 100);
    return decimals === null ? raw.toSignificantDigits(6).toFixed() : raw.toFixed(decimals, 4);
  };
  const keyboard = new InlineKeyboard();
  for (const pct of [3, 5, 10]) keyboard.text(`${stop ? '−' : '+'}${pct}% (${formatPrice(presetPrice(pct), decimals ?? undefined)})`, `${ASK_PREFIX}tp:${presetPrice(pct)}`);
  keyboard.row().text('✖ Cancel', CANCEL);
  const question = html`At what price should the ${stop ? 'stop-loss' : 'take-profit'} sell your ${base}? It is ${formatPrice(now, decimals ?? undefined)} ${quote} now. Pick a distance or type a price.`;
  const asked = await ask(conversation, ctx, deps.conversationStore, question, { parse_mode: 'HTML', reply_markup: keyboard });
  for (;;) {
    const next = await conversation.wait({ maxMilliseconds: QUESTION_TTL_MS });
    const data = next.callbackQuery?.data;
    if (data === CANCEL) return cancelled(next, asked.message_id);
    const preset = data ? /^ask:tp:(\d+(?:\.\d+)?)$/.exec(data) : null;
    if (preset) {
      await next.answerCallbackQuery();
      await closeQuestion(next, asked.message_id, `${question} → ${html`${formatPrice(preset[1]!, decimals ?? undefined)}`}`);
      return { kind: 'price', price: preset[1]! };
    }
    const text = next.message?.text;
    if (text === undefined) {
      await conversation.skip({ next: true });
      continue;
    }
    const { command } = deps.offlineParse(`${stop ? 'stop loss' : 'take profit'} on ${base} at ${text}`);
    if (command.price) return { kind: 'price', price: String(command.price) };
    if (command.percentage) return { kind: 'percent', percent: command.percentage };
    await leaveIfNewRequest(conversation, next, deps, text, asked.message_id, question);
    await next.reply(html`I need a price in ${quote} (e.g. ${formatPrice(dec(now).mul(stop ? 0.95 : 1.05))}) or a distance like 5%. Or /cancel.`, { parse_mode: 'HTML' });
  }
}
