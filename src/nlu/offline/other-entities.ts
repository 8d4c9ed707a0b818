import type { NumberProblem, Timeframe } from '../contract.js';
import type { Analysis } from './analyze.js';
import { ALL_WORDS, CANCEL_WORDS, LAST_WORDS, PLURAL_ORDER_NOUNS } from './lexicon.js';
import { priceMarked } from './markers.js';
import { doubtful, problemOf } from './number-flaws.js';
import type { SymbolReading } from './symbol.js';
import { word, type Tok } from './tokens.js';

export interface LevelReading {
  price?: number;
  percentage?: number;
  direction?: 'above' | 'below';
  issues: number;
  used: Set<number>;
  /** A level that cannot be used as written ("stop loss at -1000", "alert at 1²"): left out. */
  problem?: NumberProblem;
}

export type LevelKind = 'stop_loss' | 'take_profit' | 'alert';

/**
 * Stop-loss and take-profit: a trigger price ("at 58000") or a distance in percent ("5% below").
 * Alerts: a level and, only when the words say so, a direction.
 */
export function readLevel(a: Analysis, sym: SymbolReading, kind: LevelKind): LevelReading {
  const toks = a.toks;
  const r: LevelReading = { issues: 0, used: new Set() };
  const prices: Array<{ i: number; value: number; marked: boolean }> = [];
  const sizes: Array<{ i: number; value: number }> = [];
  toks.forEach((t, i) => {
    const n = t.num;
    if (n === undefined || (n.unit !== '' && n.unit !== 'm') || n.label === true) return;
    if (n.percent || n.fraction) {
      r.used.add(i);
      if (kind === 'alert') return void r.issues++; // an alert "if btc drops 5%" has no level the contract can carry
      let pct = n.percent ? n.value : n.value * 100;
      if (n.flaw !== undefined) {
        // "stop loss at -5%": the sign says "below", which a stop-loss distance always is. Read, with doubt.
        if (kind === 'stop_loss' && n.flaw.kind === 'not_positive' && n.percent && n.value < 0) {
          pct = -n.value;
          r.issues++;
        } else return void (r.problem ??= problemOf(n, 'percentage', t.w));
      }
      if (pct > 0 && pct <= 100 && r.percentage === undefined) r.percentage = pct;
      else r.issues++;
      return;
    }
    if (toks[i + 1]?.coin !== undefined && i + 1 !== sym.quoteIndex && !priceMarked(toks, i)) {
      sizes.push({ i, value: n.value }); // "stop loss for 2 eth at 2800": a size the intent does not carry
      return;
    }
    prices.push({ i, value: n.value, marked: priceMarked(toks, i) || word(toks, i - 1) === 'of' || word(toks, i - 1) === 'for' });
  });
  for (const s of sizes) r.used.add(s.i);
  // "set stoploss 3k eth": with no other level, the number before the coin is the level, read with doubt.
  if (prices.length === 0 && r.percentage === undefined && sizes[0] !== undefined) {
    prices.push({ ...sizes[0], marked: false });
    r.issues++;
  }
  const chosen = prices.find((p) => p.marked) ?? prices[0];
  if (chosen !== undefined) {
    for (const p of prices) r.used.add(p.i);
    if (prices.length > 1) r.issues++;
    const flawed = toks[chosen.i]!.num!;
    if (flawed.flaw !== undefined) r.problem ??= problemOf(flawed, 'price', toks[chosen.i]!.w);
    else r.price = chosen.value;
    // Another candidate that cannot be read may have been the level meant.
    const other = prices.find((p) => p !== chosen && doubtful(toks[p.i]!.num));
    if (r.problem === undefined && other !== undefined) r.problem = problemOf(toks[other.i]!.num!, null, toks[other.i]!.w);
  }
  if (r.problem?.field === 'percentage') delete r.percentage;
  if (r.problem?.field === 'price') delete r.price;
  if (r.price !== undefined && r.percentage !== undefined) {
    r.issues++;
    delete r.percentage;
  }
  if (kind === 'alert') {
    const direction = readDirection(toks);
    if (direction !== undefined) {
      r.direction = direction.side;
      // "alert me at 3k on eth, it's been going up": a side said far from the level may be about something else.
      if (chosen !== undefined && Math.abs(chosen.i - direction.at) > 4) r.issues++;
    }
  }
  return r;
}

const ABOVE = new Set(['above', 'over', 'exceeds', 'exceed', 'surpasses', 'surpass', 'tops', 'rises', 'rise', 'climbs', 'climb', 'pumps', 'pump', 'moons', 'higher', 'greater', 'up', 'past', 'beyond', 'rips', 'rip', 'runs', 'rallies', 'reclaims', 'reclaim', 'spikes']);
const BELOW = new Set(['below', 'under', 'drops', 'drop', 'falls', 'fall', 'dips', 'dip', 'sinks', 'sink', 'crashes', 'crash', 'tanks', 'tank', 'dumps', 'dump', 'lower', 'beneath', 'less', 'down', 'declines', 'decline', 'loses', 'slips', 'slides', 'bleeds']);

