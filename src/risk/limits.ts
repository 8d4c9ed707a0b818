import type { ErrorParams } from '../shared/errors.js';

/**
 * A user's risk limits. Percentages are in percent (10 = 10 %). Every field has a default and
 * bounds (RISK_LIMIT_BOUNDS); a user stores only what they changed, and `resolveRiskLimits`
 * lays that over the defaults and checks it. Setting a limit to its loosest bound is how a user
 * turns a rule all but off; the bounds keep "off" from being reachable for the account-wide
 * guards (the daily loss stops at 50 %, the drawdown at 90 %).
 */
export interface RiskLimits {
  /** position_size: the largest position in one asset, % of portfolio value after the order. */
  maxPositionPct: number;
  /** daily_loss: equity down this much since 00:00 UTC blocks new risk until the next UTC day. */
  dailyLossPct: number;
  /** max_drawdown: equity this far below its peak pauses the account. */
  maxDrawdownPct: number;
  /** liquidity: the depth counted is within this distance of the mid price. */
  liquidityBandPct: number;
  /** liquidity: an order above this share of that depth is warned … */
  liquidityWarnPct: number;
  /** … and above this share blocked (exits are only warned). */
  liquidityBlockPct: number;
  /** volatility: ATR period, in candles. */
  volatilityAtrPeriod: number;
  /** volatility: how many earlier ATR% values make the pair's norm (their median). */
  volatilityLookback: number;
  /** volatility: ATR% above this multiple of the norm is warned. */
  volatilityMultiple: number;
  /** correlation: assets whose candle returns correlate above this (Pearson) move together. */
  correlationThreshold: number;
  /** correlation: how many recent candle returns the correlation is measured on. */
  correlationLookback: number;
  /** correlation: a group that moves together above this share of equity is warned. */
  maxCorrelatedPct: number;
  /** fat_finger: a limit price this far from the market on the wrong side needs a second confirmation. */
  fatFingerPricePct: number;
  /** fat_finger: an order above this multiple of the median of the user's recent orders too. */
  fatFingerSizeMultiple: number;
  /** fat_finger: how many recent orders make "the usual" size. */
  fatFingerHistory: number;
  /** cooldown: this many losing stop-losses … */
  cooldownStopLosses: number;
  /** … within this many hours … */
  cooldownWindowHours: number;
  /** … make new entries wait this many hours after the last of them (freqtrade's StoplossGuard). */
  cooldownHours: number;
  /** open_orders: the most open orders a user may have before a new resting order is refused. */
  maxOpenOrders: number;
}

export type RiskLimitName = keyof RiskLimits;

export const DEFAULT_RISK_LIMITS: Readonly<RiskLimits> = Object.freeze({
  maxPositionPct: 10,
  dailyLossPct: 5,
  maxDrawdownPct: 15,
  liquidityBandPct: 1,
  liquidityWarnPct: 10,
  liquidityBlockPct: 50,
  volatilityAtrPeriod: 14,
  volatilityLookback: 100,
  volatilityMultiple: 2,
  correlationThreshold: 0.8,
  correlationLookback: 100,
  maxCorrelatedPct: 25,
  fatFingerPricePct: 10,
  fatFingerSizeMultiple: 5,
  fatFingerHistory: 20,
  cooldownStopLosses: 3,
  cooldownWindowHours: 24,
  cooldownHours: 12,
  maxOpenOrders: 20,
});

export interface LimitBound {
  min: number;
  max: number;
  integer: boolean;
  unit: '%' | 'x' | 'candles' | 'orders' | 'hours' | 'stop-losses' | 'correlation';
}

