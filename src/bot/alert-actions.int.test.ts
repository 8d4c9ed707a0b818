import type { Chat, Message, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../test/support/in-process-app.js';
import { SettableMarketData } from '../../test/support/settable-market-data.js';
import { ManualClock } from '../shared/clock.js';

const ada: User = { id: 4501, is_bot: false, first_name: 'Ada' };
const ben: User = { id: 4502, is_bot: false, first_name: 'Ben' };
const group: Chat = { id: -4500, type: 'group', title: 'Traders' };

/** One tap from a fired alert to an order: its notice's Buy, Sell, Snooze and Remove, on the real stack in one process. */
describe('a fired alert’s buttons', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  const market = new SettableMarketData(clock);

  beforeAll(async () => {
    market.set('BTC/USDT', 61_234);
    market.set('ETH/USDT', 3_000);
    market.set('SOL/USDT', 140);
    h = await inProcessApp({}, { marketData: market, clock });
    await h.say(ada, '/start');
    await h.say(ben, '/start');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const chatOf = (user: User): Chat => ({ id: user.id, type: 'private', first_name: user.first_name });
  const fromBot = (chat: Chat): Message[] => h.emulator.history(chat.id).filter((m) => m.from?.is_bot);
  /**
   * The price moves, then a checking pass and the sender's; resolves with the messages sent to
   * `chat` since the move (the app's own scheduled pass may be the one that sends them).
   */
  const checkPass = async (chat: Chat, move: () => void = () => {}): Promise<Message[]> => {
    const before = fromBot(chat).length;
    move();
    clock.advance(5_000);
    await h.app.alerts.check();
    await h.deliverNotifications();
    return fromBot(chat).slice(before);
  };
  const labels = (m: Message | undefined) => h.buttons(m).map((b) => b.text);
  const press = async (user: User, chat: Chat, message: Message, label: string) => {
    const button = h.buttons(message).find((b) => b.text.includes(label));
    if (!button) throw new Error(`no ${label} in ${JSON.stringify(h.buttons(message))}`);
    const update = h.emulator.userPressesButton(user, chat, message.message_id, button.data);
    await h.app.bot.handleUpdate(update);
    return { answer: h.emulator.callbackAnswer(update.callback_query!.id), message: h.emulator.message(chat.id, message.message_id)!, data: button.data };
  };
  // What executed, as the user sees it.
  const trades = async (user: User) => (await h.say(user, 'my trades'))?.text ?? '';

  it('fires with Buy, Sell and Snooze; Buy asks the amount, previews, and ✅ executes once', async () => {
    await h.say(ada, 'alert me when btc drops below 60k');
    const [notice] = await checkPass(chatOf(ada), () => market.set('BTC/USDT', 59_500));
    expect(notice?.text).toBe('🔔 BTC/USDT is below 60,000.00 — 59,500.00 now.');
    expect(labels(notice)).toEqual(['🟢 Buy BTC', '🔴 Sell BTC', '😴 Snooze']);
    for (const b of h.buttons(notice)) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);

    await press(ada, chatOf(ada), notice!, 'Buy BTC');
    const question = fromBot(chatOf(ada)).at(-1)!;
    expect(question.text).toBe('How much BTC should I buy? You have 10,000.00 USDT free.');
    expect(labels(question)).toEqual(['$50', '$100', '$250', '$500', 'Other amount', '✖ Cancel']);
    await press(ada, chatOf(ada), question, '$100');
    const preview = fromBot(chatOf(ada)).at(-1)!;
    expect(preview.text).toContain('Buy');
    expect(preview.text).toContain('BTC');
    expect(labels(preview)).toEqual(['✅ Confirm', '✖ Cancel']);

    const confirm = h.buttons(preview).find((b) => b.text === '✅ Confirm')!.data;
    await h.press(ada, preview, confirm);
    expect(h.emulator.message(ada.id, preview.message_id)?.text).toMatch(/Bought 0\.0016\d* BTC/);
    const afterFirst = await trades(ada);
    const second = h.emulator.userPressesButton(ada, chatOf(ada), preview.message_id, confirm, { allowUnknownData: true });
    await h.app.bot.handleUpdate(second);
    expect(h.emulator.callbackAnswer(second.callback_query!.id)?.text).toBe('Already done ✅ — it was executed once.');
    expect(h.emulator.message(ada.id, preview.message_id)?.text).toMatch(/Bought 0\.0016\d* BTC/);
    expect(await trades(ada)).toBe(afterFirst);
    expect(afterFirst.match(/Bought/g)).toHaveLength(1);
  });

  it('Sell asks about what you hold, and says so when there is none', async () => {
    await h.say(ada, 'alert me when eth goes above 3100');
    const [notice] = await checkPass(chatOf(ada), () => market.set('ETH/USDT', 3_150));
    expect(notice?.text).toBe('🔔 ETH/USDT is above 3,100.00 — 3,150.00 now.');
    await press(ada, chatOf(ada), notice!, 'Sell ETH');
    expect(fromBot(chatOf(ada)).at(-1)?.text).toBe('You hold no ETH to sell.');
  });

  it('answers another person’s press plainly, and takes the owner’s Buy in a group to the private chat', async () => {
    await h.say(ada, 'alert me when eth drops below 3000', group);
    const [notice] = await checkPass(group, () => market.set('ETH/USDT', 2_990));
    expect(notice?.text).toBe('🔔 ETH/USDT is below 3,000.00 — 2,990.00 now.');
    const before = fromBot(group).length;
    for (const label of ['Buy ETH', 'Sell ETH', 'Snooze']) {
      const { answer } = await press(ben, group, notice!, label);
      expect(answer).toMatchObject({ text: 'This isn’t your alert: only the person who set it can use its buttons.', showAlert: true });
    }
    expect(fromBot(group)).toHaveLength(before);

    // The owner's Buy in the group: the order is made in private, never where the group reads along.
    const mine = await press(ada, group, notice!, 'Buy ETH');
    expect(mine.answer).toMatchObject({ text: 'Orders stay private: I sent you the button in our private chat.', showAlert: true });
    expect(fromBot(group)).toHaveLength(before);
    const invite = fromBot(chatOf(ada)).at(-1)!;
    expect(invite.text).toBe('🔒 Your buy from the alert in Traders — here, where only you read along.');
    await press(ada, chatOf(ada), invite, 'Buy ETH');
    expect(fromBot(chatOf(ada)).at(-1)?.text).toMatch(/^How much ETH should I buy\? You have [\d,.]+ USDT free\.$/);
    await h.say(ada, '/cancel');
  });

  it('snoozes for an hour: quiet until then, told again if it still holds; then ✖ removes it and its buttons answer plainly', async () => {
    await h.say(ada, 'alert me when btc drops below 59000');
    const [notice] = await checkPass(chatOf(ada), () => market.set('BTC/USDT', 58_800));
    expect(notice?.text).toBe('🔔 BTC/USDT is below 59,000.00 — 58,800.00 now.');
    const asked = await press(ada, chatOf(ada), notice!, 'Snooze');
    expect(asked.answer?.text).toBe('Snooze for how long?');
    expect(labels(asked.message)).toEqual(['1 hour', 'Until tomorrow', '‹ Back']);
    const back = await press(ada, chatOf(ada), asked.message, 'Back');
    expect(labels(back.message)).toEqual(['🟢 Buy BTC', '🔴 Sell BTC', '😴 Snooze']);
    await press(ada, chatOf(ada), back.message, 'Snooze');
    const snoozed = await press(ada, chatOf(ada), h.emulator.message(ada.id, notice!.message_id)!, '1 hour');
    expect(snoozed.answer?.text).toBe('Snoozed.');
    expect(snoozed.message.text).toBe('🔔 BTC/USDT is below 59,000.00 — 58,800.00 now.\n😴 Snoozed until 1 Jun 13:00 UTC: BTC/USDT below 59,000.00. I’ll tell you again then if it still holds.');
    expect(labels(snoozed.message)).toEqual(['🟢 Buy BTC', '🔴 Sell BTC', '✖ Remove']);

    expect(await checkPass(chatOf(ada))).toEqual([]);
    const [again] = await checkPass(chatOf(ada), () => clock.set(Date.UTC(2026, 5, 1, 13, 5)));
    expect(again?.text).toBe('🔔 BTC/USDT is below 59,000.00 — 58,800.00 now.');
    expect(await checkPass(chatOf(ada))).toEqual([]);

    // Snoozed again, then removed from the notice: it stays, saying so, without buttons.
    await press(ada, chatOf(ada), again!, 'Snooze');
    await press(ada, chatOf(ada), h.emulator.message(ada.id, again!.message_id)!, 'Until tomorrow');
    const removed = await press(ada, chatOf(ada), h.emulator.message(ada.id, again!.message_id)!, 'Remove');
    expect(removed.answer?.text).toBe('Alert removed.');
    expect(removed.message.text).toBe('🔔 BTC/USDT is below 59,000.00 — 58,800.00 now.\n✖ Alert removed: it won’t tell you again.');
    expect(h.buttons(removed.message)).toEqual([]);
    const buyOld = h.emulator.userPressesButton(ada, chatOf(ada), again!.message_id, `al:b:${removed.data.slice('al:rn:'.length)}`, { allowUnknownData: true });
    await h.app.bot.handleUpdate(buyOld);
    expect(h.emulator.callbackAnswer(buyOld.callback_query!.id)?.text).toBe('This alert was removed.');
    expect(await checkPass(chatOf(ada), () => clock.set(Date.UTC(2026, 5, 3)))).toEqual([]);
  });

  it('sets a move alert, a repeating one and one for a while from chat; the move fires with its numbers', async () => {
    const move = await h.say(ben, 'tell me if eth moves 5% in an hour');
    expect(move?.text).toBe('🔔 Alert set: ETH/USDT moves 5% within an hour (now 2,990.00). I’ll tell you once.');
    const repeating = await h.say(ben, 'alert me every time btc drops below 58k for the next 24 hours');
    expect(repeating?.text).toMatch(/^🔔 Alert set: BTC\/USDT below 58,000\.00 \(now 58,800\.00\)\. I’ll tell you every time, at most once per 10 min, until 4 Jun \d\d:\d\d UTC\.$/);
    // Without a level it asks, and keeps "every time" for when the level is given.
    const asked = await h.say(ben, 'alert me every time about sol');
    expect(asked?.text).toMatch(/^At what price\? I’ll tell you each time SOL reaches it\./);
    expect((await h.say(ben, '150'))?.text).toBe('🔔 Alert set: SOL/USDT above 150.00 (now 140.00). I’ll tell you every time, at most once per 10 min.');
    const list = await h.say(ben, '/alerts');
    expect(list?.text).toContain('• ETH/USDT moves 5% within an hour · now 2,990.00');
    expect(list?.text).toMatch(/• BTC\/USDT below 58,000\.00 · now 58,800\.00 · every time · until 4 Jun \d\d:\d\d UTC/);
    expect(labels(list)).toEqual(['BTC below 58,000.00', 'ETH ±5% / 1 h', 'SOL above 150.00']);

    clock.advance(10 * 60_000);
    const [fired] = await checkPass(chatOf(ben), () => market.set('ETH/USDT', 3_150));
    expect(fired?.text).toBe('📈 ETH/USDT is up 5.35% within an hour — 3,150.00 now (from 2,990.00).');
    expect(labels(fired)).toEqual(['🟢 Buy ETH', '🔴 Sell ETH', '😴 Snooze']);

    // The repeating one: each crossing once, with ✖ on its notice (it keeps telling).
    const [first] = await checkPass(chatOf(ben), () => market.set('BTC/USDT', 57_900));
    expect(first?.text).toBe('🔔 BTC/USDT is below 58,000.00 — 57,900.00 now.');
    expect(labels(first)).toEqual(['🟢 Buy BTC', '🔴 Sell BTC', '😴 Snooze', '✖ Remove']);
    expect(await checkPass(chatOf(ben), () => market.set('BTC/USDT', 57_800))).toEqual([]);
    clock.advance(10 * 60_000);
    expect(await checkPass(chatOf(ben), () => market.set('BTC/USDT', 58_100))).toEqual([]);
    const [second] = await checkPass(chatOf(ben), () => market.set('BTC/USDT', 57_950));
    expect(second?.text).toBe('🔔 BTC/USDT is below 58,000.00 — 57,950.00 now.');
  });
});
