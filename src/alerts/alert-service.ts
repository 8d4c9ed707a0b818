import type { Clock } from '../shared/clock.js';
import { dec, decString } from '../shared/decimal.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Logger } from '../shared/logger.js';
import type { MarketDirectory } from '../market/market-directory.js';
import type { MarketDataPort, Ticker } from '../market/types.js';
import { alertLevel, inferDirection, MAX_ACTIVE_ALERTS, refuseIfAlreadyThere, tooManyAlerts } from './alert-rules.js';
import { checkDuration, conditionHolds, movePercent, moveHolds, passDecision, snoozeEnd, windowRange, type SnoozeChoice, type WindowRange } from './alert-kinds.js';
import { alertFiredNotification } from './alert-events.js';
import type { AlertStore, CreateOutcome, NewAlert, RelevelOutcome, RemoveOutcome, SnoozeOutcome } from './ports.js';
import type { AlertRequest, AlertSchedule, FiredAlert, MeasuredMove, MoveAlertRequest, PriceAlert, SetAlert } from './types.js';

export interface AlertDeps {
  store: AlertStore;
  /** The app's feed: alerts belong to no exchange account, so every user's BTC alert watches the same price. */
  marketData: Pick<MarketDataPort, 'ticker' | 'candles'>;
  markets: Pick<MarketDirectory, 'get'>;
  clock: Clock;
  logger: Pick<Logger, 'warn'>;
  maxActivePerUser?: number;
  newId?: () => string;
  /**
   * Called with an alert's id after it was set, removed, snoozed or moved, so every instance's
   * per-tick book follows (the composition root publishes it on the tick bus).
   */
  onChange?: (alertId: string) => void;
}

const PAGE = 1000;
/** The candles a move's window is measured on, finest first; a feed without one (the replay) uses the next. */
const FRAMES: ReadonlyArray<readonly [string, number]> = [
  ['1m', 60_000],
  ['5m', 300_000],
  ['15m', 900_000],
  ['1h', 3_600_000],
];
/** At most this many candles per window: a 7-day window is read on 1 h candles. */
const MAX_CANDLES = 300;

