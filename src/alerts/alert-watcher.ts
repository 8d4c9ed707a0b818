import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { AlertBook } from './alert-book.js';
import type { AlertStore } from './ports.js';
import type { FiredAlert, LevelAlert, PriceAlert } from './types.js';

/** A price for one pair, as the tick bus delivers it (see market/tick.ts). */
export interface PriceTick {
  symbol: string;
  last: number;
}

export interface AlertWatcherDeps {
  store: Pick<AlertStore, 'active' | 'get'>;
  /** Fires those of `ids` the store still lets fire (the conditional UPDATE), notices included: AlertService.fireReached. */
  fire: (ids: readonly string[], tick: PriceTick) => Promise<FiredAlert[]>;
  clock: Clock;
  logger: Pick<Logger, 'warn'>;
  /** Called with what each tick fired (metrics, tests). */
  onFired?: (fired: FiredAlert[], tick: PriceTick) => void;
}

const PAGE = 1000;

/**
 * The per-tick half of the alerts: an AlertBook over the alerts a single price can fire — level
 * alerts that are active, armed, not snoozed and not expired — fed with every tick, so a spike
 * that crosses a level and comes back between two checking passes is seen.
 *
 * The book only says which alerts a tick reached; the store's conditional UPDATE decides whether
 * this instance fires them (every instance runs a watcher and gets the same ticks: each firing
 * goes to one of them, and is told once). A reached alert leaves the book whatever the store says;
 * one that is still eligible (the UPDATE failed, say) comes back on reload or the next resync.
 *
 * Not per tick (the 5 s `alerts.check` pass handles them, as before): move alerts (they measure a
 * window's candles), the re-arming of repeating alerts after their cooldown, snoozes that end,
 * and expiry. The pass stays on as the safety net for every kind.
 *
 * Kept current by: rebuild() at start and every resync; reload(id) when an alert changes (on this
 * instance, or on another one through the bus's "alert changed" message).
 */
export class AlertWatcher {
  private readonly book = new AlertBook();
  private readonly symbolSet = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly symbolListeners: Array<(symbols: string[]) => void> = [];
  /** While a rebuild reads the store: the ids that changed meanwhile, reloaded once it is done. */
  private changedDuringRebuild: Set<string> | undefined;

  constructor(private readonly deps: AlertWatcherDeps) {}

  get size(): number {
    return this.book.size;
  }

  /** The pairs the book watches: the symbols the stream must subscribe to. */
  symbols(): string[] {
    return [...this.symbolSet];
  }

  /** Told when a pair is added to the book (the stream holder subscribes to it). */
  onSymbols(listener: (symbols: string[]) => void): void {
    this.symbolListeners.push(listener);
  }

  /** The book from the store's active alerts: at start, and every resync. */
  async rebuild(): Promise<void> {
    const now = this.deps.clock.now();
    const eligible: LevelAlert[] = [];
    const changed = new Set<string>();
    this.changedDuringRebuild = changed;
    let afterId: string | undefined;
    try {
      for (;;) {
        const page = await this.deps.store.active({ afterId, limit: PAGE });
        for (const alert of page) if (perTick(alert, now)) eligible.push(alert);
        if (page.length < PAGE) break;
        afterId = page[page.length - 1]!.id;
      }
    } finally {
      if (this.changedDuringRebuild === changed) this.changedDuringRebuild = undefined;
    }
    const before = this.symbolSet.size;
    this.book.rebuild(eligible.map(bookAlert));
    for (const a of eligible) this.symbolSet.add(a.symbol);
    if (this.symbolSet.size !== before) this.tellSymbols();
    // A change read before its page was read would be undone by the rebuild: read those again.
    await Promise.all([...changed].map((id) => this.reload(id)));
  }

  /** One alert changed (set, removed, snoozed, moved): the book follows the store. */
  async reload(id: string): Promise<void> {
    this.changedDuringRebuild?.add(id);
    const alert = await this.deps.store.get(id);
    this.book.remove(id);
    if (alert && perTick(alert, this.deps.clock.now())) this.add(alert);
  }

  /**
   * A price: O(1) when it reaches no alert, else O(log n + fired) to find them, then one
   * conditional UPDATE for them all. Returns at once; the firing runs in the background (see settled()).
   */
  onTick(tick: PriceTick): void {
    const ids = this.book.onTick(tick.symbol, tick.last);
    if (ids.length === 0) return;
    const firing = this.deps
      .fire(ids, tick)
      .then((fired) => this.deps.onFired?.(fired, tick))
      .catch(async (error: unknown) => {
        this.deps.logger.warn({ err: error, symbol: tick.symbol, alerts: ids.length }, 'alerts: could not fire what a tick reached; they go back in the book');
        await Promise.all(ids.map((id) => this.reload(id).catch(() => {})));
      })
      .finally(() => this.inFlight.delete(firing));
    this.inFlight.add(firing);
  }

  /** Resolves once every firing started so far has settled (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private add(alert: PriceAlert): void {
    if (alert.kind !== 'level') return;
    this.book.add(bookAlert(alert));
    if (!this.symbolSet.has(alert.symbol)) {
      this.symbolSet.add(alert.symbol);
      this.tellSymbols();
    }
  }

  private tellSymbols(): void {
    const symbols = this.symbols();
    for (const listener of this.symbolListeners) listener(symbols);
  }
}

/** Whether a single price can fire this alert now: an active, armed level alert, not snoozed, not expired. */
export function perTick(alert: PriceAlert, now: number): alert is LevelAlert {
  return (
    alert.kind === 'level' &&
    alert.status === 'active' &&
    alert.armed &&
    (alert.snoozedUntil === null || alert.snoozedUntil.getTime() <= now) &&
    (alert.expiresAt === null || alert.expiresAt.getTime() > now)
  );
}

function bookAlert(alert: LevelAlert) {
  return { id: alert.id, symbol: alert.symbol, direction: alert.direction, price: alert.price };
}
