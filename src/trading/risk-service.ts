import type { Clock } from '../shared/clock.js';
import type { Decimal } from '../shared/decimal.js';
import type { Logger } from '../shared/logger.js';
import { riskStatus, type LimitProblem, type RiskLimitName, type RiskLimits, type RiskStatus } from '../risk/index.js';
import {
  confirmPending, limitsAfterPending, limitsInForce, proposeChange, settleLimits, stepLimit, type LimitChange, type LimitMove, type LimitSettings, type RiskTolerance,
} from '../risk/limit-settings.js';
import type { RiskGate } from './risk-gate.js';
import type { AccountDirectory, PauseReason, RiskSettingsStore, StoredRiskSettings } from './risk-ports.js';
import type { TradingService } from './trading-service.js';
import type { Account, OrderSnapshot } from './types.js';

export interface RiskServiceDeps {
  trading: TradingService;
  settings: RiskSettingsStore;
  directory: AccountDirectory;
  clock: Clock;
  logger: Logger;
  /** How long a loosened limit waits before it takes effect (default 1 hour). */
  loosenDelayMs: number;
}

/** The limits in force, what waits, and the pause. */
export interface RiskSettingsView {
  limits: RiskLimits;
  /** The values that take effect at `effectiveAt` unless confirmed sooner. */
  pending: { limits: Partial<RiskLimits>; effectiveAt: number } | null;
  tolerance: RiskTolerance | null;
  paused: { at: number; reason: PauseReason } | null;
}

/** The /risk view: the settings, and where the account stands. */
export interface RiskView extends RiskSettingsView {
  status: RiskStatus;
  equity: Decimal;
  account: Account;
}

export type LimitChangeOutcome =
  | { ok: true; applied: LimitMove[]; delayed: LimitMove[]; effectiveAt: number | null }
  | { ok: false; problems: LimitProblem[] };

export interface PanicOutcome {
  /** This call paused the account (false: it was paused already). */
  paused: boolean;
  accounts: Array<{ account: Account; cancelled: OrderSnapshot[]; failed: Array<{ id: number; message: string }> }>;
  /** The outbox keys of the cancels' outcomes: an interface that shows the outcome itself acknowledges them. */
  settledKeys: string[];
}

/**
 * The risk use cases every interface calls: the limits and their changes (tightening at once,
 * loosening after a delay or a second yes), the kill switch and its end, and the job that pauses
 * an account whose drawdown crossed its limit without waiting for an order.
 */
export class RiskService {
  private readonly gate: RiskGate;

  constructor(private readonly deps: RiskServiceDeps) {
    if (!deps.trading.gate) throw new Error('RiskService needs a trading core built with its risk stores');
    this.gate = deps.trading.gate;
  }

  async view(who: { userId: number; account: Account }): Promise<RiskView> {
    const now = this.deps.clock.now();
    const state = await this.gate.account(who, this.deps.trading.exchangeOf(who.account));
    return { ...settingsView(state.stored, now), status: riskStatus(now, state.facts, state.limits), equity: state.facts.equity, account: who.account };
  }

  /** The limits and the pause alone (no valuation of the account): what a settings screen's buttons show. */
  async settings(userId: number): Promise<RiskSettingsView> {
    return settingsView(await this.deps.settings.get(userId), this.deps.clock.now());
  }

  /** One limit a step up (+) or down (−) from the value it is heading to (a waiting one, else the one in force). */
  step(userId: number, name: RiskLimitName, steps: number): Promise<LimitChangeOutcome> {
    return this.change(userId, (current, now) => ({ kind: 'set', name, value: stepLimit(name, limitsAfterPending(current, now)[name], steps) }));
  }

  set(userId: number, name: RiskLimitName, value: number): Promise<LimitChangeOutcome> {
    return this.change(userId, () => ({ kind: 'set', name, value }));
  }

  preset(userId: number, tolerance: RiskTolerance): Promise<LimitChangeOutcome> {
    return this.change(userId, () => ({ kind: 'preset', tolerance }));
  }

  /** The second, explicit yes to a loosening: it takes effect now. */
  async confirmLoosening(userId: number): Promise<LimitMove[]> {
    let moves: LimitMove[] = [];
    await this.deps.settings.updateLimits(
      userId,
      (current) => {
        const confirmed = confirmPending(current, this.deps.clock.now());
        moves = confirmed.moves;
        return moves.length > 0 ? confirmed.settings : null;
      },
      new Date(this.deps.clock.now()),
    );
    return moves;
  }

