import type { Chat, Message, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedMarketData } from '../../test/support/fixed-market-data.js';
import { inProcessApp } from '../../test/support/in-process-app.js';

const nia: User = { id: 5501, is_bot: false, first_name: 'Nia' };
const oli: User = { id: 5502, is_bot: false, first_name: 'Oli' };
const group: Chat = { id: -5500, type: 'group', title: 'Desk' };

/** "1,997.83 USDT" → 1997.83 */
const amountIn = (text: string, label: RegExp): number => Number(label.exec(text)![1]!.replace(/,/g, ''));

/**
 * What a new trader ran into, on the real stack in one process with a book that stands still:
 * every answer checked the way the person would read it.
 */
describe('what a new trader sees', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  beforeAll(async () => {
    h = await inProcessApp({}, { marketData: new FixedMarketData() });
    await h.say(nia, '/start');
    await h.say(oli, '/start');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const text = (m: Message | undefined) => m?.text ?? '';
  const buttons = (m: Message | undefined) => h.buttons(m).map((b) => b.text);
  const press = async (user: User, message: Message | undefined, label: string | RegExp, chat?: Chat) => {
    const button = h.buttons(message).find((b) => (typeof label === 'string' ? b.text.includes(label) : label.test(b.text)));
    if (!button) throw new Error(`no ${String(label)} in ${JSON.stringify(buttons(message))}`);
    return h.press(user, message!, button.data, chat);
  };
  const last = (user: User) => h.emulator.history(user.id).filter((m) => m.from?.is_bot).at(-1);

  it('shows totals that add up as shown', async () => {
    // Within the default risk limits (a position at most 10 % of the portfolio, whatever the replayed price).
    const preview = text(await h.say(nia, 'buy 0.0149 btc'));
    const cost = amountIn(preview, /Cost: ([\d,.]+) USDT/);
    const fee = amountIn(preview, /Fee \(0\.10%\): ([\d,.]+) USDT/);
    const total = amountIn(preview, /Total: ([\d,.]+) USDT/);
    expect(Math.round((cost + fee) * 100)).toBe(Math.round(total * 100));
  });

  it('leads a refusal with the one reason that matters, with true numbers, never an order of 0', async () => {
    const huge = text(await h.say(nia, 'buy 1000000 btc'));
    expect(huge).toContain('Buy 1,000,000 BTC');
    expect(huge.match(/✖/g)).toHaveLength(1);
    expect(huge).toMatch(/✖ Not enough USDT: this needs more than [\d,.]+ USDT and you have 10,000.00 USDT free\./);

    const sell = text(await h.say(nia, 'sell 1000 btc'));
    expect(sell.match(/✖/g)).toHaveLength(1);
    expect(sell).toContain('✖ You hold no BTC to sell.');
    expect(sell).not.toContain('too thin');

    const protect = text(await h.say(nia, 'take profit on btc at 60000'));
    expect(protect).toContain('Take-profit BTC at 60,000.00');
    expect(protect).not.toMatch(/ 0 BTC/);
    expect(protect.match(/✖/g)).toHaveLength(1);
    expect(protect).toContain('You hold no BTC to protect.');

    const tiny = text(await h.say(nia, 'buy 0.000001 btc'));
    expect(tiny).toContain('Buy 0.000001 BTC');
    expect(tiny).not.toContain('Buy 0 BTC');
    expect(tiny).toContain('smallest amount BTC/USDT trades');
  });

  it('offers only coins held when a sell does not say which', async () => {
    const nothing = text(await h.say(oli, 'sell half'));
    expect(nothing).toContain('You hold no coins to sell');
    await h.press(oli, (await h.say(oli, 'buy 0.01 eth'))!, h.buttons(last(oli)).find((b) => b.text.includes('Confirm'))!.data);
    const which = await h.say(oli, 'sell half');
    expect(text(which)).toContain('Which coin should I sell?');
    expect(buttons(which).filter((b) => b !== '✖ Cancel')).toEqual(['ETH']);
  });

  it('goes straight to the one open order on “cancel it”, with buttons that say what they do', async () => {
    const limit = await h.say(oli, 'buy 0.001 btc at 40000');
    await press(oli, limit, 'Confirm');
    const preview = await h.say(oli, 'cancel it');
    expect(text(preview)).toContain('Cancel 1 order');
    expect(buttons(preview)).toEqual(['✅ Cancel it', '✖ Keep it']);
    const kept = await press(oli, preview, 'Keep it');
    expect(text(kept)).toContain('Kept');
    expect(text(kept)).toContain('the order stays open');
  });

  it('stop presets say the price the preview then uses', async () => {
    await press(nia, await h.say(nia, 'buy 0.015 btc'), 'Confirm');
    const question = await h.say(nia, 'stop loss on btc');
    const label = buttons(question).find((b) => b.startsWith('−5%'))!;
    const shown = /\(([\d,.]+)\)/.exec(label)![1]!;
    await press(nia, question, '−5%');
    const preview = last(nia);
    expect(text(preview)).toContain(`Stop-loss 0.015 BTC at ${shown}`);
    await press(nia, preview, 'Confirm');
  });

  it('fits the stop to what is left after a sale: the preview says so, and the owner is told', async () => {
    const sale = await h.say(nia, 'sell 0.01 btc');
    expect(text(sale)).toMatch(/Stop-loss #\d+ covers 0\.015 BTC; after this you hold 0\.005 BTC, so it is reduced to that\./);
    await press(nia, sale, 'Confirm');
    await h.deliverNotifications();
    expect(text(last(nia))).toMatch(/🛡 Stop-loss #\d+ now covers 0\.005 BTC \(it covered 0\.015\)/);
    expect(text(await h.say(nia, 'my orders'))).toMatch(/Stop-loss 0\.005 BTC at [\d,.]+ · watching/);
  });

  it('takes the buttons of a question away on /cancel', async () => {
    const question = await h.say(nia, 'buy eth');
    expect(buttons(question).length).toBeGreaterThan(1);
    await h.say(nia, '/cancel');
    expect(h.buttons(h.emulator.message(nia.id, question!.message_id))).toEqual([]);
  });

  it('never turns a number it cannot read exactly into an order, and says why', async () => {
    const negative = await h.say(oli, 'buy -0.01 eth');
    expect(text(negative)).toContain('I can\'t use a negative amount (−0.01).');
    expect(text(negative)).toContain('Nothing was ordered.');
    expect(buttons(negative)).toEqual([]);
    expect(text(await h.say(oli, 'buy -5 eth'))).toContain('negative amount');
    expect(text(await h.say(oli, 'sell -50% of my eth'))).toContain('negative percentage');
    expect(text(await h.say(oli, 'buy 1,5 btc'))).toContain('Did you mean 1.5 or 15?');
    expect(text(await h.say(oli, 'buy 1\u200B00 usdt of btc'))).toContain('hidden character');
    expect(text(await h.say(oli, 'buy 1-2 eth'))).toContain('is a range');
    // A decimal comma after a leading zero can only be a decimal: read exactly.
    const exact = await h.say(oli, 'buy 0,001 btc');
    expect(text(exact)).toContain('Buy 0.001 BTC');
    expect(buttons(exact)).toContain('✅ Confirm');
  });

  it('answers small talk and near misses instead of “I didn’t catch that”', async () => {
    expect(text(await h.say(oli, 'hi'))).toMatch(/^👋 Hi Oli!/);
    expect(text(await h.say(oli, 'thanks!'))).toBe('You’re welcome! 🙂');
    const market = text(await h.say(oli, "what's the market doing"));
    expect(market).toContain('The market, last 24 hours');
    expect(text(await h.say(oli, 'show my trade history'))).toMatch(/Trade history\n#\d+ Bought 0\.01 ETH at/);
    expect(text(await h.say(oli, '🚀🚀🚀'))).toBe('🚀🚀🚀 Noted! When you want to act on it, tell me — “price of btc”, “buy $100 of eth”.');
    expect(text(await h.say(oli, 'tell me a joke'))).toContain('I didn’t catch that');
    expect(text(await h.say(oli, 'should I buy link?'))).toContain('LINK isn’t traded here');
  });

  it('offers to cancel the newest open order on “undo”, and says when there is none', async () => {
    const undo = await h.say(oli, 'undo');
    expect(text(undo)).toContain('Cancel 1 order');
    expect(buttons(undo)).toEqual(['✅ Cancel it', '✖ Keep it']);
    await press(oli, undo, 'Cancel it');
    expect(text(await h.say(oli, 'undo'))).toContain('Nothing to undo');
  });

  it('sells everything as one preview per coin held, each confirmed on its own', async () => {
    await h.say(oli, 'sell everything');
    const messages = h.emulator.history(oli.id).filter((m) => m.from?.is_bot).slice(-2);
    expect(text(messages[0])).toContain('Sell everything: 1 coin');
    expect(text(messages[0])).toContain('• 0.01 ETH ≈');
    expect(text(messages[1])).toContain('Sell 0.01 ETH');
    expect(buttons(messages[1])).toContain('✅ Confirm');
  });

  it('keeps money private in a group: prices for everyone, a portfolio in private', async () => {
    expect(text(await h.say(nia, 'price of btc', group))).toContain('BTC');
    const portfolio = await h.say(nia, 'portfolio', group);
    expect(text(portfolio)).toContain('private chat');
    expect(portfolio?.reply_markup?.inline_keyboard.flat()[0]).toMatchObject({ text: 'Open a private chat', url: expect.stringMatching(/^https:\/\/t\.me\/.+\?start=private$/) });
    expect(text(await h.say(nia, '/orders', group))).toContain('private chat');
    expect(text(await h.say(nia, 'buy 0.001 btc', group))).toContain('private chat');
    expect(text(await h.say(nia, 'show my trade history', group))).toContain('private chat');
    expect(text(await h.say(nia, 'my alerts', group))).toContain('private chat');
  });
});
