import type { MiddlewareFn } from 'grammy';
import type { Clock } from '../../shared/clock.js';
import type { TradingService } from '../../trading/trading-service.js';
import type { Account, User } from '../../trading/types.js';
import type { ParleyContext } from '../context.js';

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Who a Telegram user is and which account they trade with, for a short while. Only a paper
 * default is kept: when a user switches away from a live account on another instance, this one
 * must not go on trading live with it for another minute. `forget` drops an entry at once (after
 * a switch on this instance).
 */
export class UserCache {
  private readonly entries = new Map<number, { user: User; account: Account; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = TTL_MS,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  get(telegramId: number): { user: User; account: Account } | undefined {
    const hit = this.entries.get(telegramId);
    if (hit && this.clock.now() - hit.at < this.ttlMs) return hit;
    if (hit) this.entries.delete(telegramId);
    return undefined;
  }

  set(telegramId: number, user: User, account: Account): void {
    this.entries.delete(telegramId);
    if (account.mode !== 'paper') return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(telegramId, { user, account, at: this.clock.now() });
  }

  forget(telegramId: number): void {
    this.entries.delete(telegramId);
  }
}

/**
 * Finds or creates the user behind each update (first contact creates the funded paper
 * account). A short cache saves a transaction per message; it is only a cache — the
 * database's unique keys keep instances from creating a user twice.
 */
export function identifyUser(trading: TradingService, clock: Clock, cache = new UserCache(clock)): MiddlewareFn<ParleyContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot) return next();
    const hit = cache.get(from.id);
    if (hit) {
      ctx.parley = { user: hit.user, account: hit.account, created: false };
    } else {
      const found = await trading.ensureUser({ telegramId: from.id, username: from.username, firstName: from.first_name, languageCode: from.language_code });
      cache.set(from.id, found.user, found.account);
      ctx.parley = found;
    }
    await next();
  };
}
