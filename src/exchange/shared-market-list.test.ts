import { describe, expect, it } from 'vitest';
import type { CcxtExchange } from '../market/ccxt-exchange.js';
import { FETCH_FRESH, SharedMarketList } from './shared-market-list.js';

/** Just what the list touches on a ccxt client: fetchMarkets, and Binance's clock difference. */
function fakeClient(calls: Array<Record<string, unknown>>, timeDifference?: number) {
  const client = {
    options: {} as Record<string, unknown>,
    async fetchMarkets(params: Record<string, unknown> = {}) {
      calls.push(params);
      if (timeDifference !== undefined) client.options['timeDifference'] = timeDifference;
      return [{ symbol: `BTC/USDT#${calls.length}` }];
    },
  };
  return client as typeof client & CcxtExchange;
}

describe('SharedMarketList', () => {
  it('fetches once per key for every client, passes the clock difference on, and refetches when asked or stale', async () => {
    let now = 0;
    const list = new SharedMarketList(1000, () => now);
    const calls: Array<Record<string, unknown>> = [];
    const [a, b] = [fakeClient(calls, 42), fakeClient(calls, 99)];
    const other = fakeClient(calls);
    list.share(a, 'binance:live');
    list.share(b, 'binance:live');
    list.share(other, 'binance:sandbox');

    const [fromA, fromB] = await Promise.all([a.fetchMarkets(), b.fetchMarkets()]);
    expect(fromB).toBe(fromA);
    expect(calls).toHaveLength(1);
    expect(b.options['timeDifference']).toBe(42);
    await other.fetchMarkets();
    expect(calls).toHaveLength(2); // another environment, another list

    await b.fetchMarkets({ [FETCH_FRESH]: true, type: 'spot' });
    expect(calls.at(-1)).toEqual({ type: 'spot' }); // the flag never reaches the exchange
    now = 2000;
    await a.fetchMarkets();
    expect(calls).toHaveLength(4);
  });

  it('forgets a failed fetch, so the next client tries again', async () => {
    const list = new SharedMarketList();
    let fail = true;
    const client = { options: {}, fetchMarkets: async () => (fail ? Promise.reject(new Error('down')) : [{ symbol: 'ETH/USDT' }]) } as unknown as CcxtExchange;
    list.share(client, 'k');
    await expect(client.fetchMarkets()).rejects.toThrow('down');
    fail = false;
    await expect(client.fetchMarkets()).resolves.toEqual([{ symbol: 'ETH/USDT' }]);
  });
});
