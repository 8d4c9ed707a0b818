import { cooldownRule } from './cooldown.rule.js';
import { correlationRule } from './correlation.rule.js';
import { dailyLossRule } from './daily-loss.rule.js';
import { exposureOf, type Exposure } from './exposure.js';
import type { RiskFacts, RiskOrder } from './facts.js';
import { fatFingerRule } from './fat-finger.rule.js';
import type { RiskLimits } from './limits.js';
import { liquidityRule } from './liquidity.rule.js';
import { maxDrawdownRule } from './max-drawdown.rule.js';
import { openOrdersRule } from './open-orders.rule.js';
import { pausedRule } from './paused.rule.js';
import { positionSizeRule } from './position-size.rule.js';
import { isBlocking, RISK_RULES, type RiskRuleName, type RiskVerdict } from './verdict.js';
import { volatilityRule } from './volatility.rule.js';

export type RiskRule = (now: number, order: RiskOrder, facts: RiskFacts, limits: RiskLimits) => RiskVerdict;

/** Every rule by name; `evaluateRisk` runs them in RISK_RULES order. */
export const RULES: Readonly<Record<RiskRuleName, RiskRule>> = {
  paused: pausedRule,
  max_drawdown: maxDrawdownRule,
  daily_loss: dailyLossRule,
  cooldown: cooldownRule,
  open_orders: openOrdersRule,
  position_size: positionSizeRule,
  correlation: correlationRule,
  liquidity: liquidityRule,
  volatility: volatilityRule,
  fat_finger: fatFingerRule,
};

export interface RiskEvaluation {
  /** Whether the order adds risk, and to what. */
  exposure: Exposure;
  /** One verdict per rule, in RISK_RULES order (allows included). */
  verdicts: RiskVerdict[];
  /** The verdicts that stop the order (`block`, and `pause`), first the one to say first. */
  blocked: RiskVerdict[];
  /** Sentences for the preview. */
  warnings: RiskVerdict[];
  /** Reasons the order needs a second, explicit confirmation. */
  confirmTwice: RiskVerdict[];
  /** Set when the account must be paused now (the drawdown limit was crossed): flip the kill switch. */
  pause: RiskVerdict | null;
  /** Nothing blocks: the order may be confirmed (twice, if confirmTwice is not empty). */
  ok: boolean;
}

/**
 * Runs every risk rule on one order, in a fixed order, against facts fetched once. Pure: the same
 * `now`, order, facts and limits give the same evaluation. Orders that add no risk (sales of what
 * is held into cash, stops, take-profits, cancels) are never blocked.
 */
export function evaluateRisk(now: number, order: RiskOrder, facts: RiskFacts, limits: RiskLimits): RiskEvaluation {
  const verdicts = RISK_RULES.map((name) => RULES[name](now, order, facts, limits));
  const blocked = verdicts.filter(isBlocking);
  const drawdown = verdicts.find((v) => v.rule === 'max_drawdown');
  return {
    exposure: exposureOf(order, facts),
    verdicts,
    blocked,
    warnings: verdicts.filter((v) => v.kind === 'warn'),
    confirmTwice: verdicts.filter((v) => v.kind === 'confirm_twice'),
    pause: drawdown && (drawdown.kind === 'pause' || drawdown.code === 'risk.max_drawdown.pausing') ? drawdown : null,
    ok: blocked.length === 0,
  };
}
