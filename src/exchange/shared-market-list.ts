import type { CcxtExchange } from '../market/ccxt-exchange.js';

/** In fetchMarkets' params: fetch again now (a reload), whatever is shared. */
export const FETCH_FRESH = 'parleyFetchFresh';

interface Entry {
  at: number;
  value: Promise<{ markets: unknown; timeDifference: unknown }>;
}

/**
 * One exchange's market list, fetched once for every account trading there. Without it each
 * account's client asks for it before its first order — after a restart, fifty accounts mean
 * fifty exchangeInfo calls (weight 20 each on Binance) and a slow first order for everyone.
 * Binance's fetchMarkets also measures the clock difference its signatures depend on: that is
 * shared with the list.
 */
export class SharedMarketList {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 3_600_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Routes `client.fetchMarkets` through the list kept under `key` (exchange, environment, base URL). */
  share(client: CcxtExchange, key: string): void {
    const original = client.fetchMarkets.bind(client);
    const options = client.options as Record<string, unknown>;
    client.fetchMarkets = async (params: Record<string, unknown> = {}) => {
      const { [FETCH_FRESH]: fresh, ...rest } = params;
      const entry = this.entries.get(key);
      if (fresh === true || !entry || this.now() - entry.at > this.ttlMs) {
        const value = original(rest).then((markets) => ({ markets, timeDifference: options['timeDifference'] }));
        const mine: Entry = { at: this.now(), value };
        this.entries.set(key, mine);
        value.catch(() => {
          if (this.entries.get(key) === mine) this.entries.delete(key);
        });
        return (await value).markets as Awaited<ReturnType<CcxtExchange['fetchMarkets']>>;
      }
      const { markets, timeDifference } = await entry.value;
      if (timeDifference !== undefined) options['timeDifference'] = timeDifference;
      return markets as Awaited<ReturnType<CcxtExchange['fetchMarkets']>>;
    };
  }
}
