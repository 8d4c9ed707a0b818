import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../contract.js';
import { preferSaferReading } from './cross-check.js';

const llm = (command: ParseResult['command'], confidence = 0.85): ParseResult => ({ command, confidence, parser: 'llm' });
const offline = (command: ParseResult['command'], confidence = 0.9): ParseResult => ({ command, confidence, parser: 'offline' });
const buy = { intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.5 } as const;

describe('preferSaferReading', () => {
  it('keeps the LLM’s reading, at full confidence, when both agree on the money', () => {
    expect(preferSaferReading(llm(buy), offline({ ...buy, amount: 0.5 + 1e-12 }))).toEqual(llm(buy));
  });

  it('keeps a non-trade LLM reading as is, whatever the offline parser says', () => {
    const info = llm({ intent: 'get_price', symbol: 'BTC/USDT' });
    expect(preferSaferReading(info, offline(buy))).toBe(info);
    const unknown = llm({ intent: 'unknown' }, 0.6);
    expect(preferSaferReading(unknown, offline(buy))).toBe(unknown);
  });

  it('returns the offline "unknown" when the offline parser is sure the operation is not offered', () => {
    const notOffered = offline({ intent: 'unknown' }, 0.9);
    expect(preferSaferReading(llm({ intent: 'sell_market', symbol: 'BTC/USDT', percentage: 100 }), notOffered)).toBe(notOffered);
  });

  it('caps the confidence when they disagree on side, coin, amount or price', () => {
    const cases: ParseResult['command'][] = [
      { ...buy, intent: 'sell_market' },
      { ...buy, symbol: 'ETH/USDT' },
      { ...buy, amount: 5 },
      { intent: 'buy_limit', symbol: 'BTC/USDT', amount: 0.5, price: 50_000 },
      { intent: 'unknown' },
    ];
    for (const other of cases) expect(preferSaferReading(llm(buy), offline(other, 0.7))).toEqual(llm(buy, 0.5));
  });
});
