import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPrice } from '../../src/shared/number-format.js';
import { alertThatFiresSoon } from '../support/alert-forecast.js';
import { buttonsOf, messageIdOf, textOf } from '../support/chat-driver.js';
import { startParley, type Parley } from '../support/parley-harness.js';

/**
 * A price alert end to end: the real app as its own process on the replayed market, set in
 * chat near the price now, and the notification the `alerts.check` job sends when the market
 * gets there — once.
 */
describe('price alerts, end to end (replayed market)', () => {
  let parley: Parley;

  beforeAll(async () => {
    parley = await startParley();
  }, 90_000);

  afterAll(async () => {
    expect(await parley?.close()).toBe(0);
  });

  it('sets an alert near the price and tells the chat once the market reaches it', async () => {
    const alma = parley.chat(8601, 'Alma');
    await alma.ask('/start', '10,000.00 USDT');
    const target = await alertThatFiresSoon({ quietSeconds: 6, holdSeconds: 8, withinSeconds: 45 });
    const coin = target.symbol.split('/')[0]!.toLowerCase();
    const what = `${target.symbol} ${target.direction} ${formatPrice(target.level)}`;

    const set = await alma.ask(`alert me when ${coin} ${target.direction === 'above' ? 'goes above' : 'drops below'} ${target.level}`, /Alert set|already/);
    expect(textOf(set)).toMatch(new RegExp(`^🔔 Alert set: ${what.replace(/[/.]/g, '\\$&')} \\(now [\\d,.]+\\)\\. I’ll tell you once\\.$`));
    expect(buttonsOf(set).map((b) => b.text)).toEqual(['✖ Remove']);
    expect(textOf(await alma.ask('/alerts', 'Your price alerts'))).toContain(`• ${what} · now `);

    const fired = `🔔 ${target.symbol} is ${target.direction} ${formatPrice(target.level)} — `;
    const notice = await alma.waitForMessage(fired, { timeoutMs: (target.reachedIn + 20) * 1000 });
    expect(textOf(notice)).toMatch(/ — [\d,.]+ now\.$/);
    const list = textOf(await alma.ask('/alerts', 'Fired lately'));
    expect(list).toContain('You have no active price alerts.');
    expect(list).toContain(`• ${what} — at `);
    expect(alma.callsMatching(fired)).toEqual([notice]);

    // One tap from the notice to an order: Buy asks the amount, previews, and ✅ executes once.
    expect(buttonsOf(notice).map((b) => b.text)).toEqual([`🟢 Buy ${target.symbol.split('/')[0]}`, `🔴 Sell ${target.symbol.split('/')[0]}`, '😴 Snooze']);
    const asked = alma.mark();
    await alma.press(notice, '🟢 Buy');
    const question = await alma.waitForMessage('How much', { after: asked });
    const previewMark = await alma.press(question, '$100');
    const preview = await alma.waitForMessage('✓ risk limits', { after: previewMark });
    const bought = await alma.confirm(preview, 'Bought');
    expect(textOf(bought)).toMatch(new RegExp(`^✅ <b>Bought [\\d.]+ ${target.symbol.split('/')[0]}</b> at `));
    // The preview has no buttons any more: a late second ✅ (a double tap, a redelivery) presses what it had.
    const again = alma.mark();
    await alma.send(parley.tg.emulator.userPressesButton(alma.user, alma.chat, messageIdOf(preview), buttonsOf(preview).find((b) => b.text.includes('✅'))!.callback_data, { allowUnknownData: true }));
    const answer = await alma.waitForMessage('Already done', { after: again, method: 'answerCallbackQuery' });
    expect(textOf(answer)).toBe('Already done ✅ — it was executed once.');
    expect(textOf(await alma.ask('my trades', 'Trade history')).match(/Bought/g)).toHaveLength(1);
  }, 120_000);
});
