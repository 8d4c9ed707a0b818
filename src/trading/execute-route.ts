import { decString, ZERO } from '../shared/decimal.js';
import { journalEntry } from './book-fills.js';
import { executeClaimed } from './execute-order.js';
import type { ConfirmOutcome, ExecDeps } from './execution.js';
import type { ClaimOutcome } from './ports.js';
import type { RouteFill, RouteLegOutcome } from './route-types.js';
import type { Confirmation, OrderConfirmation } from './types.js';


/*
 * The legs of a routed order, confirmed as one. The claim is all or nothing: every leg becomes
 * 'executing' with its order journaled ('submitting', its own client order id) in one transaction,
 * so a crash at any moment after it leaves every leg known to the sync job, which looks each one up
 * by its client order id and books it once — or settles it as not placed. Then the legs are sent
 * one after the other through the ordinary execution (executeClaimed): the risk rules again, the
 * order, the lookup when the answer was lost. A leg that fails is reported with its reason and is
 * never sent again; the others still go (the user confirmed each of them), and the user is told
 * the combined fill.
 */

/** The legs of the route a leg belongs to; null when it is not one. */
export function routeLegs(confirmation: Confirmation | null): string[] | null {
  return confirmation?.kind === 'order' && confirmation.plan.route ? confirmation.plan.route.legs : null;
}

/** Claims every leg of a route (`legs`, from routeLegs), or none. */
export async function claimRoute(
  deps: Pick<ExecDeps, 'confirmations' | 'clock'>,
  userId: number,
  legs: readonly string[],
): Promise<{ outcome: 'claimed'; confirmations: Confirmation[] } | Exclude<ClaimOutcome, { outcome: 'claimed' }>> {
  return deps.confirmations.claimAll(legs, userId, new Date(deps.clock.now()), journalEntry);
}

/** Sends every claimed leg once, in order; what each did and the fill they make together. */
export async function executeRoute(deps: ExecDeps, legs: readonly OrderConfirmation[], each?: (leg: OrderConfirmation, outcome: ConfirmOutcome, ms: number) => void): Promise<{ outcomes: ConfirmOutcome[]; fill: RouteFill }> {
  const outcomes: ConfirmOutcome[] = [];
  for (const leg of legs) {
    const started = deps.clock.now();
    // executeClaimed never throws for an exchange's answer; a database failure here leaves the
    // remaining legs 'submitting' for the sync job, which settles them as not placed.
    const outcome = await executeClaimed(deps, leg);
    each?.(leg, outcome, deps.clock.now() - started);
    outcomes.push(outcome);
  }
  return { outcomes, fill: combinedFill(legs, outcomes) };
}

export function combinedFill(legs: readonly OrderConfirmation[], outcomes: readonly ConfirmOutcome[]): RouteFill {
  let amount = ZERO;
  let filled = ZERO;
  let cost = ZERO;
  let fee = ZERO;
  const out: RouteLegOutcome[] = legs.map((leg, i) => {
    const outcome = outcomes[i]!;
    amount = amount.plus(leg.plan.amount);
    const order = outcome.outcome === 'executed' && outcome.result.kind === 'order' ? outcome.result.order : null;
    if (order) {
      filled = filled.plus(order.filled);
      cost = cost.plus(order.cost);
      fee = fee.plus(order.fee);
    }
    const message =
      outcome.outcome === 'failed'
        ? outcome.result.message
        : outcome.outcome === 'unresolved'
          ? 'The exchange’s answer was lost: it is being looked up, never sent again.'
          : outcome.outcome === 'executed'
            ? null
            : `Not executed (${outcome.outcome}).`;
    return { confirmationId: leg.id, venue: leg.plan.venue ?? leg.plan.exchange, outcome: outcome.outcome, order, message };
  });
  return {
    legs: out,
    amount: decString(amount),
    filled: decString(filled),
    cost: decString(cost),
    fee: decString(fee),
    average: filled.gt(0) ? decString(cost.div(filled).toDecimalPlaces(8)) : null,
    complete: filled.eq(amount) && out.every((l) => l.outcome === 'executed'),
  };
}

/** The outcome a routed confirmation answers with: the first leg's, or the first executed one's, with the combined fill. */
export function routeOutcome(outcomes: readonly ConfirmOutcome[], fill: RouteFill): ConfirmOutcome {
  const executed = outcomes.find((o) => o.outcome === 'executed');
  const chosen = executed ?? outcomes.find((o) => o.outcome === 'unresolved') ?? outcomes[0]!;
  return { ...chosen, route: fill } as ConfirmOutcome;
}