/** "my alerts": the active ones with the price now (when it could be read), and the last few that fired. */
export interface AlertListView {
  active: PriceAlert[];
  fired: PriceAlert[];
  /** Last price per symbol of the active alerts. */
  prices: Record<string, number>;
  /** When it was read (a snooze that is over is not shown). */
  now: number;
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
    const outcome = await this.create({ ...this.stamp(), symbol: request.symbol, userId: request.userId, direction, price: decString(level) }, request);
    this.changed(outcome.alert.id);
    return { alert: outcome.alert, last: ticker.last, existing: outcome.outcome === 'duplicate', ...(ticker.priceDecimals !== undefined ? { priceDecimals: ticker.priceDecimals } : {}) };
  }

  /**
   * Sets a move alert: "tell me if eth moves 5% in an hour". A move already under way when it is
   * set is not told: the alert starts disarmed and arms once the move is no longer there.
   */
  async setMove(request: MoveAlertRequest): Promise<SetAlert> {
    const pct = movePercent(request.pct);
    const windowMs = checkDuration('window', request.windowMs);
    const ticker = await this.price(request.symbol);
    const direction = request.direction ?? 'either';
    const range = await this.rangeOf(ticker.symbol, windowMs).catch(() => null);
    const underWay = range !== null && moveHolds({ direction, pct }, range, ticker.last) !== null;
    const outcome = await this.create({ ...this.stamp(), symbol: ticker.symbol, userId: request.userId, kind: 'move', direction, pct, windowMs, armed: !underWay }, request);
    this.changed(outcome.alert.id);
    return { alert: outcome.alert, last: ticker.last, existing: outcome.outcome === 'duplicate', ...(ticker.priceDecimals !== undefined ? { priceDecimals: ticker.priceDecimals } : {}) };
  }

  private stamp(): { id: string; createdAt: Date } {
    return { id: (this.deps.newId ?? newId)(), createdAt: new Date(this.deps.clock.now()) };
  }

  private async create(alert: NewAlert, schedule: AlertSchedule): Promise<Exclude<CreateOutcome, { outcome: 'limit' }>> {
    const cooldownMs = schedule.cooldownMs == null ? null : checkDuration('cooldown', schedule.cooldownMs);
    const expiresAt = schedule.expiresInMs == null ? null : new Date(alert.createdAt.getTime() + checkDuration('expiry', schedule.expiresInMs));
    const outcome = await this.deps.store.create({ ...alert, cooldownMs, expiresAt }, { maxActive: this.maxActive });
    if (outcome.outcome === 'limit') throw tooManyAlerts(this.maxActive);
    return outcome;
  }

  /** One alert, for its owner only: the buttons of a notice use it before they act. */
  async owned(userId: number, alertId: string): Promise<{ outcome: 'found'; alert: PriceAlert } | { outcome: 'not_found' } | { outcome: 'not_owner' }> {
    const alert = await this.deps.store.get(alertId);
    if (!alert) return { outcome: 'not_found' };
    if (alert.userId !== userId) return { outcome: 'not_owner' };
    return { outcome: 'found', alert };
  }

  /**
   * Moves a level alert's level by `pct` percent (−5, +1, …), on the market's price tick. Throws
   * AlertRefused when the new level would fire at once, as setting it would.
   */
  async nudgeLevel(userId: number, alertId: string, pct: number): Promise<RelevelOutcome & { last?: number }> {
    const found = await this.owned(userId, alertId);
    if (found.outcome !== 'found') return found;
    const { alert } = found;
    if (alert.kind !== 'level' || alert.status !== 'active') return { outcome: 'already', alert };
    const market = await this.deps.markets.get(alert.symbol);
    const tick = market.priceTick;
    const moved = dec(alert.price).mul(dec(100 + pct).div(100));
    const level = alertLevel(decString(tick.gt(0) ? moved.div(tick).toDecimalPlaces(0).mul(tick) : moved));
    const ticker = await this.deps.marketData.ticker(market.symbol);
    refuseIfAlreadyThere(alert.symbol, alert.direction, level, ticker.last, false);
    const outcome = await this.deps.store.relevel(alertId, userId, decString(level));
    this.changed(alertId);
    return { ...outcome, last: ticker.last };
  }

  /** Quiet for an hour or until tomorrow, then it tells again if the price is still there; only its owner can. */
  async snooze(userId: number, alertId: string, choice: SnoozeChoice): Promise<SnoozeOutcome> {
    const outcome = await this.deps.store.snooze(alertId, userId, snoozeEnd(choice, this.deps.clock.now()), { maxActive: this.maxActive });
    this.changed(alertId);
    return outcome;
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
    return { active, fired, prices, now: this.deps.clock.now() };
  }

  /** Removes an active alert; only its owner can. */
  async remove(userId: number, alertId: string): Promise<RemoveOutcome> {
    const outcome = await this.deps.store.cancel(alertId, userId, new Date(this.deps.clock.now()));
    this.changed(alertId);
    return outcome;
  }

  /**
   * Fires those of `ids` a tick reached (the per-tick book, see AlertWatcher) through the same
   * conditional UPDATE and notice as the checking pass: an alert already fired — by another
   * instance, or by the pass — is not fired again, and each firing is told once.
   */
  async fireReached(ids: readonly string[], tick: { symbol: string; last: number }): Promise<FiredAlert[]> {
    if (ids.length === 0) return [];
    const market = await this.deps.markets.get(tick.symbol).catch(() => undefined);
    const priceDecimals = market && market.priceTick.gt(0) ? Math.max(0, market.priceTick.decimalPlaces()) : undefined;
    const fired = await this.deps.store.trigger(ids, new Date(this.deps.clock.now()), decString(dec(tick.last)), (alert) => alertFiredNotification(alert, tick.last, priceDecimals));
    return fired.map((alert) => ({ alert, last: tick.last, ...(priceDecimals !== undefined ? { priceDecimals } : {}) }));
  }

  private changed(alertId: string): void {
    try {
      this.deps.onChange?.(alertId);
    } catch (error) {
      this.deps.logger.warn({ err: error, alertId }, 'alerts: could not tell the other instances of a change; their resync will');
    }
  }

  /**
   * One pass over every active alert: one ticker per symbol (and, for move alerts, the window's
   * candles), then each alert's decision (see passDecision): fire, re-arm, expire or wait. Resolves
   * with the alerts this pass fired; an alert another pass (another instance) fired first is not
   * among them, so each firing is reported exactly once.
   *
   * The ticker's last price decides, as it does for the stops Parley watches. Level alerts are also
   * checked on every tick of the market stream (AlertWatcher), so a spike that crosses the level
   * and comes back between two passes is seen there; this pass is their safety net (the stream
   * down, an alert that came back from a snooze) and the only check of move alerts, which read
   * the window's candles (so a move's high and low are seen), of re-arming and of expiry.
   */
  async check(): Promise<FiredAlert[]> {
    const fired: FiredAlert[] = [];
    for (const [symbol, alerts] of await this.activeBySymbol()) {
      try {
        fired.push(...(await this.checkSymbol(symbol, alerts)));
      } catch (error) {
        // One symbol's trouble (a delisting, a timeout) must not hold up the others; the next pass retries.
        this.deps.logger.warn({ err: error, symbol, alerts: alerts.length }, 'alerts: could not check a symbol; next pass retries');
      }
    }
    return fired;
  }

  private async checkSymbol(symbol: string, alerts: PriceAlert[]): Promise<FiredAlert[]> {
    const now = this.deps.clock.now();
    const at = new Date(now);
    const ticker = await this.deps.marketData.ticker(symbol);
    const ranges = new Map<number, WindowRange | null>();
    for (const a of alerts) {
      if (a.kind === 'move' && !ranges.has(a.windowMs)) {
        ranges.set(a.windowMs, await this.rangeOf(symbol, a.windowMs).catch((error: unknown) => {
          this.deps.logger.warn({ err: error, symbol }, 'alerts: no candles for a move window; next pass retries');
          return null;
        }));
      }
    }
    const toFire: string[] = [];
    const toRearm: string[] = [];
    const toExpire: string[] = [];
    const moves = new Map<string, MeasuredMove>();
    for (const a of alerts) {
      const range = a.kind === 'move' ? (ranges.get(a.windowMs) ?? null) : null;
      const known = a.kind === 'level' || range !== null;
      const { holds, move } = conditionHolds(a, ticker.last, range);
      const decision = passDecision(a, now, known ? holds : null);
      if (decision === 'fire') toFire.push(a.id);
      else if (decision === 'rearm') toRearm.push(a.id);
      else if (decision === 'expire') toExpire.push(a.id);
      if (move) moves.set(a.id, move);
    }
    await this.deps.store.expire(toExpire, at);
    await this.deps.store.rearm(toRearm, at);
    if (toFire.length === 0) return [];
    const moved = await this.deps.store.trigger(toFire, at, decString(ticker.last), (alert) => alertFiredNotification(alert, ticker.last, ticker.priceDecimals, moves.get(alert.id)));
    return moved.map((alert) => {
      const move = moves.get(alert.id);
      return { alert, last: ticker.last, ...(ticker.priceDecimals !== undefined ? { priceDecimals: ticker.priceDecimals } : {}), ...(move ? { move } : {}) };
    });
  }

  /** The low and high of the last `windowMs`, on the finest candles the feed has (null: none). */
  private async rangeOf(symbol: string, windowMs: number): Promise<WindowRange | null> {
    const since = this.deps.clock.now() - windowMs;
    let lastError: unknown;
    for (const [timeframe, frameMs] of FRAMES) {
      if (windowMs / frameMs > MAX_CANDLES && timeframe !== '1h') continue;
      try {
        const candles = await this.deps.marketData.candles(symbol, timeframe, { since: since - frameMs });
        return windowRange(candles, frameMs, since);
      } catch (error) {
        // The replay keeps hourly candles only: its 1m is refused, and the next frame is tried.
        if (error instanceof AppError && error.code === 'market.unsupported_timeframe') {
          lastError = error;
          continue;
        }
        throw error;
      }
    }
    throw lastError;
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
