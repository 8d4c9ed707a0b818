// The size a proposal card offers, from the person's risk settings: a buy of half their largest
// position (the position-size limit, % of equity), so it passes that rule with room to spare; a
// sell of half what they hold. Nothing when they hold none of a coin the signal says to sell.
import { dec } from '../shared/decimal.js';
import { formatMoney } from '../shared/number-format.js';
import type { ProposalSizer } from '../signals/advisor-service.js';
import type { RiskService } from '../trading/risk-service.js';
import type { TradingService } from '../trading/trading-service.js';
import type { Account } from '../trading/types.js';

export interface ProposalSizingDeps {
  trading: Pick<TradingService, 'portfolio'>;
  risk: Pick<RiskService, 'settings'>;
  /** The account a person trades with now. */
  accountOf(userId: number): Promise<Account | null>;
}

/** Share of the largest-position limit a proposed buy takes. */
export const PROPOSAL_SHARE_OF_LIMIT = 0.5;

export function proposalSizer(deps: ProposalSizingDeps): ProposalSizer {
  return {
    async size(userId, symbol, side) {
      const account = await deps.accountOf(userId);
      if (!account) return null;
      const [base, quote] = symbol.split('/') as [string, string];
      const portfolio = await deps.trading.portfolio(account);
      if (side === 'sell') {
        const held = portfolio.holdings.find((h) => h.asset === base);
        if (!held || dec(held.amount).lte(0)) return null;
        return { request: { side, symbol, type: 'market', size: { kind: 'percent', percent: 50 } }, size: `half your ${base}`, sizing: `half of what you hold, so a wrong call costs at most half the position` };
      }
      const { limits } = await deps.risk.settings(userId);
      const equity = portfolio.equityUsdt;
      const amount = equity.mul(limits.maxPositionPct).div(100).mul(PROPOSAL_SHARE_OF_LIMIT).toDecimalPlaces(2, 1);
      if (amount.lte(0)) return null;
      return {
        request: { side, symbol, type: 'market', size: { kind: 'quote', amount: amount.toFixed(2) } },
        size: `${formatMoney(amount, quote)} of ${base}`,
        sizing: `half your largest position (${limits.maxPositionPct}% of ${formatMoney(equity, 'USDT')} equity, see /risk)`,
      };
    },
  };
}
