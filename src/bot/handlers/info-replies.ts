import { formatMoney } from '../../shared/number-format.js';
import type { ParleyContext } from '../context.js';
import type { BotDeps } from '../deps.js';
import { portfolioMessage } from '../format/portfolio-message.js';
import { priceMessage } from '../format/price-message.js';

export async function replyPortfolio(ctx: ParleyContext, deps: BotDeps): Promise<{ outcome: string; reply: string }> {
  const portfolio = await deps.trading.portfolio(ctx.parley!.account);
  const text = portfolioMessage(portfolio);
  await ctx.reply(text, { parse_mode: 'HTML' });
  return { outcome: 'answered', reply: text };
}

export async function replyPrice(ctx: ParleyContext, deps: BotDeps, symbol: string): Promise<{ outcome: string; reply: string }> {
  const account = ctx.parley?.account;
  const onExchange = account !== undefined && account.mode !== 'paper';
  const ticker = await deps.trading.price(symbol, account);
  const text = priceMessage(ticker, onExchange ? 'live' : deps.marketSource);
  await ctx.reply(text, { parse_mode: 'HTML' });
  return { outcome: 'answered', reply: text };
}

export function paperStartLabel(amount: number): string {
  return formatMoney(amount, 'USDT');
}
