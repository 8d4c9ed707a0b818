import { describe, expect, it } from 'vitest';
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
});
