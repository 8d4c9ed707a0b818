// A user's risk limits as they are changed: presets, steps within the bounds, and the rule that a
// limit may be tightened at once but loosened only after a delay (or a second, explicit yes) — so
// a bad hour cannot talk a person out of their own guard rails in the heat of the moment.
import { DEFAULT_RISK_LIMITS, RISK_LIMIT_BOUNDS, resolveRiskLimits, type LimitProblem, type RiskLimitName, type RiskLimits } from './limits.js';

/** The specification's `risk_tolerance`: three sets of limits a user can start from. */
export const RISK_TOLERANCES = ['conservative', 'medium', 'aggressive'] as const;
export type RiskTolerance = (typeof RISK_TOLERANCES)[number];

/** Each preset, over the defaults (medium is the defaults). Measurement settings (periods, lookbacks) are left alone. */
export const RISK_PRESETS: Readonly<Record<RiskTolerance, Readonly<RiskLimits>>> = Object.freeze({
  conservative: Object.freeze({
    ...DEFAULT_RISK_LIMITS,
    maxPositionPct: 5,
    dailyLossPct: 3,
    maxDrawdownPct: 10,
    liquidityWarnPct: 5,
    liquidityBlockPct: 25,
    volatilityMultiple: 1.5,
    maxCorrelatedPct: 15,
    fatFingerPricePct: 5,
    fatFingerSizeMultiple: 3,
    cooldownStopLosses: 2,
    cooldownHours: 24,
    maxOpenOrders: 10,
  }),
  medium: DEFAULT_RISK_LIMITS,
  aggressive: Object.freeze({
    ...DEFAULT_RISK_LIMITS,
    maxPositionPct: 25,
    dailyLossPct: 10,
    maxDrawdownPct: 30,
    liquidityWarnPct: 20,
    liquidityBlockPct: 80,
    volatilityMultiple: 3,
    maxCorrelatedPct: 50,
    fatFingerPricePct: 20,
    fatFingerSizeMultiple: 10,
    cooldownStopLosses: 5,
    cooldownHours: 4,
    maxOpenOrders: 50,
  }),
});

/**
 * Which way a limit loosens. 'any': a measurement setting (a period, a lookback, a history
 * length), where no direction is safe by itself: every change of it waits like a loosening.
 */
export const LOOSENS: Readonly<Record<RiskLimitName, 'up' | 'down' | 'any'>> = Object.freeze({
  maxPositionPct: 'up',
  dailyLossPct: 'up',
  maxDrawdownPct: 'up',
  liquidityBandPct: 'up',
  liquidityWarnPct: 'up',
  liquidityBlockPct: 'up',
  volatilityAtrPeriod: 'any',
  volatilityLookback: 'any',
  volatilityMultiple: 'up',
  correlationThreshold: 'up',
  correlationLookback: 'any',
  maxCorrelatedPct: 'up',
  fatFingerPricePct: 'up',
  fatFingerSizeMultiple: 'up',
  fatFingerHistory: 'any',
  cooldownStopLosses: 'up',
  cooldownWindowHours: 'down',
  cooldownHours: 'down',
  maxOpenOrders: 'up',
});

/** A step of a menu's − / + buttons (the big step is five of them). */
export const LIMIT_STEPS: Readonly<Record<RiskLimitName, number>> = Object.freeze({
  maxPositionPct: 1,
  dailyLossPct: 0.5,
  maxDrawdownPct: 1,
  liquidityBandPct: 0.1,
  liquidityWarnPct: 5,
  liquidityBlockPct: 5,
  volatilityAtrPeriod: 1,
  volatilityLookback: 10,
  volatilityMultiple: 0.1,
  correlationThreshold: 0.01,
  correlationLookback: 10,
  maxCorrelatedPct: 5,
  fatFingerPricePct: 1,
  fatFingerSizeMultiple: 1,
  fatFingerHistory: 1,
  cooldownStopLosses: 1,
  cooldownWindowHours: 1,
  cooldownHours: 1,
  maxOpenOrders: 1,
});

