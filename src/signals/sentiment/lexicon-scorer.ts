// An offline sentiment scorer in the manner of VADER (Hutto & Gilbert, 2014): the valences of the
// lexicon's words, phrases and emoji found in a text, each adjusted by what stands before it —
// a negation within three words flips and shrinks it, an intensifier ("sharply") or a dampener
// ("slightly") moves it, a word in capitals in a text that is not all capitals is emphasised —
// then "but" weighs what follows it over what precedes it, exclamation marks add emphasis, and the
// sum is squashed into −1 … +1 by x / √(x² + 15). No download, no model: deterministic.
import type { Lexicon } from './lexicon.js';
import { labelOf, type SentimentScore, type SentimentScorer } from './scorer.js';

const NEGATORS = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'without', 'cannot', 'hardly',
  "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "won't", "can't", "hasn't", "haven't", "hadn't", "shouldn't", "wouldn't", "couldn't", "ain't",
]);

/** Intensifiers (+) and dampeners (−): how much they move a valence, before the distance decay. */
const BOOSTERS = new Map<string, number>([
  ...['very', 'extremely', 'highly', 'hugely', 'massively', 'sharply', 'strongly', 'significantly', 'deeply', 'incredibly', 'absolutely', 'totally', 'record', 'huge', 'massive', 'major', 'biggest', 'heavily', 'so', 'really'].map((w) => [w, 0.293] as const),
  ...['slightly', 'barely', 'somewhat', 'marginally', 'partly', 'little', 'modestly', 'briefly', 'mildly', 'kind of', 'sort of'].map((w) => [w, -0.293] as const),
]);

/** Words usually written in capitals (no emphasis meant). */
const ACRONYMS = new Set(['ath', 'fud', 'hodl', 'fomo', 'ngmi', 'wagmi', 'etf', 'rekt']);

const CAPS_INCREMENT = 0.733;
const NEGATION_SCALAR = -0.74;
const BUT_BEFORE = 0.5;
const BUT_AFTER = 1.5;
const EXCLAMATION = 0.292;
const ALPHA = 15;

export interface LexiconScorerOptions {
  /** |score| below this is neutral (default 0.05, VADER's). */
  neutralBand?: number;
}

export interface ScoredText extends SentimentScore {
  /** The lexicon terms found, with the valence each contributed after its modifiers. */
  terms: { term: string; valence: number }[];
}

const TOKEN = /\p{Extended_Pictographic}\uFE0F?|[\p{L}\p{N}$][\p{L}\p{N}'’-]*(?:[.,]\d+)*%?/gu;

interface Token {
  raw: string;
  lower: string;
}

function tokenize(text: string): Token[] {
  return (text.match(TOKEN) ?? []).map((raw) => ({ raw, lower: raw.toLowerCase().replace(/’/g, "'").replace(/'s$/, '') }));
}

/** The word's valence: as written, else its plain form without a usual ending. */
function wordValence(lexicon: Lexicon, word: string): number | undefined {
  const direct = lexicon.words.get(word);
  if (direct !== undefined) return direct;
  const candidates: string[] = [];
  if (word.endsWith('ies')) candidates.push(word.slice(0, -3) + 'y');
  if (word.endsWith('ied')) candidates.push(word.slice(0, -3) + 'y');
  if (word.endsWith('es')) candidates.push(word.slice(0, -2));
  if (word.endsWith('s')) candidates.push(word.slice(0, -1));
  if (word.endsWith('ed')) candidates.push(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith('ing')) candidates.push(word.slice(0, -3), word.slice(0, -3) + 'e');
  for (const c of candidates) {
    const v = lexicon.words.get(c);
    if (v !== undefined) return v;
  }
  return undefined;
}

function isCaps(raw: string): boolean {
  return raw.length >= 2 && /\p{L}/u.test(raw) && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
}

export class LexiconScorer implements SentimentScorer {
  readonly name = 'lexicon';
  private readonly band: number;

  constructor(
    private readonly lexicon: Lexicon,
    options: LexiconScorerOptions = {},
  ) {
    this.band = options.neutralBand ?? 0.05;
  }

  async score(texts: readonly string[]): Promise<SentimentScore[]> {
    return texts.map((t) => {
      const { score, label } = this.scoreText(t);
      return { score, label };
    });
  }

  scoreText(text: string): ScoredText {
    const tokens = tokenize(text);
    const letters = tokens.filter((t) => /\p{L}/u.test(t.raw));
    const shouting = letters.length > 0 && letters.every((t) => isCaps(t.raw) || t.raw.length < 2);
    const items: { start: number; end: number; term: string; valence: number }[] = [];
    for (let i = 0; i < tokens.length; ) {
      let matched = false;
      for (let size = Math.min(this.lexicon.longestPhrase, tokens.length - i); size >= 2; size--) {
        const phrase = tokens.slice(i, i + size).map((t) => t.lower).join(' ');
        const v = this.lexicon.phrases.get(phrase);
        if (v !== undefined) {
          items.push({ start: i, end: i + size, term: phrase, valence: v });
          i += size;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      const v = wordValence(this.lexicon, tokens[i]!.lower);
      if (v !== undefined && v !== 0) items.push({ start: i, end: i + 1, term: tokens[i]!.lower, valence: v });
      i++;
    }
    const butAt = tokens.findIndex((t) => t.lower === 'but');
    const terms: ScoredText['terms'] = [];
    let sum = 0;
    for (const item of items) {
      let v = item.valence;
      const sign = Math.sign(v);
      // Emphasis by capitals: "Bitcoin CRASHES" (not in a headline written all in capitals).
      if (!shouting && item.end - item.start === 1 && isCaps(tokens[item.start]!.raw) && !ACRONYMS.has(item.term)) v += sign * CAPS_INCREMENT;
      let negated = false;
      for (let back = 1; back <= 3; back++) {
        const j = item.start - back;
        if (j < 0) break;
        if (items.some((o) => o !== item && j >= o.start && j < o.end)) continue;
        const word = tokens[j]!.lower;
        // A negation or an intensifier does not reach across "but".
        if (word === 'but') break;
        const boost = BOOSTERS.get(word);
        if (boost !== undefined) v += sign * boost * (1 - 0.05 * (back - 1));
        if (NEGATORS.has(word) || word.endsWith("n't")) negated = true;
      }
      if (negated) v *= NEGATION_SCALAR;
      if (butAt >= 0) v *= item.start < butAt ? BUT_BEFORE : BUT_AFTER;
      terms.push({ term: item.term, valence: v });
      sum += v;
    }
    if (sum !== 0) {
      const bangs = Math.min(4, (text.match(/!/g) ?? []).length);
      sum += Math.sign(sum) * bangs * EXCLAMATION;
    }
    const score = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + ALPHA)));
    return { score, label: labelOf(score, this.band), terms };
  }
}
