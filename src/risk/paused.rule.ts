import { exposureOf } from './exposure.js';
import type { RiskFacts, RiskOrder } from './facts.js';
import { allow, verdict, type RiskVerdict } from './verdict.js';

/**
 * paused: a paused account (by the drawdown rule or the user's kill switch) takes no new risk
 * until the user resumes it. Sales, stops, take-profits and cancels still go through.
 */
export function pausedRule(_now: number, order: RiskOrder, facts: Pick<RiskFacts, 'paused' | 'cash' | 'holdings'>): RiskVerdict {
  if (!facts.paused) return allow('paused');
  if (!exposureOf(order, facts).addsRisk) return allow('paused', 'no_new_risk');
  return verdict('paused', 'block', 'account_paused', 'Your account is paused: it takes no new risk until you resume it. Selling, stops, take-profits and cancels still work.');
}
