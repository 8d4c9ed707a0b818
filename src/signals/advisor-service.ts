// Advisor mode: a person asks Parley to watch a pair ("watch sol for me", /advisor); a strong
// signal on it becomes a proposal card — what, why, a size from their risk settings, the track
// record, an expiry, Confirm / Reject — told through the outbox. Nothing trades without a tap, and
// a tap only opens the normal preview (see Assistant.previewProposal). Proposals are limited per
// person per UTC day and wait out quiet hours (none is sent during them).
import type { NewNotification } from '../notifications/notification.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { TradeRequest } from '../trading/types.js';
import type { SignalAnswer } from './signal-answer.js';
import type { SignalDesk } from './signal-desk.js';

/** UTC hours, from (inclusive) to (exclusive); from > to wraps midnight (22 → 7). */
export interface QuietHours {
  readonly from: number;
  readonly to: number;
}

export interface ProposalRecord {
  readonly id: string;
  readonly userId: number;
  readonly symbol: string;
  readonly timeframe: string;
  readonly side: 'buy' | 'sell';
  readonly request: TradeRequest;
  readonly card: ProposalCard;
  /** Close time (ms) of the candle the signal was read on: one proposal per person, pair and candle. */
  readonly candleAt: number;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly status: 'open' | 'claimed' | 'rejected' | 'expired';
}

/** What a proposal card shows (the notification's payload). */
export interface ProposalCard {
  readonly proposalId: string;
  readonly side: 'buy' | 'sell';
  readonly symbol: string;
  readonly size: string;
  readonly sizing: string;
  readonly signal: SignalAnswer;
  readonly expiresAt: number;
}

export const PROPOSAL_EVENT = 'signal.proposal';

export type ProposalDecision =
  | { readonly outcome: 'claimed' | 'rejected'; readonly proposal: ProposalRecord }
  | { readonly outcome: 'not_found' | 'not_yours' | 'expired' | 'used' | 'rejected_before' };

export interface AdvisorStore {
  watch(userId: number, symbol: string, timeframe: string): Promise<boolean>;
  unwatch(userId: number, symbol: string): Promise<boolean>;
  watched(userId: number): Promise<string[]>;
  watchersOf(symbol: string, timeframe: string): Promise<number[]>;
  watchedPairs(): Promise<string[]>;
  quietHours(userId: number): Promise<QuietHours | null>;
  setQuietHours(userId: number, quiet: QuietHours | null): Promise<void>;
  /** Proposals made for a person since `since` (ms). */
  proposalsSince(userId: number, since: number): Promise<number>;
  /** Stores a proposal and its card in the outbox, in one transaction; false when that person, pair and candle already has one. */
  propose(proposal: ProposalRecord, notification: NewNotification): Promise<boolean>;
  /** Open → claimed (or rejected), once, for its owner, before it expires. */
  decide(id: string, userId: number, decision: 'claimed' | 'rejected', now: number): Promise<ProposalDecision>;
}

/** The size a proposal offers, from the person's risk settings; null when there is nothing sensible to offer (a sell of a coin not held). */
export interface ProposalSizer {
  size(userId: number, symbol: string, side: 'buy' | 'sell'): Promise<{ request: TradeRequest; size: string; sizing: string } | null>;
}

export interface AdvisorDeps {
  readonly store: AdvisorStore;
  readonly sizer: ProposalSizer;
  readonly desk: Pick<SignalDesk, 'remember'>;
  readonly clock: Clock;
  readonly maxPerDay: number;
  readonly ttlMs: number;
  /** A combined signal at least this strong, on a measured edge, becomes a proposal (default 0.3). */
  readonly minStrength?: number;
}

export const DEFAULT_MIN_STRENGTH = 0.3;
const DAY_MS = 86_400_000;

export function inQuietHours(quiet: QuietHours | null, now: number): boolean {
  if (!quiet || quiet.from === quiet.to) return false;
  const hour = new Date(now).getUTCHours();
  return quiet.from < quiet.to ? hour >= quiet.from && hour < quiet.to : hour >= quiet.from || hour < quiet.to;
}

