import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'grammy/types';
import { isUpload } from '../../src/api/playground/multipart.js';
import { buttonsOf, messageIdOf, textOf } from '../support/chat-driver.js';
import { startParley, type Parley } from '../support/parley-harness.js';

/**
 * The risk limits end to end: the real app as its own process in webhook mode on the replayed
 * market, users talking to it through the fake Bot API (10,000 USDT of paper money each).
 */
describe('risk limits, end to end', () => {
  let parley: Parley;

  beforeAll(async () => {
    parley = await startParley();
  }, 90_000);

  afterAll(async () => {
    expect(await parley?.close()).toBe(0);
  });

  it('blocks a buy of half the portfolio before anything reaches the exchange', async () => {
    const ada = parley.chat(8301, 'Ada');
    await ada.ask('/start', '10,000.00 USDT');
    const price = await ada.price('btc');
    const half = (5_000 / price).toFixed(4);
    const blocked = await ada.ask(`buy ${half} btc`, 'Nothing was placed.');
    expect(textOf(blocked)).toContain('A position may be at most 10% of your portfolio');
    expect(buttonsOf(blocked).map((b) => b.text)).toEqual([expect.stringMatching(/^Buy 0\.0\d+ BTC instead$/)]);
    // Nothing was sent: no order in the journal, the cash untouched.
    expect(textOf(await ada.ask('my orders', /open orders|no orders/i))).not.toContain('BTC');
    expect(textOf(await ada.ask('portfolio', 'Portfolio'))).toMatch(/Cash: 10,000\.00 USDT/);
  });

  it('lets a small buy through', async () => {
    const ben = parley.chat(8302, 'Ben');
    await ben.ask('/start', '10,000.00 USDT');
    const preview = await ben.ask('buy 0.001 btc', 'Confirm');
    expect(textOf(preview)).toContain('✓ risk limits');
    expect(textOf(await ben.confirm(preview, 'Bought'))).toMatch(/Bought 0\.001 BTC<\/b>/);
  });

  it('/risk shows the limits with buttons that change them', async () => {
    const cal = parley.chat(8303, 'Cal');
    await cal.ask('/start', '10,000.00 USDT');
    const menu = await cal.ask('/risk', 'Risk limits');
    expect(textOf(menu)).toContain('Largest position: <b>10%</b>');
    expect(buttonsOf(menu).map((b) => b.text)).toEqual(expect.arrayContaining(['Conservative', 'Medium', 'Aggressive', 'Largest position: 10%', 'Daily loss: 5%']));
    const mark = await cal.press(menu, 'Largest position: 10%');
    const limit = await cal.waitForMessage('Allowed: 1% to 100%', { after: mark, method: 'editMessageText', messageId: messageIdOf(menu) });
    const after = await cal.press(limit, '−1%');
    await cal.waitForMessage(/In force now:<\/b> Largest position 10% → 9%/, { after, method: 'editMessageText', messageId: messageIdOf(menu) });
  });

  it('/panic cancels the open orders and pauses new risk', async () => {
    const dee = parley.chat(8304, 'Dee');
    await dee.ask('/start', '10,000.00 USDT');
    const price = await dee.price('btc');
    const resting = await dee.ask(`buy 0.001 btc at ${Math.round(price / 2)}`, 'Confirm');
    await dee.confirm(resting, 'placed');
    const question = await dee.ask('/panic', 'Kill switch');
    expect(textOf(question)).toContain('This cancels all 1 open order');
    const mark = await dee.press(question, 'Yes: cancel them all and pause');
    const done = await dee.waitForMessage('Cancelled 1 open order.', { after: mark, method: 'editMessageText', messageId: messageIdOf(question) });
    expect(textOf(done)).toContain('Paused.');
    expect(textOf(await dee.ask('my orders', 'Recent'))).toMatch(/Buy 0\.001 BTC at [\d,.]+ · limit · cancelled/);
    expect(textOf(await dee.ask('buy 0.001 btc', 'Nothing was placed.'))).toContain('Your account is paused');
  });

  it('/performance answers with the equity chart as an image', async () => {
    const eve = parley.chat(8305, 'Eve');
    await eve.ask('/start', '10,000.00 USDT');
    const mark = await eve.say('/performance');
    const photo = await parley.tg.waitFor((c) => parley.tg.calls.indexOf(c) >= mark && c.method === 'sendPhoto' && Number(c.params.chat_id) === eve.chat.id, 15_000);
    expect(photo.response?.ok).toBe(true);
    const sent = (photo.response as { result: Message }).result;
    expect(sent.photo?.[0]).toMatchObject({ width: 800, height: 500 });
    expect(sent.caption).toContain('Equity · PAPER');
    // The bytes grammY uploaded (multipart): a PNG.
    const upload = Object.values(photo.params).find(isUpload)!;
    expect([...upload.data.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await eve.waitForMessage('Performance', { after: mark });
  });
});
