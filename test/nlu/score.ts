// The scoring rules of the shared score.mjs, in-process: a message is right when the intent
// matches and every entity key matches exactly (numbers to 1e-6 relative), keys the expected
// answer leaves out being absent or null.
import { readFileSync } from 'node:fs';
import type { ParsedCommand } from '../../src/nlu/contract.js';

export const KEYS = ['intent', 'symbol', 'amount', 'quote_amount', 'percentage', 'price', 'direction', 'order_id', 'timeframe'] as const;

export interface LabelledCase {
  text: string;
  expect: Record<string, unknown>;
}

export interface Score {
  right: number;
  total: number;
  accuracy: number;
  misses: Array<{ text: string; expect: Record<string, unknown>; got: ParsedCommand }>;
}

export function loadCases(path: string): LabelledCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabelledCase);
}

export function same(want: unknown, got: unknown): boolean {
  if (want === undefined || want === null) return got === undefined || got === null;
  if (typeof want === 'number') return typeof got === 'number' && Math.abs(got - want) <= 1e-6 * Math.max(1, Math.abs(want));
  return got === want;
}

export function score(cases: readonly LabelledCase[], parse: (text: string) => ParsedCommand): Score {
  const misses: Score['misses'] = [];
  let right = 0;
  for (const c of cases) {
    const got = parse(c.text);
    const record = got as Record<string, unknown>;
    if (KEYS.every((k) => same(c.expect[k], record[k]))) right++;
    else misses.push({ text: c.text, expect: c.expect, got });
  }
  return { right, total: cases.length, accuracy: cases.length === 0 ? 0 : right / cases.length, misses };
}
