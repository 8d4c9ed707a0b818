import { describe, expect, it } from 'vitest';
import { CHAT_MEMORY_TTL_MS, readFollowUp, remember, type ChatMemory } from './follow-up.js';

const coinIn = (words: string): string | null => ({ eth: 'ETH/USDT', sol: 'SOL/USDT', polkadot: 'DOT/USDT' })[words.trim()] ?? null;
const T0 = 1_700_000_000_000;
const afterBuy = remember(undefined, { intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.1 }, T0)!;
const read = (text: string, memory: ChatMemory | undefined = afterBuy, now = T0 + 60_000) => readFollowUp(text, memory, now, coinIn)?.command ?? null;

describe('references to the last order, coin and question', () => {
  it('reads "buy more" and "same again" as the last order', () => {
    expect(read('buy more')).toEqual({ intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.1 });
    expect(read('Same again!')).toEqual({ intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.1 });
    expect(read('do it again pls')).toEqual({ intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.1 });
  });

  it('reads "sell it" as the coin last bought, "sell it all" as all of it', () => {
    expect(read('sell it')).toEqual({ intent: 'sell_market', symbol: 'BTC/USDT', amount: 0.1 });
    expect(read('sell it all')).toEqual({ intent: 'sell_market', symbol: 'BTC/USDT', percentage: 100 });
  });

  it('reads "make it 0.2" as the last order with that size, in the unit it had', () => {
    expect(read('make it 0.2')).toEqual({ intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.2 });
    expect(read('make it $50')).toEqual({ intent: 'buy_market', symbol: 'BTC/USDT', quote_amount: 50 });
    const dollars = remember(undefined, { intent: 'buy_market', symbol: 'ETH/USDT', quote_amount: 100 }, T0);
    expect(read('change it to 250', dollars)).toEqual({ intent: 'buy_market', symbol: 'ETH/USDT', quote_amount: 250 });
    const stop = remember(undefined, { intent: 'set_stop_loss', symbol: 'ETH/USDT', price: 2800 }, T0);
    expect(read('make it 2700', stop)).toEqual({ intent: 'set_stop_loss', symbol: 'ETH/USDT', price: 2700 });
  });

  it('reads "cancel that" as the last order', () => {
    expect(read('cancel that')).toEqual({ intent: 'cancel_order', order_id: 'last', symbol: 'BTC/USDT' });
  });

  it('reads "what about eth?" as the last question about another coin', () => {
    const asked = remember(afterBuy, { intent: 'get_signals', symbol: 'SOL/USDT' }, T0);
    expect(read('what about eth?', asked)).toEqual({ intent: 'get_signals', symbol: 'ETH/USDT' });
    expect(read('and polkadot?')).toEqual({ intent: 'get_price', symbol: 'DOT/USDT' });
    expect(read('what about my weekend')).toBeNull();
  });

  it('forgets after the expiry, and without a memory leaves the parser’s reading', () => {
    expect(read('buy more', afterBuy, T0 + CHAT_MEMORY_TTL_MS + 1)).toBeNull();
    expect(readFollowUp('sell it', undefined, T0, coinIn)).toBeNull();
    expect(read('buy 2 eth')).toBeNull();
    expect(remember(afterBuy, { intent: 'help' }, T0)).toBeUndefined();
  });

  it('keeps a reference at a confidence that previews with a confirmation, never above an exact reading', () => {
    const r = readFollowUp('buy more', afterBuy, T0, coinIn)!;
    expect(r.confidence).toBeGreaterThanOrEqual(0.7);
    expect(r.confidence).toBeLessThan(0.9);
  });
});
