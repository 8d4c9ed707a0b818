import type { AlertListView } from '../alerts/alert-service.js';
import type { AlertDirection, AlertSchedule, SetAlert } from '../alerts/types.js';
import type { MarketSource, Ticker } from '../market/types.js';
import type { Explainable, SurveyLine } from '../signals/signal-desk.js';
import type { ProposalDecision, QuietHours } from '../signals/advisor-service.js';
import type { SignalAnswer } from '../signals/signal-answer.js';
import type { Intent, NumberProblem, ParsedCommand } from '../nlu/contract.js';
import type { AppError } from '../shared/errors.js';
import type { Portfolio } from '../trading/portfolio.js';
import type { OrderListView } from '../trading/trading-service.js';
import type { CancelPlan, Confirmation, OrderPlan, TrackedOrder, TradeRequest } from '../trading/types.js';

/** How a buy was sized from a risk ("risk 1% with a stop at 58k"). */
export interface RiskSizingNote {
  riskPct: number;
  stop: string;
  /** What the sizing says: the amount, its value, its loss at the stop; and when the position limit made it smaller. */
  message: string;
}

/** What a trade message said so far, when something is still missing. */
export type PartialTrade = Partial<TradeRequest> & Pick<TradeRequest, 'side' | 'type'>;

/**
 * What Parley answers to a parsed message, channel-neutral: the bot renders it as chat (with
 * buttons and conversations), the API as JSON. Every message gets one.
 */
export type Answer =
  /** A trade that passed every check: shown with a confirmation to execute it (exactly once). */
  | { kind: 'preview'; plan: OrderPlan; confirmation: Confirmation; unsure: boolean; sizing?: RiskSizingNote }
  /** A trade that failed a check: what was wrong, nothing to confirm; a risk block may offer the largest order that passes. */
  | { kind: 'preview_blocked'; plan: OrderPlan; alternative?: { plan: OrderPlan; confirmation: Confirmation }; sizing?: RiskSizingNote }
  /** "risk 1% on btc with a stop at 58k" with no amount that fits (a stop above the price, no room left), or a coin or stop missing. */
  | { kind: 'sizing_refused'; code: string; message: string }
  | { kind: 'cancel_preview'; plan: CancelPlan; confirmation: Confirmation }
  | { kind: 'cancel_blocked'; plan: CancelPlan }
  /** The trade lacks a coin, an amount or a price: the interface asks for it, then previews `request`. */
  | { kind: 'incomplete'; missing: 'symbol' | 'amount' | 'price'; request: PartialTrade; unresolvedCoin: string | null }
  /** The reading is too unsure to price: read back, so the user can say it plainly. */
  | { kind: 'rephrase'; command: ParsedCommand }
  | { kind: 'orders'; view: OrderListView; symbol: string | null }
  /** "cancel my order" without saying which: the open ones to pick from. */
  | { kind: 'pick_order'; open: TrackedOrder[]; symbol: string | null }
  | { kind: 'portfolio'; portfolio: Portfolio }
  | { kind: 'price'; ticker: Ticker; source: MarketSource }
  /** "price" with no coin. */
  | { kind: 'which_coin'; for: 'price' | 'alert' }
  | { kind: 'alert_set'; set: SetAlert }
  | { kind: 'alert_refused'; error: AppError }
  /** An alert on a listed coin with no level: the interface asks for it. */
  | { kind: 'alert_needs_price'; symbol: string; direction: AlertDirection | null; schedule?: AlertSchedule }
  | { kind: 'alerts'; view: AlertListView }
  | { kind: 'help' }
  /** A number that cannot become an order as written (negative, zero, unreadable, ambiguous): said, never previewed. */
  | { kind: 'number_problem'; problem: NumberProblem; intent: Intent }
  /** "sell everything": a preview per holding (each confirmed on its own), or none when nothing is held. */
  | { kind: 'sell_all'; previews: Array<Extract<Answer, { kind: 'preview' | 'preview_blocked' }>> }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  /** "what's the market doing": the listed markets' biggest moves over 24 hours. */
  | { kind: 'market_summary'; movers: Ticker[]; source: MarketSource }
  /** "my trade history": past fills, a page at a time. */
  | { kind: 'trade_history'; trades: TrackedOrder[]; page: number; more: boolean }
  /** "undo" with no open order to cancel (an open one gets its cancel preview). */
  | { kind: 'nothing_to_undo' }
  /** "should I buy sol?": the combined signal with its reasons and track record; `asked`: the side the question named. */
  | { kind: 'signal'; signal: SignalAnswer; asked: 'buy' | 'sell' | null }
  /** /signals: the current signal of each of the person's pairs (`yours` false: none held or watched, the largest markets instead). */
  | { kind: 'signal_list'; lines: SurveyLine[]; yours: boolean }
  /** "why?": the last signal or proposal shown (null: nothing recent to explain). */
  | { kind: 'why'; shown: Explainable | null }
  /** "watch sol for me", "stop watching sol", /advisor: what changed (null: nothing asked) and where advisor mode stands. */
  | { kind: 'advisor'; change: { kind: 'watch' | 'unwatch'; symbol: string; changed: boolean } | null; settings: { watched: string[]; quiet: QuietHours | null; maxPerDay: number } }
  /** ✅ on a proposal that can no longer be taken: taken already, expired, rejected, someone else's. */
  | { kind: 'proposal_closed'; outcome: Exclude<ProposalDecision['outcome'], 'claimed' | 'rejected'> }
  /** "should I buy link?" about a coin not traded here. */
  | { kind: 'not_tradable'; coin: string }
  | { kind: 'not_understood'; unresolvedCoin: string | null }
  | { kind: 'not_available'; intent: Intent };

/** The answer as a word for the history and the metrics. */
export function outcomeOf(answer: Answer): string {
  switch (answer.kind) {
    case 'preview':
    case 'cancel_preview':
      return 'previewed';
    case 'preview_blocked':
    case 'cancel_blocked':
      return 'preview_blocked';
    case 'incomplete':
      return `asked_${answer.missing}`;
    case 'rephrase':
      return 'asked_rephrase';
    case 'pick_order':
      return 'asked_order';
    case 'which_coin':
      return 'needs_input';
    case 'alert_set':
      return answer.set.existing ? 'alert_exists' : 'alert_set';
    case 'alert_refused':
    case 'sizing_refused':
      return 'refused';
    case 'alert_needs_price':
      return 'asked_price';
    case 'number_problem':
      return `number_${answer.problem.kind}`;
    case 'sell_all':
      return answer.previews.some((p) => p.kind === 'preview') ? 'previewed' : 'preview_blocked';
    case 'not_understood':
      return 'not_understood';
    case 'not_available':
      return 'not_available';
    default:
      return 'answered';
  }
}
