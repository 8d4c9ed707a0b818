import { describe, expect, it } from 'vitest';
import { alertFiredNotification } from '../../alerts/alert-events.js';
import type { PriceAlert } from '../../alerts/types.js';
import type { OrderEvent } from '../../trading/events.js';
import { renderNotification } from './notification-messages.js';

const order = (fields: Partial<OrderEvent['order']>): OrderEvent['order'] => ({
  id: 14, clientOrderId: 'c', exchangeOrderId: null, symbol: 'SOL/USDT', side: 'sell', type: 'limit', status: 'filled', amount: '1', price: '43.82', triggerPrice: null,
  triggerNative: false, filled: '1', average: '43.82', cost: '43.82', fee: '0.04382', feeCurrency: 'USDT', error: null, userId: 1, accountId: 1, ...fields,
});

describe('notices a trader can check', () => {
  it('says what a fill brought in, what it cost in fees and what the sale made, on the market’s grid', () => {
    const event: OrderEvent = { order: order({}), previousStatus: 'open', fill: { amount: '1', cost: '43.82', fee: '0.04382', feeCurrency: 'USDT' }, triggered: false, realizedPnlUsdt: '2.1', priceDecimals: 4 };
    expect(renderNotification({ kind: 'order.filled', payload: event })?.text).toBe(
      '🔔 <b>Limit sell #14</b> filled: sold 1 SOL at 43.8200 USDT.\nProceeds 43.82 USDT − fee 0.04 USDT = 43.78 USDT · P&amp;L +2.10 USDT',
    );
  });

  it('says when a stop was reduced to what is still held', () => {
    const event: OrderEvent = { order: order({ type: 'stop_loss', status: 'open', amount: '0.027', filled: '0', triggerPrice: '2500', symbol: 'ETH/USDT' }), previousStatus: 'open', fill: null, triggered: false, resizedFrom: '0.036', priceDecimals: 2 };
    expect(renderNotification({ kind: 'order.resized', payload: event })?.text).toBe(
      '🛡 <b>Stop-loss #14</b> now covers 0.027 ETH (it covered 0.036): you hold less than it was set for. It still triggers at 2,500.00.',
    );
  });

  it('says why new risk was paused, what still works and how to end it', () => {
    const rendered = renderNotification({
      kind: 'risk.paused',
      payload: { reason: 'drawdown', pausedAt: '2026-01-01T12:00:00.000Z', accountId: 3, equity: '8500', peak: '10000', drawdownPct: 15, limitPct: 15 },
    });
    expect(rendered).toMatchObject({ edit: false });
    expect(rendered!.text).toContain('⏸ <b>New risk paused</b>');
    expect(rendered!.text).toContain('Your equity (8,500.00 USDT) is 15% below its peak of 10,000.00 USDT — past your 15% drawdown limit.');
    expect(rendered!.text).toContain('/resume ends the pause');
  });

  const alert = (fields: Partial<PriceAlert>): PriceAlert =>
    ({
      id: 'Ab3dEf6hIj9lMn0p', userId: 1, symbol: 'ETH/USDT', kind: 'level', direction: 'above', price: '3100', status: 'triggered', createdAt: new Date(0), triggeredAt: new Date(0),
      triggeredPrice: '3150', cancelledAt: null, cooldownMs: null, armed: false, snoozedUntil: null, expiresAt: null, fireCount: 1, ...fields,
    }) as PriceAlert;

  it('offers Buy, Sell and Snooze under a fired alert, with ✖ only when it keeps telling; each button ≤ 64 bytes', () => {
    const once = renderNotification(alertFiredNotification(alert({}), 3_150, 2));
    expect(once?.text).toBe('🔔 ETH/USDT is above 3,100.00 — 3,150.00 now.');
    const buttons = once!.keyboard!.inline_keyboard.flat().map((b) => ({ text: b.text, data: 'callback_data' in b ? b.callback_data : '' }));
    expect(buttons).toEqual([
      { text: '🟢 Buy ETH', data: 'al:b:Ab3dEf6hIj9lMn0p' },
      { text: '🔴 Sell ETH', data: 'al:s:Ab3dEf6hIj9lMn0p' },
      { text: '😴 Snooze', data: 'al:z:Ab3dEf6hIj9lMn0p' },
    ]);
    const repeating = renderNotification(alertFiredNotification(alert({ status: 'active', cooldownMs: 600_000 }), 3_150));
    expect(repeating!.keyboard!.inline_keyboard.flat().map((b) => b.text)).toEqual(['🟢 Buy ETH', '🔴 Sell ETH', '😴 Snooze', '✖ Remove']);
    for (const b of repeating!.keyboard!.inline_keyboard.flat()) expect(Buffer.byteLength('callback_data' in b ? (b.callback_data ?? '') : '')).toBeLessThanOrEqual(64);
    // A notice stored before notices had actions shows none.
    expect(renderNotification({ kind: 'alert.fired', payload: { alert: alert({}), last: 3_150 } })?.keyboard).toBeUndefined();
  });

  it('says a move with its numbers: up or down, how much, within what, from where', () => {
    const move = alert({ kind: 'move', direction: 'either', pct: '5', windowMs: 3_600_000 } as Partial<PriceAlert>);
    expect(renderNotification(alertFiredNotification(move, 2_840, 2, { pct: -5.33, from: 3_000 }))?.text).toBe('📉 ETH/USDT is down 5.33% within an hour — 2,840.00 now (from 3,000.00).');
  });
});
