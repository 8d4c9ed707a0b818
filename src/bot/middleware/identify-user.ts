import type { MiddlewareFn } from 'grammy';
import type { AccountService } from '../../accounts/account-service.js';
import { telegramIdentity, type ParleyContext } from '../context.js';

/**
 * Who is behind each update: their Telegram identity becomes a Parley user (first contact
 * creates the user and the funded paper account), with the account they trade with now.
 */
export function identifyUser(accounts: AccountService): MiddlewareFn<ParleyContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot) return next();
    ctx.parley = await accounts.identify(telegramIdentity(from.id), { username: from.username ?? null, firstName: from.first_name, languageCode: from.language_code ?? null });
    await next();
  };
}