/** The bounds a menu or an API schema can be built from. */
export const RISK_LIMIT_BOUNDS: Readonly<Record<RiskLimitName, LimitBound>> = Object.freeze({
  maxPositionPct: { min: 1, max: 100, integer: false, unit: '%' },
  dailyLossPct: { min: 0.5, max: 50, integer: false, unit: '%' },
  maxDrawdownPct: { min: 1, max: 90, integer: false, unit: '%' },
  liquidityBandPct: { min: 0.1, max: 10, integer: false, unit: '%' },
  liquidityWarnPct: { min: 1, max: 100, integer: false, unit: '%' },
  liquidityBlockPct: { min: 1, max: 100, integer: false, unit: '%' },
  volatilityAtrPeriod: { min: 2, max: 100, integer: true, unit: 'candles' },
  volatilityLookback: { min: 20, max: 1000, integer: true, unit: 'candles' },
  volatilityMultiple: { min: 1.2, max: 10, integer: false, unit: 'x' },
  correlationThreshold: { min: 0.5, max: 0.99, integer: false, unit: 'correlation' },
  correlationLookback: { min: 20, max: 1000, integer: true, unit: 'candles' },
  maxCorrelatedPct: { min: 5, max: 100, integer: false, unit: '%' },
  fatFingerPricePct: { min: 1, max: 50, integer: false, unit: '%' },
  fatFingerSizeMultiple: { min: 2, max: 100, integer: false, unit: 'x' },
  fatFingerHistory: { min: 5, max: 100, integer: true, unit: 'orders' },
  cooldownStopLosses: { min: 1, max: 20, integer: true, unit: 'stop-losses' },
  cooldownWindowHours: { min: 1, max: 168, integer: false, unit: 'hours' },
  cooldownHours: { min: 1, max: 168, integer: false, unit: 'hours' },
  maxOpenOrders: { min: 1, max: 200, integer: true, unit: 'orders' },
});

export interface LimitProblem {
  field: string;
  /** risk.limits.unknown | risk.limits.not_a_number | risk.limits.not_integer | risk.limits.out_of_range | risk.limits.order */
  code: string;
  params: ErrorParams;
  message: string;
}

export type LimitsResult = { ok: true; limits: RiskLimits } | { ok: false; problems: LimitProblem[] };

/**
 * The user's stored overrides over the defaults, checked: every field a finite number within its
 * bounds (an integer where it counts things), the liquidity block share at least its warn share.
 * Nothing is clamped silently: a value out of bounds is a problem the user is told about.
 */
export function resolveRiskLimits(overrides: unknown = {}): LimitsResult {
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
    return { ok: false, problems: [{ field: '', code: 'risk.limits.not_an_object', params: {}, message: 'Risk limits must be a set of named values.' }] };
  }
  const problems: LimitProblem[] = [];
  const limits: RiskLimits = { ...DEFAULT_RISK_LIMITS };
  for (const [field, value] of Object.entries(overrides)) {
    if (!(field in RISK_LIMIT_BOUNDS)) {
      problems.push({ field, code: 'risk.limits.unknown', params: { field }, message: `There is no risk limit called “${field}”.` });
      continue;
    }
    const name = field as RiskLimitName;
    const bound = RISK_LIMIT_BOUNDS[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push({ field, code: 'risk.limits.not_a_number', params: { field }, message: `${field} must be a number.` });
    } else if (bound.integer && !Number.isInteger(value)) {
      problems.push({ field, code: 'risk.limits.not_integer', params: { field, value }, message: `${field} must be a whole number.` });
    } else if (value < bound.min || value > bound.max) {
      problems.push({ field, code: 'risk.limits.out_of_range', params: { field, value, min: bound.min, max: bound.max }, message: `${field} must be between ${bound.min} and ${bound.max} (got ${value}).` });
    } else {
      limits[name] = value;
    }
  }
  if (problems.length === 0 && limits.liquidityBlockPct < limits.liquidityWarnPct) {
    problems.push({
      field: 'liquidityBlockPct',
      code: 'risk.limits.order',
      params: { field: 'liquidityBlockPct', value: limits.liquidityBlockPct, min: limits.liquidityWarnPct },
      message: `The liquidity block share (${limits.liquidityBlockPct}%) cannot be below its warning share (${limits.liquidityWarnPct}%).`,
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, limits };
}