/** What each limit is called, and what it does, in a sentence (any interface may use them). */
export const LIMIT_TEXT: Readonly<Record<RiskLimitName, { label: string; about: string }>> = Object.freeze({
  maxPositionPct: { label: 'Largest position', about: 'No coin may be more than this share of your portfolio.' },
  dailyLossPct: { label: 'Daily loss', about: 'Down this much since 00:00 UTC: no new risk until the next UTC day.' },
  maxDrawdownPct: { label: 'Drawdown pause', about: 'This far below your peak equity: the account pauses until you /resume.' },
  maxOpenOrders: { label: 'Open orders', about: 'The most open orders before a new resting order is refused.' },
  cooldownStopLosses: { label: 'Cooldown after', about: 'This many losing stop-losses …' },
  cooldownWindowHours: { label: 'Cooldown window', about: '… within this many hours …' },
  cooldownHours: { label: 'Cooldown wait', about: '… make new entries wait this long.' },
  fatFingerPricePct: { label: 'Fat finger: price', about: 'A limit this far past the market needs a second confirmation.' },
  fatFingerSizeMultiple: { label: 'Fat finger: size', about: 'An order this many times your usual size needs a second confirmation.' },
  fatFingerHistory: { label: 'Usual size from', about: 'How many recent orders make your usual size.' },
  maxCorrelatedPct: { label: 'Moving together', about: 'Coins that move together may be at most this share together (a warning).' },
  correlationThreshold: { label: 'Together above', about: 'Correlation of returns above which two coins move together.' },
  correlationLookback: { label: 'Correlation over', about: 'How many hourly returns the correlation is measured on.' },
  liquidityBandPct: { label: 'Book depth band', about: 'The order book counted: within this distance of the mid price.' },
  liquidityWarnPct: { label: 'Thin book warning', about: 'An order above this share of that depth is warned …' },
  liquidityBlockPct: { label: 'Thin book block', about: '… and above this share blocked (sales only warned).' },
  volatilityMultiple: { label: 'Volatility warning', about: 'ATR above this multiple of its usual level is warned.' },
  volatilityAtrPeriod: { label: 'ATR period', about: 'Candles in the volatility measure.' },
  volatilityLookback: { label: 'Volatility norm', about: 'How many candles make the usual volatility.' },
});

export const LIMIT_ORDER: readonly RiskLimitName[] = Object.keys(LIMIT_TEXT) as RiskLimitName[];

/** A user's limits as stored: what is in force (over the defaults) and a loosening that waits. */
export interface LimitSettings {
  /** The limits in force that differ from the defaults. */
  limits: Partial<RiskLimits>;
  /** The preset they are, when they are one. */
  tolerance: RiskTolerance | null;
  /** Loosened values (and the preset they complete), in force from `effectiveAt` (epoch ms). */
  pending: { limits: Partial<RiskLimits>; tolerance: RiskTolerance | null; effectiveAt: number } | null;
}

export const NO_LIMIT_SETTINGS: LimitSettings = Object.freeze({ limits: {}, tolerance: null, pending: null });

export interface LimitMove {
  name: RiskLimitName;
  from: number;
  to: number;
}

export type LimitChange = { kind: 'set'; name: RiskLimitName; value: number } | { kind: 'preset'; tolerance: RiskTolerance };

export type ChangeResult =
  | {
      ok: true;
      settings: LimitSettings;
      /** In force at once: tightened (or a return to a value already in force). */
      applied: LimitMove[];
      /** Loosened: waiting until `effectiveAt`. */
      delayed: LimitMove[];
      effectiveAt: number | null;
    }
  | { ok: false; problems: LimitProblem[] };

export function isLoosening(name: RiskLimitName, from: number, to: number): boolean {
  const way = LOOSENS[name];
  return way === 'any' ? to !== from : way === 'up' ? to > from : to < from;
}

/** The settings at `now`: a loosening whose time has come is in force. */
export function settleLimits(settings: LimitSettings, now: number): LimitSettings {
  const { pending } = settings;
  if (!pending || pending.effectiveAt > now) return settings;
  return { limits: onlyChanged({ ...limitsOf(settings.limits), ...pending.limits }), tolerance: pending.tolerance, pending: null };
}

/** The limits in force at `now` (stored values that fail their bounds fall back to the defaults, field by field). */
export function limitsInForce(settings: LimitSettings, now: number): RiskLimits {
  return limitsOf(settleLimits(settings, now).limits);
}

/** The limits once every pending loosening is in force. */
export function limitsAfterPending(settings: LimitSettings, now: number): RiskLimits {
  const settled = settleLimits(settings, now);
  return limitsOf({ ...settled.limits, ...(settled.pending?.limits ?? {}) });
}

/**
 * A change, split: what tightens applies now, what loosens waits `delayMs` (every waiting value
 * starts its wait again, so the last loosening always gets the full delay). A change that would
 * leave a value out of bounds changes nothing and says why.
 */