  /**
   * The kill switch: new risk pauses first (so nothing new slips in), then every open order on
   * every account of the user is cancelled through the ordinary cancel path (journal, exchange).
   * Positions are kept: selling them is a separate, explicit step with its own previews.
   */
  async panic(userId: number): Promise<PanicOutcome> {
    const paused = await this.gate.pause(userId, 'panic');
    const accounts: PanicOutcome['accounts'] = [];
    const settledKeys: string[] = [];
    for (const account of await this.deps.directory.accountsOf(userId)) {
      const who = { userId, account };
      const { confirmation } = await this.deps.trading.previewCancel(who, { target: 'all' });
      if (!confirmation) continue;
      const claim = await this.deps.trading.claim(userId, confirmation.id);
      if (claim.outcome !== 'claimed') continue;
      const outcome = await this.deps.trading.execute(claim.confirmation);
      settledKeys.push(`confirmation:${confirmation.id}:settled`);
      if (outcome.outcome === 'executed' && outcome.result.kind === 'cancel') accounts.push({ account, cancelled: outcome.result.cancelled, failed: outcome.result.failed });
      else accounts.push({ account, cancelled: [], failed: [{ id: 0, message: outcome.outcome === 'failed' ? outcome.result.message : 'The cancels could not be confirmed.' }] });
    }
    return { paused, accounts, settledKeys };
  }

  /** The pause ends; each account's drawdown is measured from its equity now (else it would pause again at once). */
  async resume(userId: number): Promise<{ resumed: boolean }> {
    const peaks: Array<{ accountId: number; equity: Decimal }> = [];
    for (const account of await this.deps.directory.accountsOf(userId)) {
      const portfolio = await this.deps.trading.portfolio(account);
      peaks.push({ accountId: account.id, equity: portfolio.equityUsdt });
    }
    return { resumed: await this.deps.settings.resume(userId, new Date(this.deps.clock.now()), peaks) };
  }

  /**
   * The job: each account's equity marked (the day's opening, low and the peak), and an account
   * whose drawdown crossed its limit paused now — its owner told through the outbox — rather than
   * at their next order.
   */
  async watch(options: { pageSize?: number } = {}): Promise<{ accounts: number; paused: number; failed: number }> {
    const pageSize = options.pageSize ?? 200;
    let afterId = 0;
    let accounts = 0;
    let paused = 0;
    let failed = 0;
    for (;;) {
      const page = await this.deps.directory.allAccounts(afterId, pageSize);
      for (const account of page) {
        afterId = account.id;
        try {
          const who = { userId: account.userId, account };
          const state = await this.gate.account(who, this.deps.trading.exchangeOf(account));
          accounts++;
          const status = riskStatus(this.deps.clock.now(), state.facts, state.limits);
          if (status.pauseDue && (await this.gate.pauseForDrawdown(who, state.facts, state.limits))) paused++;
        } catch (error) {
          failed++;
          this.deps.logger.warn({ accountId: account.id, err: error }, 'risk watch: could not value the account');
        }
      }
      if (page.length < pageSize) break;
    }
    return { accounts, paused, failed };
  }

  private async change(userId: number, make: (current: LimitSettings, now: number) => LimitChange): Promise<LimitChangeOutcome> {
    let outcome: LimitChangeOutcome = { ok: true, applied: [], delayed: [], effectiveAt: null };
    const now = this.deps.clock.now();
    await this.deps.settings.updateLimits(
      userId,
      (current) => {
        const result = proposeChange(current, make(current, now), now, this.deps.loosenDelayMs);
        if (!result.ok) {
          outcome = result;
          return null;
        }
        outcome = { ok: true, applied: result.applied, delayed: result.delayed, effectiveAt: result.effectiveAt };
        return result.settings;
      },
      new Date(now),
    );
    return outcome;
  }
}

function settingsView(stored: StoredRiskSettings, now: number): RiskSettingsView {
  const settled = settleLimits(stored, now);
  return {
    limits: limitsInForce(stored, now),
    pending: settled.pending ? { limits: settled.pending.limits, effectiveAt: settled.pending.effectiveAt } : null,
    tolerance: settled.tolerance,
    paused: stored.pausedAt !== null ? { at: stored.pausedAt, reason: stored.pauseReason ?? 'panic' } : null,
  };
}
