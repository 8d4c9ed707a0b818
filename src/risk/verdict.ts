import type { ErrorParams } from '../shared/errors.js';

/**
 * What one risk rule says about one order. The code and parameters are for each interface to
 * phrase its own way (the chat, the API); `message` is a default English sentence.
 *
 * - allow: nothing to say (the code still names why: e.g. `risk.volatility.not_enough_data`);
 * - warn: a sentence the preview shows; the order may be confirmed as usual;
 * - confirm_twice: the order may go ahead only after a second, explicit confirmation;
 * - block: the order may not be confirmed; the message says why and, where there is one, what
 *   would pass (`suggestion`);
 * - pause: blocks like `block`, and asks the caller to pause the account (the kill switch).
 */
export type RiskVerdictKind = 'allow' | 'warn' | 'confirm_twice' | 'block' | 'pause';

/** The rules, in the order `evaluateRisk` runs them (the first block is the one a person needs first). */
export const RISK_RULES = ['paused', 'max_drawdown', 'daily_loss', 'cooldown', 'open_orders', 'position_size', 'correlation', 'liquidity', 'volatility', 'fat_finger'] as const;
export type RiskRuleName = (typeof RISK_RULES)[number];

export interface RiskVerdict {
  rule: RiskRuleName;
  kind: RiskVerdictKind;
  /** Stable: `risk.<rule>.<reason>`. */
  code: string;
  /** Decimal amounts as strings, times as ISO strings (UTC), shares as numbers in percent. */
  params: ErrorParams;
  message: string;
  /** A block that has a way out: the largest order that would pass (base amount, and its value in the reference currency). */
  suggestion?: { amount: string; value: string };
}

export function verdict(rule: RiskRuleName, kind: RiskVerdictKind, reason: string, message: string, params: ErrorParams = {}, suggestion?: RiskVerdict['suggestion']): RiskVerdict {
  return { rule, kind, code: `risk.${rule}.${reason}`, params, message, ...(suggestion ? { suggestion } : {}) };
}

export function allow(rule: RiskRuleName, reason = 'ok', params: ErrorParams = {}): RiskVerdict {
  return verdict(rule, 'allow', reason, '', params);
}

/** Verdicts that stop the order (a pause does too). */
export function isBlocking(v: RiskVerdict): boolean {
  return v.kind === 'block' || v.kind === 'pause';
}
