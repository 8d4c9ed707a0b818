// What each flow of the orders bench does, drawn from a seeded generator so a run can be repeated:
// the order it asks for, how the ✅ reaches the app, what the exchange does to the order request,
// and whether the app is killed on the way.
import type { Fault } from '../../test/fakes/fake-binance/index.js';

export { seededRandom } from '../../src/shared/seeded-random.js';

function pick<T extends string>(random: () => number, weights: Partial<Record<T, number>>): T {
  const entries = Object.entries(weights) as Array<[T, number]>;
  let roll = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, weight] of entries) if ((roll -= weight) < 0) return key;
  return entries.at(-1)![0];
}

/** How the user's answer reaches the webhook. */
export const PRESSES = {
  single: 60,
  double: 14, // two callback updates for ✅ at once (a double tap)
  redeliver: 12, // the same ✅ update delivered twice (Telegram retrying)
  'double+redeliver': 4,
  'confirm+cancel': 5, // ✅ and ✖ at once: exactly one may win
  cancel: 3,
  never: 2, // the preview is left to expire
} as const;
export type Press = keyof typeof PRESSES;

/** What the exchange does to this flow's order request (none, most of the time). */
export const SEND_FAULTS = {
  none: 58,
  'reset-before': 5, // connection dropped before the exchange saw the order
  'reset-after': 7, // the exchange accepted it, the answer was dropped
  'timeout-after': 3, // accepted, answer later than the client waits (ccxt's 10 s)
  'slow-before': 5, // held 0.3–3 s before the exchange acts
  'slow-after': 4, // accepted, answered 0.3–2 s late
  '429': 6,
  '418': 1,
  '5xx': 6,
  // restarts come on top of these, see KILLS
} as const;
export type SendFault = keyof typeof SEND_FAULTS;

/** Where the app is SIGKILLed in a flow chosen for a restart. */
export const KILLS = {
  'after-text': 1, // while the preview is being made
  'at-press': 2, // 0–30 ms after the ✅ is posted
  'at-order': 3, // as the order request reaches the exchange (which then accepts it)
  'order-held': 3, // while the exchange holds the order request; it accepts it after the app died
} as const;
export type Kill = keyof typeof KILLS;

export interface FlowPlan {
  index: number;
  text: string;
  symbol: 'btc' | 'eth' | 'sol';
  orderKind: 'market' | 'limit resting' | 'limit marketable';
  press: Press;
  /** Delay of the second delivery in 'redeliver' (0: at once). */
  redeliverAfterMs: number;
  /** What a user takes to read the preview. */
  thinkMs: number;
  sendFault: SendFault;
  send?: Fault;
  lookup?: Fault;
  kill?: Kill;
  killAfterMs: number;
}

const AMOUNTS = { btc: ['0.001', '0.002', '0.0005'], eth: ['0.01', '0.02', '0.05'], sol: ['0.2', '0.5', '1'] } as const;

/** Which flows carry a kill, and which kind: `restarts` distinct flows out of `flows`. */
export function planKills(random: () => number, flows: number, restarts: number): Map<number, Kill> {
  const kills = new Map<number, Kill>();
  while (kills.size < Math.min(restarts, flows)) kills.set(Math.floor(random() * flows), pick(random, KILLS));
  return kills;
}

/** One flow's plan; `faults` narrows the order request faults drawn (to chase one failure). */
export function planFlow(random: () => number, index: number, prices: Record<'btc' | 'eth' | 'sol', number>, kill: Kill | undefined, faults: Partial<Record<SendFault, number>> = SEND_FAULTS): FlowPlan {
  const symbol = pick(random, { btc: 5, eth: 3, sol: 2 });
  const amount = AMOUNTS[symbol][Math.floor(random() * 3)]!;
  const side = random() < 0.55 ? 'buy' : 'sell';
  const orderKind = pick(random, { market: 75, 'limit resting': 13, 'limit marketable': 12 });
  // Resting limits sit 1.5 % away (a price wiggle fills them); marketable ones cross by 0.5 %.
  const away = orderKind === 'limit resting' ? 0.015 : -0.005;
  const limit = Math.round(prices[symbol] * (side === 'buy' ? 1 - away : 1 + away) * 100) / 100;
  const text = orderKind === 'market' ? `${side} ${amount} ${symbol}` : `${side} ${amount} ${symbol} at ${limit}`;

  const sendFault = pick(random, faults);
  const press = pick(random, PRESSES);
  const plan: FlowPlan = {
    index,
    text,
    symbol,
    orderKind,
    // A flow chosen for a kill at its order must send one.
    press: kill && (press === 'cancel' || press === 'never') ? 'single' : press,
    redeliverAfterMs: random() < 0.5 ? 0 : 20 + Math.floor(random() * 400),
    thinkMs: 300 + Math.floor(random() * 1200),
    sendFault,
    ...faultsFor(random, sendFault),
    ...(kill ? { kill } : {}),
    killAfterMs: Math.floor(random() * 30),
  };
  // Holding the order at the exchange while the app dies needs the exchange to hold it.
  if (kill === 'order-held') plan.send = { kind: 'delay', ms: 1500 + Math.floor(random() * 2500) };
  return plan;
}

function faultsFor(random: () => number, kind: SendFault): { send?: Fault; lookup?: Fault } {
  const send = ((): Fault | undefined => {
    switch (kind) {
      case 'none':
        return undefined;
      case 'reset-before':
        return { kind: 'reset' };
      case 'reset-after':
        return { kind: 'reset', afterHandling: true };
      case 'timeout-after':
        return { kind: 'delay', ms: 11_000, afterHandling: true };
      case 'slow-before':
        return { kind: 'delay', ms: 300 + Math.floor(random() * 2700) };
      case 'slow-after':
        return { kind: 'delay', ms: 300 + Math.floor(random() * 1700), afterHandling: true };
      case '429':
        return { kind: 'status', status: 429, retryAfterSeconds: 1 + Math.floor(random() * 3) };
      case '418':
        return { kind: 'status', status: 418, retryAfterSeconds: 2 };
      case '5xx':
        return { kind: 'status', status: random() < 0.5 ? 500 : 503 };
    }
  })();
  // A third of the faulted orders also lose their first lookup: recovery must survive that too.
  const lookup: Fault | undefined = send && random() < 0.33 ? (random() < 0.5 ? { kind: 'reset' } : { kind: 'status', status: 503 }) : undefined;
  return { ...(send ? { send } : {}), ...(lookup ? { lookup } : {}) };
}
