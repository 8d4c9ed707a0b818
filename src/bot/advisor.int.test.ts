import type { Message, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedMarketData } from '../../test/support/fixed-market-data.js';
import { inProcessApp } from '../../test/support/in-process-app.js';
import { strongBuy, strongSignals } from '../../test/support/strong-signals.js';
import { ManualClock } from '../shared/clock.js';

const kim: User = { id: 5801, is_bot: false, first_name: 'Kim' };
const lou: User = { id: 5802, is_bot: false, first_name: 'Lou' };
const HOUR = 3_600_000;

/**
 * Advisor mode in one process: a signal source that reads a strong buy (the bundled records
 * rarely earn one), a book that stands still (BTC ≈ 50,000 USDT), a clock the test moves.
 */
describe('advisor mode in the chat', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 12, 30));
  beforeAll(async () => {
    h = await inProcessApp({ ADVISOR_MAX_PROPOSALS_PER_DAY: '2', PROPOSAL_TTL_SECONDS: '900' }, { clock, marketData: new FixedMarketData(() => clock.now()), signals: strongSignals(() => clock.now()) });
    for (const user of [kim, lou]) await h.say(user, '/start');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });
  const text = (m: Message | undefined) => m?.text ?? '';
  const fromBot = (user: User) => h.emulator.history(user.id).filter((m) => m.from?.is_bot);
  const press = async (user: User, message: Message | undefined, label: string) => {
    const button = h.buttons(message).find((b) => b.text.includes(label));
    if (!button) throw new Error(`no ${label} in ${JSON.stringify(h.buttons(message))}`);
    await h.press(user, message!, button.data);
    return button.data;
  };
  /** The newest candle's signal, through the signals job as it runs (stored, then considered). */
  const newCandle = async () => {
    const signal = strongBuy('BTC/USDT', Math.floor(clock.now() / HOUR) * HOUR);
    if (await h.app.core.repos.signals.record(signal)) await h.app.core.onNewSignal(signal);
    await h.deliverNotifications();
  };

  it('"watch btc for me" subscribes; a strong signal becomes a proposal card with the size from the risk settings and the track record', async () => {
    const watching = text(await h.say(kim, 'watch btc for me'));
    expect(watching).toContain('Watching BTC for you.');
    expect(watching).toContain('Watching: BTC');
    expect(text(await h.say(kim, 'watch btc for me'))).toContain('I was already watching BTC.');
    await newCandle();
    const card = fromBot(kim).at(-1);
    if (process.env.SHOW_CHAT) console.log(text(card));
    // Half the 10% largest-position limit of 10,000 USDT.
    expect(text(card)).toContain('💡 Proposal: buy 500.00 USDT of BTC');
    expect(text(card)).toContain('half your largest position (10% of 10,000.00 USDT equity');
    expect(text(card)).toMatch(/• Indicators: right 60\.1% of 431 calls \(95% CI 55\.6%–64\.6%\) vs 51\.3% for “always up”/);
    expect(h.buttons(card).map((b) => b.text)).toEqual(['✅ Confirm', '✖ Reject']);
    for (const b of h.buttons(card)) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);
    // Lou watches nothing: no card.
    expect(fromBot(lou).some((m) => text(m).includes('Proposal'))).toBe(false);
    // "why?" explains the proposal.
    const why = text(await h.say(kim, 'why?'));
    if (process.env.SHOW_CHAT) console.log(why);
    expect(why).toContain('Why I proposed to buy 500.00 USDT of BTC');
    expect(why).toContain('RSI 27: oversold → +1.00 × 1');
  });

  it('✅ opens the normal preview; its ✅ executes once; a second ✅ on the card opens nothing; someone else’s press does nothing', async () => {
    const card = fromBot(kim).findLast((m) => text(m).includes('Proposal'))!;
    const data = h.buttons(card).find((b) => b.text.includes('Confirm'))!.data;
    await h.app.bot.handleUpdate(h.emulator.userPressesButton(lou, { id: kim.id, type: 'private', first_name: kim.first_name }, card.message_id, data, { allowUnknownData: true }));
    await press(kim, card, 'Confirm');
    const preview = fromBot(kim).at(-1)!;
    if (process.env.SHOW_CHAT) console.log(text(preview));
    expect(text(preview)).toMatch(/Buy 0\.0099\d* BTC · BTC\/USDT · market/);
    expect(text(preview)).toContain('✓ risk limits');
    await press(kim, preview, 'Confirm');
    expect(text(h.emulator.message(kim.id, preview.message_id))).toMatch(/Bought 0\.0099\d* BTC/);
    const before = fromBot(kim).length;
    await h.app.bot.handleUpdate(h.emulator.userPressesButton(kim, { id: kim.id, type: 'private', first_name: kim.first_name }, card.message_id, data, { allowUnknownData: true }));
    expect(fromBot(kim).length).toBe(before);
    const history = text(await h.say(kim, 'my trade history'));
    if (process.env.SHOW_CHAT) console.log(history);
    expect(history.match(/Bought 0\.0099\d* BTC/g)).toHaveLength(1);
  });

  it('an expired proposal and a rejected one execute nothing; quiet hours and the daily cap hold cards back', async () => {
    clock.advance(HOUR);
    await newCandle();
    const card = fromBot(kim).at(-1)!;
    expect(text(card)).toContain('Proposal');
    clock.advance(901_000); // past its 15 minutes
    const before = fromBot(kim).length;
    await press(kim, card, 'Confirm');
    expect(fromBot(kim).length).toBe(before);
    // The cap (2 a day) is reached: the next candle brings no card.
    clock.advance(HOUR);
    await newCandle();
    expect(fromBot(kim).length).toBe(before);
    // Lou: quiet hours cover now (UTC), so nothing; then a card, rejected.
    await h.say(lou, 'watch btc for me');
    const hour = new Date(clock.now()).getUTCHours();
    expect(text(await h.say(lou, `/advisor quiet ${hour}-${(hour + 2) % 24}`))).toContain(`Quiet hours: ${String(hour).padStart(2, '0')}:00`);
    const louBefore = fromBot(lou).length;
    clock.advance(1000);
    await newCandle(); // same candle: stored already, considered no more
    clock.advance(HOUR);
    await newCandle();
    expect(fromBot(lou).length).toBe(louBefore);
    await h.say(lou, '/advisor quiet off');
    clock.advance(2 * HOUR);
    await newCandle();
    const louCard = fromBot(lou).at(-1)!;
    expect(text(louCard)).toContain('💡 Proposal: buy 500.00 USDT of BTC');
    await press(lou, louCard, 'Reject');
    const after = fromBot(lou).length;
    await press(lou, louCard, 'Confirm');
    expect(fromBot(lou).length).toBe(after);
    expect(text(await h.say(lou, 'my trade history'))).not.toContain('BTC');
    expect(text(await h.say(kim, 'my trade history')).match(/Bought 0\.0099\d* BTC/g)).toHaveLength(1);
  });
});
