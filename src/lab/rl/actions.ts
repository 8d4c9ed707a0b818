// The agent's actions: hold, or buy / sell with a size. A buy spends a share of the cash, a sell
// sells a share of the position; either fills at the next candle's open (the backtester's rule).

export type ActionKind = 'hold' | 'buy' | 'sell';

export interface Action {
  kind: ActionKind;
  /** Share of the cash (buy) or of the position (sell), in (0, 1]; 0 for hold. */
  size: number;
}

/** The discrete action set, by index: what a DQN's output units stand for. */
export const ACTIONS: readonly Action[] = [
  { kind: 'hold', size: 0 },
  { kind: 'buy', size: 0.5 },
  { kind: 'buy', size: 1 },
  { kind: 'sell', size: 0.5 },
  { kind: 'sell', size: 1 },
];

export const ACTION_COUNT = ACTIONS.length;

export function actionLabel(index: number): string {
  const a = ACTIONS[index];
  if (!a) return `action ${index}`;
  return a.kind === 'hold' ? 'hold' : `${a.kind} ${Math.round(a.size * 100)} %`;
}
