import { UnknownSymbol } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { Market, MarketDataPort } from './types.js';

/**
 * The markets an exchange lists, loaded once and refreshed now and then: symbol lookups
 * happen on every preview and must not call the exchange.
 */
export class MarketDirectory {
  private bySymbol = new Map<string, Market>();
  private loadedAt = -Infinity;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly source: Pick<MarketDataPort, 'markets'>,
    private readonly clock: Clock,
    private readonly ttlMs = 60 * 60 * 1000,
  ) {}

  async all(): Promise<Market[]> {
    await this.fresh();
    return [...this.bySymbol.values()];
  }

  async get(symbol: string): Promise<Market> {
    await this.fresh();
    const market = this.bySymbol.get(symbol);
    if (!market) throw new UnknownSymbol(symbol, this.notListedMessage(symbol));
    return market;
  }

  async find(symbol: string): Promise<Market | undefined> {
    await this.fresh();
    return this.bySymbol.get(symbol);
  }

  /** Every asset that appears in a listed market (for the parser's coin names). */
  async assets(): Promise<string[]> {
    await this.fresh();
    const assets = new Set<string>();
    for (const m of this.bySymbol.values()) {
      assets.add(m.base);
      assets.add(m.quote);
    }
    return [...assets];
  }

  /** Names what is tradable when the list is short enough to read (the replay's handful). */
  private notListedMessage(symbol: string): string {
    const quote = symbol.split('/')[1] ?? 'USDT';
    const bases = [...this.bySymbol.values()].filter((m) => m.quote === quote && m.active).map((m) => m.base);
    if (bases.length > 0 && bases.length <= 12) return `${symbol} isn’t listed here. You can trade ${bases.join(', ')} against ${quote}.`;
    return `${symbol} isn’t listed here. Try a pair such as BTC/USDT.`;
  }

  private async fresh(): Promise<void> {
    if (this.clock.now() - this.loadedAt < this.ttlMs && this.bySymbol.size > 0) return;
    this.loading ??= this.source
      .markets()
      .then((markets) => {
        this.bySymbol = new Map(markets.map((m) => [m.symbol, m]));
        this.loadedAt = this.clock.now();
      })
      .finally(() => {
        this.loading = undefined;
      });
    await this.loading;
  }
}
