import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALLOWED_ENTITIES, commandSchema, type ParsedCommand } from '../../src/nlu/contract.js';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../../src/nlu/known-assets.js';
import { parseOffline } from '../../src/nlu/offline/offline-parser.js';
import { calibrate, describe as describeCalibration, GATE } from './calibration.js';
import { loadCases, score, type LabelledCase } from './score.js';

const here = dirname(fileURLToPath(import.meta.url));
const catalog = new StaticAssetCatalog(KNOWN_ASSETS);
const parse = (text: string): ParsedCommand => parseOffline(text, catalog).command;

function report(name: string, cases: readonly LabelledCase[]): number {
  const s = score(cases, parse);
  if (s.misses.length > 0) console.log(`${name} misses:\n${s.misses.map((m) => `  ${JSON.stringify(m.text)}\n    want ${JSON.stringify(m.expect)}\n    got  ${JSON.stringify(m.got)}`).join('\n')}`);
  console.log(`${name}: ${(100 * s.accuracy).toFixed(1)}% (${s.right}/${s.total})`);
  return s.accuracy;
}

describe('offline parser accuracy', () => {
  const dev = loadCases(join(here, 'dev.jsonl'));
  const heldout = loadCases(join(here, 'heldout.jsonl'));
  // Written by someone other than the parser's author, in styles dev and held-out do not use (chat
  // shorthand, capitals, emoji, typos, polite paragraphs, numbers in every form, adversarial text),
  // labelled before the parser was run on them. First score, before any fix: 83.1% (305/367).
  const fresh = loadCases(join(here, 'fresh.jsonl'));
  // A second set in yet other styles (voice-to-text, non-native English, trader jargon), written
  // after fresh.jsonl's fixes and scored once blind: 81.5% (97/119); the parser before those fixes
  // scored 73.9% on it. Its own misses were fixed only where a rule was general.
  const fresh2 = loadCases(join(here, 'fresh-2.jsonl'));
  const earlier = (sets: ReadonlyArray<readonly LabelledCase[]>): Set<string> => new Set(sets.flat().map((c) => c.text.toLowerCase()));

  it('reads the shared dev set at 97% or better', () => {
    expect(dev.length).toBe(120);
    expect(report('dev', dev)).toBeGreaterThanOrEqual(0.97);
  });

  it('reads the held-out set (phrased unlike dev) at 95% or better', () => {
    expect(heldout.length).toBeGreaterThanOrEqual(150);
    const devTexts = new Set(dev.map((c) => c.text.toLowerCase()));
    expect(heldout.filter((c) => devTexts.has(c.text.toLowerCase()))).toEqual([]);
    expect(report('held-out', heldout)).toBeGreaterThanOrEqual(0.95);
  });

  it('reads the fresh set (written apart from the parser) at 97% or better', () => {
    expect(fresh.length).toBeGreaterThanOrEqual(300);
    const seen = earlier([dev, heldout]);
    expect(fresh.filter((c) => seen.has(c.text.toLowerCase()))).toEqual([]);
    expect(report('fresh', fresh)).toBeGreaterThanOrEqual(0.97);
  });

  it('reads the second fresh set at 92% or better', () => {
    expect(fresh2.length).toBeGreaterThanOrEqual(100);
    const seen = earlier([dev, heldout, fresh]);
    expect(fresh2.filter((c) => seen.has(c.text.toLowerCase()))).toEqual([]);
    expect(report('fresh-2', fresh2)).toBeGreaterThanOrEqual(0.92);
  });

  // Issue 15's families (coins beyond the big ones, word tickers, stop/take-profit and alert idioms,
  // cancels and lists, value questions, signals and help, other languages), written and labelled
  // apart from the parser (families-labels.md). The dev half was tuned on; first score 64.4% (161/250).
  const familiesDev = loadCases(join(here, 'families-dev.jsonl'));

  it('reads the families dev set at 97% or better', () => {
    expect(familiesDev.length).toBe(250);
    expect(report('families-dev', familiesDev)).toBeGreaterThanOrEqual(0.97);
  });

  // The other half, families-untouched.jsonl, was kept untouched while the parser was built and scored
  // once, blind, at the end (commit 86abd68): 77.2% exact (193/250); confidence >= 0.9 on 108 of them,
  // 106 right (98.1%). Once scored it was no longer a test set: from 2026-12-02 its misses were fixed
  // with general rules (word classes, other languages read as English) and it is tuned on like the dev
  // half, so its score (100% after that work) says nothing about unseen phrasings any more.
  const familiesUntouched = loadCases(join(here, 'families-untouched.jsonl'));

  it('reads the second families set (tuned on since its blind 77.2%) at 97% or better', () => {
    expect(familiesUntouched.length).toBe(250);
    expect(report('families-untouched', familiesUntouched)).toBeGreaterThanOrEqual(0.97);
  });

  // Issue 15's second family set, written and labelled apart from the parser (families2-labels.md); its
  // dev half is tuned on. First score, before any fix for it (commit 3403bf6, which already had the
  // general rules written for families-untouched): 86.8% exact (217/250); confidence >= 0.9 on 129,
  // 125 right (96.9%). The parser as it was before those rules (bab8cc5) scored 81.2% (203/250) on it.
  // Its misses were then fixed with general rules (100% after). Its untouched half was kept elsewhere
  // and scored once, blind, by someone else (below).
  const families2Dev = loadCases(join(here, 'families2-dev.jsonl'));

  it('reads the second families dev set (tuned on, first score 86.8%) at 97% or better', () => {
    expect(families2Dev.length).toBe(250);
    expect(report('families2-dev', families2Dev)).toBeGreaterThanOrEqual(0.97);
  });

  // The untouched half of the second family set: never read by the parser's author, added here after
  // its single blind score on the merged parser: 94.8% exact (237/250), short of the 97% target;
  // confidence >= 0.9 on 129 messages (51.6%), all 129 right. Not tuned on: this bar only stops it
  // getting worse. (26 of its texts were cited as examples in the labelling notes, which were redacted
  // before the parser's author read them; on the other 224 it scored 96.0%.)
  const families2Untouched = loadCases(join(here, 'families2-untouched.jsonl'));

  it('reads the second untouched families set no worse than its single blind score (94.8%)', () => {
    expect(families2Untouched.length).toBe(250);
    const seen = earlier([dev, heldout, fresh, fresh2, familiesDev, familiesUntouched, families2Dev]);
    expect(families2Untouched.filter((c) => seen.has(c.text.toLowerCase()))).toEqual([]);
    expect(report('families2-untouched', families2Untouched)).toBeGreaterThanOrEqual(0.948);
    const sure = families2Untouched.filter((c) => parseOffline(c.text, catalog).confidence >= GATE);
    expect(score(sure, parse).right / sure.length).toBeGreaterThanOrEqual(0.99);
  });

  it('means what it says: a confidence of 0.9 or more is right at least 99% of the time on the labelled sets', () => {
    const sets = { dev, heldout, fresh, 'fresh-2': fresh2, 'families-dev': familiesDev, 'families-untouched': familiesUntouched, 'families2-dev': families2Dev };
    for (const [name, cases] of Object.entries(sets)) console.log(describeCalibration(name, calibrate(cases, (t) => parseOffline(t, catalog))));
    const all = Object.values(sets).flat();
    const sure = all.filter((c) => parseOffline(c.text, catalog).confidence >= GATE);
    const right = score(sure, parse).right;
    console.log(`confidence >= ${GATE}: ${right}/${sure.length} right, covering ${sure.length}/${all.length} messages`);
    expect(sure.length).toBeGreaterThan(all.length / 2);
    expect(right / sure.length).toBeGreaterThanOrEqual(0.99);
  });

  it('covers every intent in the held-out set', () => {
    const intents = new Set(heldout.map((c) => c.expect.intent));
    expect([...intents].sort()).toEqual(Object.keys(ALLOWED_ENTITIES).sort());
  });

  it('prints only contract-valid, canonical commands for every labelled message', () => {
    for (const c of [...dev, ...heldout, ...fresh, ...fresh2]) {
      const command = parse(c.text);
      expect(commandSchema.safeParse(command).success, c.text).toBe(true);
      const extra = Object.keys(command).filter((k) => k !== 'intent' && !(ALLOWED_ENTITIES[command.intent] as readonly string[]).includes(k));
      expect(extra, c.text).toEqual([]);
    }
  });

  it('scores a wrong entity as a miss (the scorer can fail)', () => {
    const cases: LabelledCase[] = [
      { text: 'buy 0.5 btc', expect: { intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.5 } },
      { text: 'sell 1 eth', expect: { intent: 'sell_market', symbol: 'ETH/USDT', amount: 1 } },
    ];
    expect(score(cases, parse).accuracy).toBe(1);
    expect(score(cases, () => ({ intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.5000001 })).right).toBe(1);
    expect(score(cases, () => ({ intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.51 })).right).toBe(0);
    expect(score(cases, () => ({ intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.5, price: 1 })).right).toBe(0);
  });
});