/** Is this signal strong enough to offer as a trade? Only a call on a measured edge. */
export function isStrong(signal: SignalAnswer, minStrength = DEFAULT_MIN_STRENGTH): signal is SignalAnswer & { direction: 'buy' | 'sell' } {
  return signal.verdict === 'edge' && signal.direction !== 'hold' && signal.strength >= minStrength;
}

export type ConsiderOutcome = { proposed: number; quiet: number; capped: number; unsized: number };

export class AdvisorService {
  constructor(private readonly deps: AdvisorDeps) {}

  /** "watch sol for me": true when it was not watched yet. */
  watch(userId: number, symbol: string, timeframe = '1h'): Promise<boolean> {
    return this.deps.store.watch(userId, symbol, timeframe);
  }

  unwatch(userId: number, symbol: string): Promise<boolean> {
    return this.deps.store.unwatch(userId, symbol);
  }

  /** Quiet hours in UTC (null: none). */
  async setQuietHours(userId: number, quiet: QuietHours | null): Promise<void> {
    if (quiet && ![quiet.from, quiet.to].every((h) => Number.isInteger(h) && h >= 0 && h < 24)) throw new RangeError('quiet hours are whole UTC hours 0–23');
    await this.deps.store.setQuietHours(userId, quiet);
  }

  async settings(userId: number): Promise<{ watched: string[]; quiet: QuietHours | null; maxPerDay: number }> {
    const [watched, quiet] = await Promise.all([this.deps.store.watched(userId), this.deps.store.quietHours(userId)]);
    return { watched, quiet, maxPerDay: this.deps.maxPerDay };
  }

  watched(userId: number): Promise<string[]> {
    return this.deps.store.watched(userId);
  }

  watchedPairs(): Promise<string[]> {
    return this.deps.store.watchedPairs();
  }

  /** A new candle's signal: a proposal for each person watching the pair, when it is strong, outside their quiet hours and under the day's cap. */
  async consider(signal: SignalAnswer): Promise<ConsiderOutcome> {
    const outcome: ConsiderOutcome = { proposed: 0, quiet: 0, capped: 0, unsized: 0 };
    if (!isStrong(signal, this.deps.minStrength)) return outcome;
    const now = this.deps.clock.now();
    const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
    for (const userId of await this.deps.store.watchersOf(signal.symbol, signal.timeframe)) {
      if (inQuietHours(await this.deps.store.quietHours(userId), now)) {
        outcome.quiet++;
        continue;
      }
      if ((await this.deps.store.proposalsSince(userId, dayStart)) >= this.deps.maxPerDay) {
        outcome.capped++;
        continue;
      }
      const sized = await this.deps.sizer.size(userId, signal.symbol, signal.direction);
      if (!sized) {
        outcome.unsized++;
        continue;
      }
      const id = newId(12);
      const expiresAt = now + this.deps.ttlMs;
      const card: ProposalCard = { proposalId: id, side: signal.direction, symbol: signal.symbol, size: sized.size, sizing: sized.sizing, signal, expiresAt };
      const proposal: ProposalRecord = { id, userId, symbol: signal.symbol, timeframe: signal.timeframe, side: signal.direction, request: sized.request, card, candleAt: signal.at, createdAt: now, expiresAt, status: 'open' };
      const notification: NewNotification<typeof PROPOSAL_EVENT, ProposalCard> = { key: `proposal:${id}`, userId, kind: PROPOSAL_EVENT, subject: `proposal:${id}`, payload: card, urgent: true };
      if (!(await this.deps.store.propose(proposal, notification))) continue;
      await this.deps.desk.remember(userId, { kind: 'proposal', signal, proposal: { proposalId: id, side: card.side, symbol: card.symbol, size: card.size, sizing: card.sizing } });
      outcome.proposed++;
    }
    return outcome;
  }

  /** Confirm pressed: the proposal is claimed once, by its owner, before it expires. */
  claim(userId: number, id: string): Promise<ProposalDecision> {
    return this.deps.store.decide(id, userId, 'claimed', this.deps.clock.now());
  }

  reject(userId: number, id: string): Promise<ProposalDecision> {
    return this.deps.store.decide(id, userId, 'rejected', this.deps.clock.now());
  }
}
