import { describe, expect, it } from 'vitest';
import { cancelFromCommand, requestFromCommand } from './request-from-command.js';

describe('requestFromCommand', () => {
  it('builds complete requests for every order intent', () => {
    expect(requestFromCommand({ intent: 'buy_market', symbol: 'BTC/USDT', quote_amount: 100 })).toEqual({ ok: true, request: { side: 'buy', type: 'market', symbol: 'BTC/USDT', size: { kind: 'quote', amount: '100' } } });
    expect(requestFromCommand({ intent: 'sell_limit', symbol: 'ETH/USDT', percentage: 50, price: 3500 })).toEqual({
      ok: true,
      request: { side: 'sell', type: 'limit', symbol: 'ETH/USDT', size: { kind: 'percent', percent: 50 }, price: '3500' },
    });
    expect(requestFromCommand({ intent: 'set_stop_loss', symbol: 'BTC/USDT', percentage: 5 })).toEqual({
      ok: true,
      request: { side: 'sell', type: 'stop_loss', symbol: 'BTC/USDT', size: { kind: 'percent', percent: 100 }, trigger: { kind: 'percent', percent: 5 } },
    });
  });

  it('keeps what was said when something is missing', () => {
    expect(requestFromCommand({ intent: 'buy_market', amount: 0.001 })).toEqual({ ok: false, missing: 'symbol', request: { side: 'buy', type: 'market', size: { kind: 'base', amount: '0.001' } } });
    expect(requestFromCommand({ intent: 'buy_limit', symbol: 'BTC/USDT', price: 50000 })).toMatchObject({ ok: false, missing: 'amount', request: { price: '50000' } });
    expect(requestFromCommand({ intent: 'buy_limit', symbol: 'BTC/USDT', amount: 1 })).toMatchObject({ ok: false, missing: 'price', request: { size: { kind: 'base', amount: '1' } } });
    expect(requestFromCommand({ intent: 'set_take_profit', symbol: 'SOL/USDT' })).toMatchObject({ ok: false, missing: 'price' });
    expect(requestFromCommand({ intent: 'get_price', symbol: 'SOL/USDT' })).toBeNull();
  });

  it('reads cancel targets', () => {
    expect(cancelFromCommand({ intent: 'cancel_order', order_id: '77' })).toEqual({ target: 'one', orderRef: '77' });
    expect(cancelFromCommand({ intent: 'cancel_order', order_id: 'last' })).toEqual({ target: 'last' });
    expect(cancelFromCommand({ intent: 'cancel_order', order_id: 'all', symbol: 'BTC/USDT' })).toEqual({ target: 'all', symbol: 'BTC/USDT' });
    expect(cancelFromCommand({ intent: 'cancel_order' })).toBeNull();
  });
});
