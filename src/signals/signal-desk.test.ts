import { describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.js';
import { UnknownSymbol } from '../shared/errors.js';
import type { SignalAnswer } from './signal-answer.js';
import { SignalDesk, WHY_REMEMBER_MS, type Explainable } from './signal-desk.js';

const signal = (symbol: string) => ({ symbol, timeframe: '1h', direction: 'buy', score: 0.6 }) as unknown as SignalAnswer;

function build() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const kept = new Map<string, Explainable>();
  const desk = new SignalDesk({
    clock,
    source: {
      async signalFor(symbol) {
        if (symbol === 'DOGE/USDT') throw new UnknownSymbol(symbol);
        if (symbol === 'BOOM/USDT') throw new Error('bug');
        return signal(symbol);
      },
    },
    memory: { read: async (k) => kept.get(k), write: async (k, v) => void kept.set(k, v) },
  });
  return { desk, clock };
}

describe('SignalDesk', () => {
  it('remembers what it told each person for an hour, for "why?"', async () => {
    const { desk: d, clock } = build();
    await d.ask(1, 'SOL/USDT');
    expect(await d.why(1)).toMatchObject({ kind: 'signal', signal: { symbol: 'SOL/USDT' } });
    expect(await d.why(2)).toBeUndefined();
    clock.advance(WHY_REMEMBER_MS - 1);
    expect(await d.why(1)).toBeDefined();
    clock.advance(1);
    expect(await d.why(1)).toBeUndefined();
  });

  it('surveys pairs, a pair that cannot be read saying why in words, a bug still thrown', async () => {
    const { desk: d } = build();
    const lines = await d.survey(['BTC/USDT', 'DOGE/USDT']);
    expect(lines[0]).toMatchObject({ symbol: 'BTC/USDT', signal: { symbol: 'BTC/USDT' } });
    expect(lines[1]).toMatchObject({ symbol: 'DOGE/USDT', problem: expect.stringContaining('DOGE') });
    await expect(d.survey(['BOOM/USDT'])).rejects.toThrow('bug');
  });
});
