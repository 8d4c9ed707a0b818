import type { MiddlewareFn } from 'grammy';
import type { Clock } from '../../shared/clock.js';
import type { TradingService } from '../../trading/trading-service.js';
import type { Account, User } from '../../trading/types.js';
import type { ParleyContext } from '../context.js';

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Finds or creates the user behind each update (first contact creates the funded paper
 * account). A short cache saves a transaction per message; it is only a cache — the
 * database's unique keys keep instances from creating a user twice.
 */
export function identifyUser(trading: TradingService, clock: Clock): MiddlewareFn<ParleyContext> {
  const cache = new Map<number, { user: User; account: Account; at: number }>();
  return async (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot) return next();
    const now = clock.now();
    const hit = cache.get(from.id);
    if (hit && now - hit.at < TTL_MS) {
      ctx.parley = { user: hit.user, account: hit.account, created: false };
    } else {
      const found = await trading.ensureUser({ telegramId: from.id, username: from.username, firstName: from.first_name, languageCode: from.language_code });
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      cache.set(from.id, { user: found.user, account: found.account, at: now });
      ctx.parley = found;
    }
    await next();
  };
}
