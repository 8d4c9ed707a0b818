import type { Chat, Message, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedMarketData } from '../../test/support/fixed-market-data.js';
import { inProcessApp } from '../../test/support/in-process-app.js';

const rae: User = { id: 5601, is_bot: false, first_name: 'Rae' };
const sol: User = { id: 5602, is_bot: false, first_name: 'Sol' };
const tam: User = { id: 5603, is_bot: false, first_name: 'Tam' };
const group: Chat = { id: -5600, type: 'group', title: 'Desk' };

/**
 * The risk limits as a person meets them in the chat, on the real stack in one process with a
 * book that stands still (BTC ≈ 50,000 USDT, 10,000 USDT of paper money each).
 */
describe('risk limits in the chat', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  beforeAll(async () => {
    h = await inProcessApp({}, { marketData: new FixedMarketData() });
    for (const user of [rae, sol, tam]) await h.say(user, '/start');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const text = (m: Message | undefined) => m?.text ?? m?.caption ?? '';
  const labels = (m: Message | undefined) => h.buttons(m).map((b) => b.text);
  const press = async (user: User, message: Message | undefined, label: string | RegExp) => {
    const button = h.buttons(message).find((b) => (typeof label === 'string' ? b.text.includes(label) : label.test(b.text)));
    if (!button) throw new Error(`no ${String(label)} in ${JSON.stringify(labels(message))}`);
    return h.press(user, message!, button.data);
  };
  const fromBot = (user: User) => h.emulator.history(user.id).filter((m) => m.from?.is_bot);

  it('blocks a buy of half the portfolio, says why, and offers the largest buy that passes', async () => {
    const blocked = await h.say(rae, 'buy 0.1 btc');
    expect(text(blocked)).toContain('A position may be at most 10% of your portfolio');
    expect(text(blocked)).toContain('Nothing was placed.');
    expect(labels(blocked)).toEqual([expect.stringMatching(/^Buy 0\.019\d* BTC instead$/)]);
    const preview = await press(rae, blocked, 'instead');
    expect(text(preview)).toMatch(/Buy 0\.019\d* BTC · BTC\/USDT · market/);
    expect(text(preview)).toContain('✓ risk limits');
    const done = await press(rae, preview, 'Confirm');
    expect(text(done)).toMatch(/Bought 0\.019\d* BTC/);
  });

  it('asks twice for a limit far past the market: the first ✅ only shows the reasons and a button that names the order', async () => {
    const preview = await h.say(sol, 'buy 0.001 btc at 65000');
    expect(text(preview)).toContain('This one needs a second confirmation.');
    const asked = await press(sol, preview, 'Confirm');
    expect(text(asked)).toContain('Check this once more:');
    expect(text(asked)).toMatch(/Your limit of 65,000\.00 is 30% above the market/);
    expect(labels(asked)).toEqual(['Yes, buy 0.001 BTC at 65,000.00 anyway', '✖ Cancel']);
    expect(text(await h.say(sol, 'my orders'))).not.toContain('0.001 BTC');
    const done = await press(sol, fromBot(sol).find((m) => m.message_id === asked!.message_id), 'anyway');
    expect(text(done)).toContain('Bought 0.001 BTC');
  });

  it('checks again at ✅: a preview the portfolio has outgrown ends “Not executed”, saying why, once', async () => {
    const first = await h.say(sol, 'buy 0.015 btc');
    const second = await h.say(sol, 'buy 0.015 btc');
    expect(text(await press(sol, second, 'Confirm'))).toContain('Bought 0.015 BTC');
    const refused = await press(sol, first, 'Confirm');
    expect(text(refused)).toMatch(/^❌ Not executed — Buy 0\.015 BTC/);
    expect(text(refused)).toContain('Checked again as you confirmed: A position may be at most 10% of your portfolio');
    expect(text(refused)).toContain('Nothing was sent.');
    await h.deliverNotifications();
    // Told in place, not again by the outbox.
    expect(fromBot(sol).filter((m) => text(m).includes('Checked again as you confirmed'))).toHaveLength(1);
    expect(text(await h.say(sol, 'portfolio'))).toMatch(/BTC 0\.016 ≈/);
  });

  it('/risk shows the limits with buttons: a tightening is in force at once, a loosening waits or is confirmed a second time', async () => {
    const menu = await h.say(tam, '/risk');
    expect(text(menu)).toContain('Risk limits');
    expect(text(menu)).toContain('Largest position: 10%');
    expect(labels(menu)).toEqual(expect.arrayContaining(['Conservative', 'Medium', 'Aggressive', 'Largest position: 10%', 'Daily loss: 5%', 'Drawdown pause: 15%', 'More limits…', '✖ Close']));
    const limit = await press(tam, menu, 'Largest position: 10%');
    expect(text(limit)).toContain('Allowed: 1% to 100%');
    expect(labels(limit)).toEqual(['−5%', '−1%', '+1%', '+5%', '⬅ Back']);
    const tighter = await press(tam, limit, '−1%');
    expect(text(tighter)).toContain('In force now: Largest position 10% → 9%');
    const looser = await press(tam, tighter, '+5%');
    expect(text(looser)).toContain('Loosening waits: Largest position 9% → 14% takes effect at');
    expect(text(looser)).toContain('Now: 9%');
    const back = await press(tam, looser, 'Back');
    expect(labels(back)).toContain('Largest position: 9% → 14%');
    const sure = await press(tam, back, 'Loosen now');
    expect(text(sure)).toContain('Loosen your limits now?');
    const loosened = await press(tam, sure, 'Yes, loosen my limits now');
    expect(text(loosened)).toContain('Loosened now (you confirmed it twice): Largest position 9% → 14%');
    expect(labels(loosened)).toContain('Largest position: 14%');

    const more = await press(tam, loosened, 'More limits…');
    expect(text(more)).toContain('More risk limits');
    expect(labels(more)).toEqual(expect.arrayContaining(['Cooldown wait: 12 h', 'Thin book block: 50%', '⬅ Back']));
    const wait = await press(tam, more, 'Cooldown wait: 12 h');
    expect(text(wait)).toContain('Allowed: 1 h to 168 h');
    // Fewer hours of cooldown is a loosening: it waits.
    expect(text(await press(tam, wait, '−1 h'))).toContain('Loosening waits: Cooldown wait 12 h → 11 h');
    const preset = await press(tam, await press(tam, wait, 'Back'), 'Conservative');
    expect(text(preset)).toContain('Preset Conservative.');
    expect(text(preset)).toContain('In force now: Largest position 14% → 5%');
  });

  it('/panic cancels every open order and pauses; selling is a separate step; /resume ends it', async () => {
    const limit = await h.say(tam, 'buy 0.001 btc at 40000');
    await press(tam, limit, 'Confirm');
    const question = await h.say(tam, '/panic');
    expect(text(question)).toContain('This cancels all 1 open order on your accounts');
    const stopped = await press(tam, question, 'Yes: cancel them all and pause');
    expect(text(stopped)).toContain('Paused.');
    expect(text(stopped)).toContain('Cancelled 1 open order.');
    expect(text(stopped)).toContain('Your positions are kept. To sell everything, say “sell everything”');
    expect(text(await h.say(tam, 'my orders'))).not.toContain('· open');
    expect(text(await h.say(tam, 'buy 0.001 btc'))).toContain('Your account is paused');
    expect(text(await h.say(tam, '/resume'))).toContain('Resumed.');
    expect(text(await h.say(tam, 'buy 0.001 btc'))).toContain('Confirm within');
  });

  it('/performance answers with the equity chart as an image, then the numbers', async () => {
    await h.say(rae, '/performance');
    const [photo, numbers] = fromBot(rae).slice(-2);
    expect(photo?.photo?.[0]).toMatchObject({ width: 800, height: 500 });
    expect(h.emulator.photo(photo!.photo![0]!.file_id)?.contentType).toBe('image/png');
    expect(photo?.caption).toContain('Equity · PAPER');
    expect(text(numbers)).toContain('Performance');
    expect(text(numbers)).toMatch(/All\s+[—+\-\d]/);
  });

  it('sizes a buy from the risk and the stop, and shows what it risks', async () => {
    const preview = await h.say(sol, 'risk 0.5% on btc with a stop at 45k');
    expect(text(preview)).toContain('Risking 0.5% with a stop at 45,000');
    expect(text(preview)).toMatch(/loses [\d,.]+ USDT at the stop, fees included/);
    expect(text(preview)).toMatch(/🎯 With a stop at 45,000(\.00)? this risks [\d,.]+ USDT \(0\.\d+% of your portfolio\)/);
    expect(labels(preview)).toEqual(['✅ Confirm', '✖ Cancel']);
    expect(text(await h.say(sol, 'risk 1% on btc'))).toContain('Where is the stop?');
  });

  it('keeps risk to private chats', async () => {
    for (const command of ['/risk', '/panic', '/performance']) {
      await h.app.bot.handleUpdate(h.emulator.userSendsText(rae, group, command));
      expect(h.emulator.history(group.id).filter((m) => m.from?.is_bot).at(-1)?.text).toContain('in our private chat');
    }
  });
});
