import type { Clock } from '../shared/clock.js';
import { decString } from '../shared/decimal.js';
import { newId } from '../shared/ids.js';
import type { Logger } from '../shared/logger.js';
import type { MarketDirectory } from '../market/market-directory.js';
import type { MarketDataPort, Ticker } from '../market/types.js';
import { alertHolds, alertLevel, inferDirection, MAX_ACTIVE_ALERTS, refuseIfAlreadyThere, tooManyAlerts } from './alert-rules.js';
import { alertFiredNotification } from './alert-events.js';
import type { AlertStore, RemoveOutcome } from './ports.js';
import type { AlertRequest, FiredAlert, PriceAlert, SetAlert } from './types.js';

export interface AlertDeps {
  store: AlertStore;
  /** The app's feed: alerts belong to no exchange account, so every user's BTC alert watches the same price. */
  marketData: Pick<MarketDataPort, 'ticker'>;
  markets: Pick<MarketDirectory, 'get'>;
  clock: Clock;
  logger: Pick<Logger, 'warn'>;
  maxActivePerUser?: number;
  newId?: () => string;
}

const PAGE = 1000;

/** "my alerts": the active ones with the price now (when it could be read), and the last few that fired. */
export interface AlertListView {
  active: PriceAlert[];
  fired: PriceAlert[];
  /** Last price per symbol of the active alerts. */
  prices: Record<string, number>;
}

/**
 * The alert book's use cases — set, list, remove, and the checking pass — called alike by the
 * bot, the API and the `alerts.check` job. A sibling of TradingService rather than part of it:
 * alerts move no money and need none of its exchanges, confirmations or journal.
 */
export class AlertService {
  constructor(private readonly deps: AlertDeps) {}

  get maxActive(): number {
    return this.deps.maxActivePerUser ?? MAX_ACTIVE_ALERTS;
  }

  /** The price alerts are judged by; refuses a symbol the feed does not list. */
  async price(symbol: string): Promise<Ticker> {
    const market = await this.deps.markets.get(symbol);
    return this.deps.marketData.ticker(market.symbol);
  }

  /**
   * Sets an alert. The direction is the one asked for, else inferred from the price now. Throws
   * AlertRefused when the level is not a price, when the alert would fire at once, or when the
   * user is at the cap; asking for an alert that is already active returns that one.
   */
  async set(request: AlertRequest): Promise<SetAlert> {
    const level = alertLevel(request.price);
    const ticker = await this.price(request.symbol);
    const direction = request.direction ?? inferDirection(level, ticker.last);
    refuseIfAlreadyThere(request.symbol, direction, level, ticker.last, !request.direction);
    const outcome = await this.deps.store.create(
      {
        id: (this.deps.newId ?? newId)(),
        userId: request.userId,
        symbol: request.symbol,
        direction,
        price: decString(level),
        createdAt: new Date(this.deps.clock.now()),
      },
      { maxActive: this.maxActive },
    );
    if (outcome.outcome === 'limit') throw tooManyAlerts(this.maxActive);
    return { alert: outcome.alert, last: ticker.last, existing: outcome.outcome === 'duplicate', ...(ticker.priceDecimals !== undefined ? { priceDecimals: ticker.priceDecimals } : {}) };
  }

  /** The user's active alerts, newest first. */
  active(userId: number): Promise<PriceAlert[]> {
    return this.deps.store.forUser(userId, { activeOnly: true, limit: this.maxActive });
  }

  /** The user's alerts that fired lately, newest first (for context beside the active ones). */
  async recentlyFired(userId: number, limit = 3): Promise<PriceAlert[]> {
    const latest = await this.deps.store.forUser(userId, { limit: this.maxActive + 20 });
    return latest.filter((a) => a.status === 'triggered').slice(0, limit);
  }

  /** The list a person sees: active alerts with the price now, and the last few that fired. */
  async listView(userId: number): Promise<AlertListView> {
    const [active, fired] = await Promise.all([this.active(userId), this.recentlyFired(userId)]);
    const prices: Record<string, number> = {};
    await Promise.all(
      [...new Set(active.map((a) => a.symbol))].map(async (symbol) => {
        // A price that cannot be read now only leaves its "now" out of the list.
        const ticker = await this.price(symbol).catch(() => null);
        if (ticker) prices[symbol] = ticker.last;
      }),
    );
    return { active, fired, prices };
  }

  /** Removes an active alert; only its owner can. */
  remove(userId: number, alertId: string): Promise<RemoveOutcome> {
    return this.deps.store.cancel(alertId, userId, new Date(this.deps.clock.now()));
  }

  /**
   * One pass over every active alert: one ticker per symbol, and those whose level the last price
   * is at or beyond move to triggered. Resolves with the alerts this pass fired; an alert another
   * pass (another instance) fired first is not among them, so each is reported exactly once.
   *
   * The ticker's last price decides, as it does for the stops Parley watches. A spike that
   * crosses the level and comes back between two passes (5 s apart) is not seen: seeing it would
   * take candles (the high and low since the last pass, as the paper matcher reads them), which
   * costs a second request per symbol per pass on a live exchange, and marks kept in memory that
   * a restart loses. A jump past the level that is still past it at the next pass fires.
   */
  async check(): Promise<FiredAlert[]> {
    const fired: FiredAlert[] = [];
    for (const [symbol, alerts] of await this.activeBySymbol()) {
      try {
        const ticker = await this.deps.marketData.ticker(symbol);
        const due = alerts.filter((a) => alertHolds(a.direction, a.price, ticker.last));
        if (due.length === 0) continue;
        const moved = await this.deps.store.trigger(
          due.map((a) => a.id),
          new Date(this.deps.clock.now()),
          decString(ticker.last),
          (alert) => alertFiredNotification(alert, ticker.last, ticker.priceDecimals),
        );
        for (const alert of moved) fired.push({ alert, last: ticker.last, ...(ticker.priceDecimals !== undefined ? { priceDecimals: ticker.priceDecimals } : {}) });
      } catch (error) {
        // One symbol's trouble (a delisting, a timeout) must not hold up the others; the next pass retries.
        this.deps.logger.warn({ err: error, symbol, alerts: alerts.length }, 'alerts: could not check a symbol; next pass retries');
      }
    }
    return fired;
  }

  private async activeBySymbol(): Promise<Map<string, PriceAlert[]>> {
    const bySymbol = new Map<string, PriceAlert[]>();
    let afterId: string | undefined;
    for (;;) {
      const page = await this.deps.store.active({ afterId, limit: PAGE });
      for (const alert of page) {
        const list = bySymbol.get(alert.symbol) ?? [];
        list.push(alert);
        bySymbol.set(alert.symbol, list);
      }
      if (page.length < PAGE) return bySymbol;
      afterId = page[page.length - 1]!.id;
    }
  }
}
