import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPrice } from '../../src/shared/number-format.js';
import { orderNumberIn, textOf } from '../support/chat-driver.js';
import { startParley, type Parley } from '../support/parley-harness.js';

const cents = (value: number): number => Math.round(value * 100) / 100;

/**
 * Messages that point at what the chat said before ("buy more", "same again", "make it 0.002",
 * "sell it", "what about eth?", "cancel that"), end to end: the real app as its own process, the
 * chat's memory in its database, and each reference going through the same preview and confirmation.
 */
describe('references to earlier turns, in chat', () => {
  let parley: Parley;

  beforeAll(async () => {
    parley = await startParley();
  }, 90_000);

  afterAll(async () => {
    expect(await parley?.close()).toBe(0);
  });

  it('repeats, resizes and reverses the last order, and asks about another coin the same way', async () => {
    const ann = parley.chat(8601, 'Ann');
    await ann.ask('/start', '10,000.00 USDT');

    const first = await ann.ask('buy 0.001 btc', 'Confirm');
    expect(textOf(first)).toContain('Buy 0.001 BTC · BTC/USDT · market');
    await ann.confirm(first, 'Bought');

    // "buy more": the same coin and size, previewed and confirmed like any order.
    const more = await ann.ask('buy more', 'Confirm');
    expect(textOf(more)).toContain('Buy 0.001 BTC · BTC/USDT · market');
    await ann.confirm(more, 'Bought');

    // "make it 0.002": the last order with another size; not executed until confirmed.
    const resized = await ann.ask('make it 0.002', 'Confirm');
    expect(textOf(resized)).toContain('Buy 0.002 BTC · BTC/USDT · market');

    // "same again": the last order as it now stands.
    const again = await ann.ask('same again', 'Confirm');
    expect(textOf(again)).toContain('Buy 0.002 BTC · BTC/USDT · market');

    // "sell it all": the coin talked about, all of the holding (0.002 bought so far).
    const sell = await ann.ask('sell it all', 'Confirm');
    expect(textOf(sell)).toMatch(/Sell 0\.00\d+ BTC · BTC\/USDT · market/);
    await ann.confirm(sell, 'Sold');

    // "what about eth?" after a price question: the price of ETH.
    await ann.ask('price of sol', 'SOL');
    const eth = textOf(await ann.ask('what about eth?', 'ETH'));
    expect(eth).toContain('ETH');
    expect(eth).not.toContain('SOL');
  });

  it('cancels the last order with "cancel that", through the cancel preview', async () => {
    const bo = parley.chat(8602, 'Bo');
    await bo.ask('/start', '10,000.00 USDT');
    const limit = cents((await bo.price('btc')) * 0.8);
    const preview = await bo.ask(`buy 0.01 btc at ${limit}`, 'Confirm');
    const id = orderNumberIn(textOf(await bo.confirm(preview, 'placed')));

    const cancel = await bo.ask('cancel that', 'Confirm');
    expect(textOf(cancel)).toContain('Cancel 1 order');
    expect(textOf(cancel)).toContain(`<b>#${id}</b> · Buy 0.01 BTC at ${formatPrice(limit)}`);
    expect(textOf(await bo.confirm(cancel, 'Cancelled 1 of 1'))).toContain('cancelled');
  });

  it('keeps each chat its own: with no earlier turn of its own, a reference is not guessed', async () => {
    const cy = parley.chat(8603, 'Cy');
    await cy.ask('/start', '10,000.00 USDT');
    // Ann's chat talked about BTC; Cy's did not.
    const reply = textOf(await cy.ask('sell it', ''));
    expect(reply).not.toContain('Confirm');
    expect(reply).not.toContain('BTC');
  });
});