/** "drops below", "falls to", "under" → below; "breaks above", "rises to", "over" → above; "hits" → none. */
function readDirection(toks: readonly Tok[]): { side: 'above' | 'below'; at: number } | undefined {
  let found: 'above' | 'below' | undefined;
  let at = -1;
  for (let i = 0; i < toks.length; i++) {
    const w = word(toks, i);
    if (toks[i]!.coin !== undefined) continue;
    if (w === 'up' && ['set', 'setup', 'pull', 'bring', 'wake'].includes(word(toks, i - 1))) continue;
    const d = ABOVE.has(w) ? 'above' : BELOW.has(w) ? 'below' : undefined;
    if (d === undefined) continue;
    if (found !== undefined && found !== d) return undefined; // "drops below then rises above": unclear
    found = d;
    at = i;
  }
  return found === undefined ? undefined : { side: found, at };
}

export interface CancelReading {
  order_id?: string;
  issues: number;
  used: Set<number>;
}

const ID_LEADS = new Set(['order', 'orders', 'id', 'number', 'no', 'ref', 'cancel', 'kill', 'delete', 'remove']);

/** "#77" → "77", "order a1b2", "my last order" → "last", "all my orders" → "all". */
export function readCancel(a: Analysis): CancelReading {
  const toks = a.toks;
  const r: CancelReading = { issues: 0, used: new Set() };
  const ids: string[] = [];
  const after: string[] = [];
  const verb = toks.findIndex((t) => t.num === undefined && CANCEL_WORDS.has(t.w));
  toks.forEach((t, i) => {
    if (t.coin !== undefined) return;
    if (i > verb && verb >= 0 && (t.hash === true || ID_LEADS.has(leadWord(toks, i))) && /\d/.test(t.w)) after.push(t.w);
    if (t.hash === true) {
      ids.push(t.w);
      r.used.add(i);
      return;
    }
    if (!ID_LEADS.has(leadWord(toks, i))) return;
    // Ids as written: "order 4412", not the spelled "four four one two" (read as "four").
    if (t.num !== undefined && !t.num.percent && !t.num.fraction && /^[0-9a-z]+$/.test(t.w) && /\d/.test(t.w)) {
      ids.push(t.w);
      r.used.add(i);
    } else if (t.num === undefined && /^[a-z0-9]{2,32}$/.test(t.w) && /\d/.test(t.w)) {
      ids.push(t.w);
      r.used.add(i);
    }
  });
  const last = toks.some((t) => t.num === undefined && t.coin === undefined && LAST_WORDS.has(t.w));
  // "scrap my arb orders", "nuke my avax limits": a plural names every one of them.
  const all = toks.some((t) => t.num === undefined && t.coin === undefined && ALL_WORDS.has(t.w));
  const plural = toks.some((t) => t.num === undefined && t.coin === undefined && PLURAL_ORDER_NOUNS.has(t.w));
  // "ref 55123, cancel order 123": the id the cancel names comes after it. Two ids are a real doubt.
  const id = after[0] ?? ids[0] ?? (last ? 'last' : all || plural ? 'all' : undefined);
  if (new Set(ids).size > 1) r.issues += 2;
  else if ((ids.length > 0 && (last || all)) || (last && all)) r.issues++;
  if (id !== undefined) r.order_id = id.slice(0, 64);
  return r;
}

/** The word governing token i, skipping "#", "my", "the": "order no. 5" → "no". */
function leadWord(toks: readonly Tok[], i: number): string {
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
    const w = word(toks, j);
    if (w !== 'the' && w !== 'my' && w !== 'with' && w !== 'this') return w;
  }
  return '';
}

const WORD_TIMEFRAMES: Readonly<Record<string, Timeframe>> = {
  hourly: '1h', daily: '1d', weekly: '1w', monthly: '1M', minute: '1m', hour: '1h', day: '1d', week: '1w', month: '1M',
  intraday: '1h', h1: '1h', h4: '4h', m1: '1m', m5: '5m', m15: '15m', m30: '30m', d1: '1d', w1: '1w', h2: '2h', h12: '12h',
};
const UNIT_WORDS: Readonly<Record<string, string>> = { minute: 'm', minutes: 'm', min: 'm', mins: 'm', hour: 'h', hours: 'h', hr: 'h', hrs: 'h', day: 'd', days: 'd', week: 'w', weeks: 'w' };
const VALID = new Set<string>(['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M']);

/** Candle timeframe: "4h", "4 hour", "15m chart", "hourly", "on the daily", "1 week". */
export function readTimeframe(a: Analysis): { timeframe?: Timeframe; used: Set<number>; issues: number } {
  const toks = a.toks;
  const used = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    let tf: string | undefined;
    if (t.num !== undefined && !t.num.percent && Number.isInteger(t.num.raw)) {
      const unit = t.num.unit === 'min' || t.num.unit === 'm' ? 'm' : t.num.unit === 'mo' ? 'M' : t.num.unit;
      const spelled = UNIT_WORDS[word(toks, i + 1)];
      if (['m', 'h', 'd', 'w', 'M'].includes(unit)) tf = `${t.num.raw}${unit}`;
      else if (unit === '' && spelled !== undefined) tf = `${t.num.raw}${spelled}`;
    } else if (t.coin === undefined && t.num === undefined) {
      const named = WORD_TIMEFRAMES[t.w];
      const wordOk = !['minute', 'hour', 'day', 'week', 'month'].includes(t.w) || ['the', 'a', '1'].includes(word(toks, i - 1)) || ['chart', 'timeframe', 'candles', 'tf'].includes(word(toks, i + 1));
      if (named !== undefined && wordOk) tf = named;
    }
    if (tf === undefined) continue;
    used.add(i);
    if (VALID.has(tf)) return { timeframe: tf as Timeframe, used, issues: 0 };
    return { used, issues: 1 }; // "7h": not a candle size the exchange offers
  }
  return { used, issues: 0 };
}
