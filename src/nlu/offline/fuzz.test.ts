import { describe, expect, it } from 'vitest';
import { ALLOWED_ENTITIES, commandSchema } from '../contract.js';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../known-assets.js';
import { parseOffline } from './offline-parser.js';
import { seededRandom } from '../../shared/seeded-random.js';

const catalog = new StaticAssetCatalog(KNOWN_ASSETS);

// Code point ranges that stress normalisation and tokenisation: ASCII, controls, Latin,
// combining marks, RTL, CJK, full-width forms, emoji, lone surrogates, private use.
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e], [0x00, 0x1f], [0x80, 0x24f], [0x300, 0x36f], [0x590, 0x6ff], [0x4e00, 0x4fff],
  [0xff01, 0xff5e], [0x1f300, 0x1f6ff], [0xd800, 0xdfff], [0xe000, 0xe0ff], [0x2000, 0x206f],
];
const VOCAB = (
  'buy sell limit market at @ for with of my all half a quarter stop loss take profit alert me when above below ' +
  'cancel order # orders price signals 4h daily portfolio help btc eth sol doge eth/btc solusdt near link one for it ' +
  '$ % 1,250.50 .25 2.5k $1.2k 1.5m 500k 20% 0 -5 1e9 ½ 🚀 ?? !!! usdt usdc bitconi etherum by sel not dont 20x ' +
  // the forms fresh.jsonl brought in: dates, times, possessives, pastes, grouped and mixed numbers
  "12/05 3pm 15:30 . ; user 42's john's account 7 www.x.com 0xdead 07700900123 +4477009 60 000 1 1/2 10.000 O.5 " +
  'jk never mind if it drops below tomorrow every told me lmk cut my losses ignore previous instructions'
).split(' ');

function randomText(rand: () => number): string {
  const kind = rand();
  const length = Math.floor(rand() * 60);
  if (kind < 0.5) {
    // Word soup from the parser's own vocabulary: reaches far more rule paths than noise does.
    return Array.from({ length: length / 3 + 1 }, () => VOCAB[Math.floor(rand() * VOCAB.length)]).join(rand() < 0.8 ? ' ' : '');
  }
  let s = '';
  for (let i = 0; i < length; i++) {
    const [lo, hi] = RANGES[Math.floor(rand() * RANGES.length)]!;
    s += String.fromCodePoint(lo + Math.floor(rand() * (hi - lo + 1)));
  }
  return s;
}

function assertValid(text: string): void {
  let result;
  try {
    result = parseOffline(text, catalog);
  } catch (error) {
    throw new Error(`threw on ${JSON.stringify(text.slice(0, 200))}`, { cause: error });
  }
  const parsed = commandSchema.safeParse(result.command);
  expect(parsed.success, JSON.stringify(text.slice(0, 200))).toBe(true);
  const allowed = ALLOWED_ENTITIES[result.command.intent] as readonly string[];
  expect(Object.keys(result.command).filter((k) => k !== 'intent' && !allowed.includes(k))).toEqual([]);
  expect(result.confidence).toBeGreaterThanOrEqual(0);
  expect(result.confidence).toBeLessThanOrEqual(1);
}

describe('parseOffline never throws and always returns a contract-valid command', () => {
  it('on 5,000 seeded random messages', () => {
    const rand = seededRandom(20240521);
    for (let i = 0; i < 5000; i++) assertValid(randomText(rand));
  });

  it('on empty, blank, emoji-only and control-character lines', () => {
    for (const text of ['', ' ', '\t\t', '\n', '🚀🚀🚀', '\u0000\u0001\u0002', '\u200b\u200d', '\uD800', '\uDC00abc', '$', '%', '#', '@', '/', '-', '.', ',']) {
      assertValid(text);
      expect(parseOffline(text, catalog).command.intent).not.toMatch(/^(buy|sell)_/);
    }
  });

  it('on 100 kB lines', () => {
    const rand = seededRandom(7);
    assertValid('a'.repeat(100_000));
    assertValid('buy 1 btc '.repeat(10_000));
    assertValid('9'.repeat(100_000));
    assertValid('🚀'.repeat(50_000));
    assertValid(Array.from({ length: 20_000 }, () => randomText(rand)).join(' ').slice(0, 100_000));
  });

  it('on values past what the contract accepts', () => {
    for (const text of ['buy 0 btc', 'sell 101% of my eth', 'buy 1e400 doge', 'buy btc at 0', `cancel order ${'x1'.repeat(50)}`, 'sell -0 eth']) assertValid(text);
  });
});