export function proposeChange(current: LimitSettings, change: LimitChange, now: number, delayMs: number): ChangeResult {
  const settled = settleLimits(current, now);
  const active = limitsOf(settled.limits);
  const target: Partial<RiskLimits> = change.kind === 'preset' ? { ...RISK_PRESETS[change.tolerance] } : { [change.name]: change.value };
  const checked = resolveRiskLimits(target);
  if (!checked.ok) return { ok: false, problems: checked.problems };

  const pending: Partial<RiskLimits> = { ...(settled.pending?.limits ?? {}) };
  const nowLimits: RiskLimits = { ...active };
  const applied: LimitMove[] = [];
  const delayed: LimitMove[] = [];
  for (const name of Object.keys(target) as RiskLimitName[]) {
    const to = target[name]!;
    const from = active[name];
    // This field is decided again: whatever waited for it gives way.
    delete pending[name];
    if (to === from) continue;
    if (isLoosening(name, from, to)) {
      pending[name] = to;
      delayed.push({ name, from, to });
    } else {
      nowLimits[name] = to;
      applied.push({ name, from, to });
    }
  }
  const problems = [...problemsOf(nowLimits), ...problemsOf({ ...nowLimits, ...pending })];
  if (problems.length > 0) return { ok: false, problems: dedupe(problems) };

  const waiting = Object.keys(pending).length > 0;
  const effectiveAt = !waiting ? null : delayed.length > 0 ? now + delayMs : settled.pending!.effectiveAt;
  const tolerance = change.kind === 'preset' ? change.tolerance : null;
  return {
    ok: true,
    settings: {
      limits: onlyChanged(nowLimits),
      tolerance: waiting ? null : tolerance,
      pending: waiting ? { limits: pending, tolerance: change.kind === 'preset' ? tolerance : null, effectiveAt: effectiveAt! } : null,
    },
    applied,
    delayed,
    effectiveAt,
  };
}

/** The second, explicit yes: every waiting loosening in force now. */
export function confirmPending(current: LimitSettings, now: number): { settings: LimitSettings; moves: LimitMove[] } {
  const settled = settleLimits(current, now);
  if (!settled.pending) return { settings: settled, moves: [] };
  const active = limitsOf(settled.limits);
  const moves = (Object.keys(settled.pending.limits) as RiskLimitName[]).map((name) => ({ name, from: active[name], to: settled.pending!.limits[name]! }));
  return { settings: { limits: onlyChanged({ ...active, ...settled.pending.limits }), tolerance: settled.pending.tolerance, pending: null }, moves };
}

/** One step up or down from `value`, on the step's grid, kept within the limit's bounds. */
export function stepLimit(name: RiskLimitName, value: number, steps: number): number {
  const step = LIMIT_STEPS[name];
  const bound = RISK_LIMIT_BOUNDS[name];
  const decimals = Math.max(decimalsOf(step), decimalsOf(bound.min));
  const next = Number((Math.round(value / step) * step + steps * step).toFixed(decimals));
  return Math.min(bound.max, Math.max(bound.min, next));
}

/** The stored overrides laid over the defaults; a stored value that fails its bounds is the default again. */
export function limitsOf(overrides: Partial<RiskLimits>): RiskLimits {
  const limits: RiskLimits = { ...DEFAULT_RISK_LIMITS };
  for (const [field, value] of Object.entries(overrides)) {
    if (!(field in RISK_LIMIT_BOUNDS)) continue;
    const one = resolveRiskLimits({ [field]: value });
    if (one.ok) limits[field as RiskLimitName] = one.limits[field as RiskLimitName];
  }
  return limits;
}

/** The values that differ from the defaults (what is stored). */
export function onlyChanged(limits: Partial<RiskLimits>): Partial<RiskLimits> {
  const out: Partial<RiskLimits> = {};
  for (const name of Object.keys(limits) as RiskLimitName[]) {
    const value = limits[name];
    if (value !== undefined && value !== DEFAULT_RISK_LIMITS[name]) out[name] = value;
  }
  return out;
}

/** The preset these limits are exactly, if any. */
export function toleranceOf(limits: RiskLimits): RiskTolerance | null {
  return RISK_TOLERANCES.find((t) => LIMIT_ORDER.every((name) => RISK_PRESETS[t][name] === limits[name])) ?? null;
}

function problemsOf(limits: RiskLimits): LimitProblem[] {
  const r = resolveRiskLimits(limits);
  return r.ok ? [] : r.problems;
}

function dedupe(problems: LimitProblem[]): LimitProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}:${p.field}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function decimalsOf(n: number): number {
  const text = String(n);
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}
