// The risk rules (src/risk) wired into the trading core: the facts of one account fetched once, the
// rules run on a plan, and what they say laid onto the plan — at the preview and again at the
// confirmation, so every interface (chat, API, one-tap alerts, proposals) gets them.
import type { Clock } from '../shared/clock.js';
import { dec, decString, type Decimal } from '../shared/decimal.js';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { MarketDirectory } from '../market/market-directory.js';
import type { Candle, MarketDataPort, OrderBook } from '../market/types.js';
import { evaluateRisk, isCash, orderRisk, type RiskEvaluation, type RiskFacts, type RiskLimits, type RiskTrade, type RiskVerdict } from '../risk/index.js';
import { limitsInForce } from '../risk/limit-settings.js';
import { drawdownOf } from '../risk/max-drawdown.rule.js';
import { openOrderFacts, portfolioFacts, recentOrderFacts, riskTradeFromPlan, stopLossFacts, type QuoteValue } from '../risk/trading-facts.js';
import { riskPausedNotification } from './events.js';
import type { ExchangePort } from './exchange-port.js';
import { marketOn } from './market-of.js';
import { getPortfolio, type Portfolio } from './portfolio.js';
import type { OrderStore } from './ports.js';
import type { EquityBook, EquityMark, PauseReason, RiskSettingsStore, StoredRiskSettings } from './risk-ports.js';
import type { Account, OrderPlan } from './types.js';

export interface RiskGateDeps {
  settings: RiskSettingsStore;
  equity: EquityBook;
  orders: OrderStore;
  marketData: MarketDataPort;
  markets: MarketDirectory;
  clock: Clock;
  logger: Logger;
}

/** Who, on which account (the trading core's Who, restated here to keep this file free of preview-trade). */
interface AccountOf {
  userId: number;
  account: Account;
}

/** One account's state as the rules see it, without an order: for the preview, the status and the job. */
export interface AccountRisk {
  portfolio: Portfolio;
  stored: StoredRiskSettings;
  limits: RiskLimits;
  mark: EquityMark;
  /** Every fact but the order's book and the candles. */
  facts: RiskFacts;
}

export interface Assessment extends AccountRisk {
  order: RiskTrade;
  evaluation: RiskEvaluation;
}

const CANDLE_TTL_MS = 5 * 60_000;
const MAX_CANDLE_ASSETS = 12;

export class RiskGate {
  private readonly candleCache = new Map<string, { at: number; candles: Candle[] }>();

  constructor(private readonly deps: RiskGateDeps) {}

  /** The account's facts now: portfolio, limits, the day and peak (this reading is marked), the journal. */
  async account(who: AccountOf, exchange: ExchangePort, options: { excludeOrder?: string } = {}): Promise<AccountRisk> {
    const now = this.deps.clock.now();
    const [portfolio, stored, active, recent] = await Promise.all([
      getPortfolio({ trades: this.deps.orders }, who.account, exchange),
      this.deps.settings.get(who.userId),
      this.deps.orders.forUser(who.userId, { accountId: who.account.id, activeOnly: true, limit: 500 }),
      this.deps.orders.forUser(who.userId, { accountId: who.account.id, limit: 200 }),
    ]);
    const base = portfolioFacts(portfolio);
    const mark = await this.deps.equity.mark(who.account.id, new Date(now), base.equity);
    // The order being confirmed is journaled already ('submitting'): it is the order judged, not one of the open ones.
    const mine = (o: { clientOrderId: string }) => o.clientOrderId !== options.excludeOrder;
    const prices = new Map(base.holdings.map((h) => [h.asset, h.price]));
    const quoteValue: QuoteValue = (quote) => (isCash(quote, base.cash) ? dec(1) : (prices.get(quote) ?? null));
    const facts: RiskFacts = {
      ...base,
      day: { start: mark.today.day, equity: mark.today.open, low: mark.today.low },
      peakEquity: mark.peak,
      paused: stored.pausedAt !== null,
      book: null,
      candles: {},
      recentOrders: recentOrderFacts(recent.filter(mine), quoteValue),
      openOrders: openOrderFacts(active.filter(mine), quoteValue),
      stopLosses: stopLossFacts(recent.filter(mine)),
    };
    return { portfolio, stored, limits: limitsInForce(stored, now), mark, facts };
  }

  /**
   * Runs every rule on a plan against facts fetched once. A drawdown past the limit pauses the
   * user at once (told through the outbox), whatever happens to this order.
   */
  async assess(who: AccountOf, plan: OrderPlan, exchange: ExchangePort, options: { book?: OrderBook | null; excludeOrder?: string } = {}): Promise<Assessment> {
    const [state, market, quoteValue] = await Promise.all([this.account(who, exchange, options), marketOn(this.deps.markets, exchange, plan.symbol), this.quoteValueOf(exchange, plan.quote)]);
    const order = riskTradeFromPlan(plan, market, quoteValue);
    const assets = [plan.base, plan.quote, ...state.facts.holdings.filter((h) => h.amount.gt(0)).map((h) => h.asset)];
    const facts: RiskFacts = { ...state.facts, book: options.book ?? null, candles: await this.candlesOf(assets, state.facts.cash, state.limits) };
    const now = this.deps.clock.now();
    const evaluation = evaluateRisk(now, order, facts, state.limits);
    if (evaluation.pause) await this.pauseForDrawdown(who, facts, state.limits);
    return { ...state, facts, order, evaluation };
  }

