// Calibration per labelled set: how often a parse the offline parser is sure of (confidence at or
// above the gate the bot acts on without reading the message back) is right, and how many
// messages reach that gate.
import type { ParseResult } from '../../src/nlu/contract.js';
import { score, type LabelledCase } from './score.js';

export const GATE = 0.9;

export interface Calibration {
  total: number;
  right: number;
  /** Messages at or above the gate. */
  sure: number;
  /** Of those, the ones read right. */
  sureRight: number;
  /** The confidently wrong ones: what costs money. */
  sureWrong: Array<{ text: string; expect: Record<string, unknown>; got: ParseResult }>;
}

export function calibrate(cases: readonly LabelledCase[], parse: (text: string) => ParseResult, gate = GATE): Calibration {
  const results = new Map(cases.map((c) => [c.text, parse(c.text)]));
  const s = score(cases, (t) => results.get(t)!.command);
  const wrong = new Set(s.misses.map((m) => m.text));
  const sure = cases.filter((c) => results.get(c.text)!.confidence >= gate);
  const sureWrong = sure.filter((c) => wrong.has(c.text)).map((c) => ({ text: c.text, expect: c.expect, got: results.get(c.text)! }));
  return { total: cases.length, right: s.right, sure: sure.length, sureRight: sure.length - sureWrong.length, sureWrong };
}

const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);

/** One line: "families-dev  exact 97.2% (243/250)  ≥0.9: 99.1% right (110/111), 44.4% of messages". */
export function describe(name: string, c: Calibration): string {
  return `${name.padEnd(20)} exact ${pct(c.right, c.total).padStart(6)} (${c.right}/${c.total})  conf>=${GATE}: ${pct(c.sureRight, c.sure).padStart(6)} right (${c.sureRight}/${c.sure}), ${pct(c.sure, c.total)} of messages`;
}
