import type { Chat, Message, User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../test/support/in-process-app.js';
import { SettableMarketData } from '../../test/support/settable-market-data.js';
import { systemClock } from '../shared/clock.js';

const ada: User = { id: 4401, is_bot: false, first_name: 'Ada' };
const ben: User = { id: 4402, is_bot: false, first_name: 'Ben' };
const group: Chat = { id: -4400, type: 'group', title: 'Traders' };

/** Price alerts in chat, on the real stack in one process, with prices the test sets. */
describe('price alerts in chat', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  const market = new SettableMarketData(systemClock);

  beforeAll(async () => {
    market.set('BTC/USDT', 61_234);
    market.set('ETH/USDT', 3_000);
    market.set('SOL/USDT', 140);
    h = await inProcessApp({}, { marketData: market });
    await h.say(ada, '/start');
    await h.say(ben, '/start');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const chatOf = (user: User): Chat => ({ id: user.id, type: 'private', first_name: user.first_name });
  const botMessages = (chat: Chat): Message[] => h.emulator.history(chat.id).filter((m) => m.from?.is_bot);
  /** The job's pass, as the scheduler runs it; resolves with the messages it sent. */
  const checkPass = async (): Promise<string[]> => {
    const before = new Map(h.emulator.chats().map((c) => [c.id, botMessages(c).length]));
    await h.app.alerts.check();
    await h.deliverNotifications();
    return h.emulator.chats().flatMap((c) => botMessages(c).slice(before.get(c.id) ?? 0).map((m) => `${c.id}: ${m.text}`));
  };
  const press = async (user: User, chat: Chat, message: Message, label: string) => {
    const button = h.buttons(message).find((b) => b.text.includes(label));
    if (!button) throw new Error(`no ${label} in ${JSON.stringify(h.buttons(message))}`);
    const update = h.emulator.userPressesButton(user, chat, message.message_id, button.data);
    await h.app.bot.handleUpdate(update);
    return { answer: h.emulator.callbackAnswer(update.callback_query!.id), message: h.emulator.message(chat.id, message.message_id)! };
  };

  it('sets an alert from one message, inferring the direction, with a ✖ Remove button and no preview', async () => {
    const below = await h.say(ada, 'alert me when btc hits 60k');
    expect(below?.text).toBe('🔔 Alert set: BTC/USDT below 60,000.00 (now 61,234.00). I’ll tell you once.');
    expect(h.buttons(below).map((b) => b.text)).toEqual(['✖ Remove']);
    const above = await h.say(ada, 'tell me when bitcoin hits 70,000');
    expect(above?.text).toContain('Alert set: BTC/USDT above 70,000.00');
    const again = await h.say(ada, 'alert me when btc drops below 60k');
    expect(again?.text).toContain('You already have this alert: BTC/USDT below 60,000.00');
  });

  it('refuses an alert that would fire at once, and a coin that is not listed', async () => {
    expect((await h.say(ada, 'alert me when btc goes above 60k'))?.text).toBe('BTC is already above 60,000.00 (61,234.00 now).');
    expect((await h.say(ada, 'alert me when btc falls below 65000'))?.text).toBe('BTC is already below 65,000.00 (61,234.00 now).');
    expect((await h.say(ada, 'alert me when pepe hits 1'))?.text).toMatch(/isn’t listed here|don’t know a coin/);
  });

  it('asks for the price with presets around the price now, and takes a press or a typed price', async () => {
    const question = await h.say(ada, 'alert me about eth');
    expect(question?.text).toBe('At what price? I’ll tell you once ETH reaches it. It is 3,000.00 USDT now. Pick one or type a price.');
    expect(h.buttons(question).map((b) => b.text)).toEqual(['−5% (2,850.00)', '+5% (3,150.00)', '−10% (2,700.00)', '+10% (3,300.00)', '✖ Cancel']);
    await h.press(ada, question!, h.buttons(question).find((b) => b.text.startsWith('+5%'))!.data);
    expect(h.emulator.message(ada.id, question!.message_id)?.text).toContain('→ 3,150.00');
    expect(botMessages(chatOf(ada)).at(-1)?.text).toBe('🔔 Alert set: ETH/USDT above 3,150.00 (now 3,000.00). I’ll tell you once.');

    const drops = await h.say(ada, 'alert me when sol drops');
    expect(h.buttons(drops).map((b) => b.text)).toEqual(['−2% (137.20)', '−5% (133.00)', '−10% (126.00)', '✖ Cancel']);
    expect((await h.say(ada, 'banana'))?.text).toContain('I need a price in USDT');
    expect((await h.say(ada, '$150'))?.text).toBe('SOL is already below 150.00 (140.00 now).');
    const typed = await h.say(ada, 'alert me about sol');
    expect(typed?.text).toContain('It is 140.00 USDT now');
    expect((await h.say(ada, '150'))?.text).toContain('Alert set: SOL/USDT above 150.00 (now 140.00)');

    const cancelled = await h.say(ada, 'alert me about btc');
    await h.press(ada, cancelled!, h.buttons(cancelled).find((b) => b.text === '✖ Cancel')!.data);
    expect(h.emulator.message(ada.id, cancelled!.message_id)?.text).toBe('✖ Cancelled. No alert was set.');
  });

  it('lists active alerts with the price now, each opening its card: move the level, snooze, remove', async () => {
    const list = (await h.say(ada, '/alerts'))!;
    expect(list.text).toBe(
      [
        '🔔 Your price alerts',
        '• BTC/USDT above 70,000.00 · now 61,234.00',
        '• BTC/USDT below 60,000.00 · now 61,234.00',
        '• ETH/USDT above 3,150.00 · now 3,000.00',
        '• SOL/USDT above 150.00 · now 140.00',
        '',
        'Each tells you once. Tap one to move, snooze or remove it.',
      ].join('\n'),
    );
    expect(h.buttons(list).map((b) => b.text)).toEqual(['BTC above 70,000.00', 'BTC below 60,000.00', 'ETH above 3,150.00', 'SOL above 150.00']);
    // A level that would fire at once is refused, and nothing moves.
    const btc = await press(ada, chatOf(ada), list, 'BTC below');
    expect(btc.message.text).toBe('🔔 BTC/USDT below 60,000.00\nNow 61,234.00 · I’ll tell you once.');
    expect(h.buttons(btc.message).map((b) => b.text)).toEqual(['−5%', '−1%', '+1%', '+5%', '😴 1 hour', '😴 Until tomorrow', '✖ Remove', '‹ All alerts']);
    const refused = await press(ada, chatOf(ada), btc.message, '+5%');
    expect(refused.answer).toMatchObject({ text: 'BTC is already below 63,000.00 (61,234.00 now).', showAlert: true });
    expect(refused.message.text).toBe(btc.message.text);

    await h.say(ada, 'alert me when eth goes above 3300');
    const more = (await h.say(ada, '/alerts'))!;
    const card = await press(ada, chatOf(ada), more, 'ETH above 3,300.00');
    const up = await press(ada, chatOf(ada), card.message, '+1%');
    expect(up.answer?.text).toBe('Level moved up 1%.');
    expect(up.message.text).toBe('🔔 ETH/USDT above 3,333.00\nNow 3,000.00 · I’ll tell you once.');
    const snoozed = await press(ada, chatOf(ada), up.message, '1 hour');
    expect(snoozed.answer?.text).toBe('Snoozed.');
    expect(snoozed.message.text).toMatch(/^🔔 ETH\/USDT above 3,333\.00\nNow 3,000\.00 · I’ll tell you once\.\n😴 Snoozed until \d+ \w+ \d\d:\d\d UTC\.$/);
    const back = await press(ada, chatOf(ada), snoozed.message, 'All alerts');
    expect(back.message.text).toMatch(/• ETH\/USDT above 3,333\.00 · now 3,000\.00 · snoozed until \d+ \w+ \d\d:\d\d UTC/);
    const gone = await press(ada, chatOf(ada), (await press(ada, chatOf(ada), back.message, 'ETH above 3,333.00')).message, 'Remove');
    expect(gone.message.text).not.toContain('3,333.00');
    // Ben cannot open Ada's card, whatever button data he sends.
    const byBen = h.emulator.userPressesButton(ben, chatOf(ben), botMessages(chatOf(ben)).at(-1)!.message_id, h.buttons(gone.message)[0]!.data, { allowUnknownData: true });
    await h.app.bot.handleUpdate(byBen);
    expect(h.emulator.callbackAnswer(byBen.callback_query!.id)).toMatchObject({ text: 'This isn’t your alert: only the person who set it can change it.', showAlert: true });

    const sol = await press(ada, chatOf(ada), gone.message, 'SOL');
    const { answer, message } = await press(ada, chatOf(ada), sol.message, 'Remove');
    expect(answer?.text).toBe('Alert removed.');
    expect(message.text).not.toContain('SOL');
    expect(h.buttons(message)).toHaveLength(3);
    // "my alerts" is no alert to set: it shows the same list.
    expect((await h.say(ada, 'my alerts'))?.text).toContain('• ETH/USDT above 3,150.00');
  });

  it('removes an alert from its own message, for its owner only', async () => {
    const set = (await h.say(ada, 'alert me when eth drops below 2500', group))!;
    const byBen = await press(ben, group, set, '✖ Remove');
    expect(byBen.answer).toMatchObject({ text: 'This isn’t your alert: only the person who set it can remove it.', showAlert: true });
    expect(byBen.message.text).toContain('Alert set');
    const byAda = await press(ada, group, set, '✖ Remove');
    expect(byAda.answer?.text).toBe('Alert removed.');
    expect(byAda.message.text).toBe('✖ Alert removed: ETH/USDT below 2,500.00.');
    expect(h.buttons(byAda.message)).toEqual([]);
  });

  it('tells the chat the alert was set in, once, when the price gets there — also after a jump past the level', async () => {
    const inGroup = (await h.say(ben, 'alert me when eth goes above 3200', group))!;
    expect(await checkPass()).toEqual([]);
    market.set('BTC/USDT', 59_987.1);
    market.set('ETH/USDT', 3_450);
    // Each notice carries its own buttons (Buy, Sell, Snooze), so two of Ada's alerts are two messages.
    const sent = await checkPass();
    expect(sent.sort()).toEqual([
      `${ada.id}: 🔔 BTC/USDT is below 60,000.00 — 59,987.10 now.`,
      `${ada.id}: 🔔 ETH/USDT is above 3,150.00 — 3,450.00 now.`,
      `${group.id}: 🔔 ETH/USDT is above 3,200.00 — 3,450.00 now.`,
    ].sort());
    expect(await checkPass()).toEqual([]);

    // A late ✖ on a fired alert says so and shows how it ended.
    const late = await press(ben, group, inGroup, '✖ Remove');
    expect(late.answer?.text).toBe('This alert already fired.');
    expect(late.message.text).toBe('🔔 Alert fired: ETH/USDT above 3,200.00 — at 3,450.00.');
    const list = await h.say(ada, '/alerts');
    expect(list?.text).toContain('• BTC/USDT above 70,000.00 · now 59,987.10');
    expect(list?.text).toMatch(/Fired lately\n• (ETH|BTC)\/USDT .* — at (3,450\.00|59,987\.10)\n• /);
  });

  it('says how to set one when there are none, and the help and menu name alerts', async () => {
    expect((await h.say(ben, '/alerts'))?.text).toContain('You have no active price alerts.\nSet one by saying');
    expect((await h.say(ben, '/help'))?.text).toContain('Price alerts: “alert me when btc drops below 60k”');
    expect((await h.say(ben, 'alert me when btc drops below 60k'))?.text).not.toContain('aren’t available');
  });
});