  /** The drawdown limit is crossed: new risk pauses now, and the user is told (once: only the call that paused writes the notice). */
  async pauseForDrawdown(who: AccountOf, facts: Pick<RiskFacts, 'equity' | 'peakEquity' | 'paused'>, limits: Pick<RiskLimits, 'maxDrawdownPct'>): Promise<boolean> {
    if (facts.paused) return false;
    const dd = drawdownOf(facts, limits);
    return this.pause(who.userId, 'drawdown', (pausedAt) => [
      riskPausedNotification(who.userId, pausedAt, { accountId: who.account.id, equity: decString(facts.equity), peak: decString(dd.peak), drawdownPct: Math.round(dd.pct * 100) / 100, limitPct: limits.maxDrawdownPct }),
    ]);
  }

  pause(userId: number, reason: PauseReason, notify: (pausedAt: number) => ReturnType<typeof riskPausedNotification>[] = () => []): Promise<boolean> {
    return this.deps.settings.pause(userId, new Date(this.deps.clock.now()), reason, notify);
  }

  /** One unit of `quote` in USDT, on the account's own exchange. */
  private async quoteValueOf(exchange: ExchangePort, quote: string): Promise<Decimal> {
    if (isCash(quote, 'USDT')) return dec(1);
    try {
      return dec((await exchange.ticker(`${quote}/USDT`)).last);
    } catch (error) {
      throw new AppError('risk.unpriced_quote', `${quote} cannot be valued in USDT right now, so your risk limits cannot judge this order.`, { cause: error, params: { quote } });
    }
  }

  /** Hourly candles against USDT for the order's coins and every holding (from the app's feed, cached a few minutes); a coin without them is left out. */
  private async candlesOf(assets: readonly string[], cash: string, limits: RiskLimits): Promise<Record<string, Candle[]>> {
    const wanted = [...new Set(assets)].filter((a) => !isCash(a, cash)).slice(0, MAX_CANDLE_ASSETS);
    const limit = Math.min(1000, Math.max(120, limits.correlationLookback + 1, limits.volatilityLookback + limits.volatilityAtrPeriod + 1));
    const now = this.deps.clock.now();
    const entries = await Promise.all(
      wanted.map(async (asset): Promise<[string, Candle[]] | null> => {
        const key = `${asset}:${limit}`;
        const cached = this.candleCache.get(key);
        if (cached && now - cached.at < CANDLE_TTL_MS) return [asset, cached.candles];
        try {
          const candles = await this.deps.marketData.candles(`${asset}/USDT`, '1h', { limit });
          this.candleCache.set(key, { at: now, candles });
          return [asset, candles];
        } catch (error) {
          this.deps.logger.debug({ asset, err: error }, 'no candles for the risk rules');
          return null;
        }
      }),
    );
    return Object.fromEntries(entries.filter((e): e is [string, Candle[]] => e !== null));
  }
}

/**
 * What the rules said, laid onto the plan: each block a failed 'risk' check (the first said
 * first), warnings as notes, a second confirmation stored with it, the way out of a block, and
 * what an order with a stop risks.
 */
export function applyAssessment(plan: OrderPlan, assessment: Assessment): void {
  const { evaluation, facts } = assessment;
  if (evaluation.blocked.length > 0) {
    plan.checks.push(...evaluation.blocked.map((v) => ({ name: 'risk' as const, ok: false, message: v.message, code: v.code })));
    const way = evaluation.blocked.find((v) => v.suggestion)?.suggestion;
    if (way && dec(way.amount).gt(0)) plan.riskSuggestion = way;
  } else {
    plan.checks.push({ name: 'risk', ok: true, message: 'Within your risk limits' });
  }
  plan.notes.push(...evaluation.warnings.map((v) => v.message));
  if (evaluation.confirmTwice.length > 0) plan.confirmTwice = evaluation.confirmTwice.map(note);
  if (plan.type === 'stop_loss' && plan.triggerPrice) {
    plan.atRisk = atRiskOf(assessment.order, dec(plan.midPrice), dec(plan.triggerPrice), facts.equity);
  }
}

/** What `order` loses from `entry` if a stop at `stop` fills (fees on both sides). */
export function atRiskOf(order: Pick<RiskTrade, 'amount' | 'feeRate' | 'quoteValue'>, entry: Decimal, stop: Decimal, equity: Decimal): NonNullable<OrderPlan['atRisk']> {
  const risk = orderRisk({ amount: order.amount, entry, stop, feeRate: order.feeRate, quoteValue: order.quoteValue }, equity);
  return { stop: decString(stop), value: decString(risk.value.toDecimalPlaces(8)), pctOfEquity: risk.pctOfEquity === null ? null : Math.round(risk.pctOfEquity * 100) / 100 };
}

const note = (v: RiskVerdict) => ({ code: v.code, message: v.message });

/** The verdict that stops an order at confirmation, as the error its confirmation fails with. */
export function blockedAtConfirmation(evaluation: RiskEvaluation, confirmedTwice: boolean): AppError | null {
  const first = evaluation.blocked[0];
  if (first) return new AppError(first.code, `Checked again as you confirmed: ${first.message} Nothing was sent.`, { params: first.params });
  if (evaluation.confirmTwice.length > 0 && !confirmedTwice) {
    return new AppError(
      'risk.confirm_twice_required',
      `Since the preview, this order needs a second confirmation: ${evaluation.confirmTwice.map((v) => v.message).join(' ')} Nothing was sent: ask for it again to see it with that step.`,
    );
  }
  return null;
}
