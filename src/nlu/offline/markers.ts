import { DOWN_WORDS, EACH_WORDS, UP_WORDS } from './lexicon.js';
import { word, type Tok } from './tokens.js';

const PRICE_BEFORE = new Set(['at', 'price', 'limit', 'hits', 'hit', 'reaches', 'reach', 'touches', 'touch', 'crosses', 'trades', 'breaks']);
const MOVE_BEFORE_TO = new Set([...UP_WORDS, ...DOWN_WORDS, 'goes', 'go', 'gets', 'get', 'comes', 'come', 'back', 'moves', 'falls', 'drops', 'hits']);

/** "at 55k", "for 28 each", "if it dips to 140", "under 3000", "0.45 or better": a stated price. */
export function priceMarked(toks: readonly Tok[], i: number): boolean {
  const prev = word(toks, i - 1);
  if (PRICE_BEFORE.has(prev) || UP_WORDS.has(prev) || DOWN_WORDS.has(prev)) return prev !== 'up' && prev !== 'down';
  // "compra 0.5 btc a 60000": "a" (Spanish, Italian) after a coin states the price.
  if (prev === 'a' && toks[i - 2]?.coin !== undefined && toks[i + 1]?.coin === undefined) return true;
  // "buy eth near 2900", "sell sol around 180": the price wanted ("around 2 eth" is a size).
  if ((prev === 'near' || prev === 'around') && toks[i + 1]?.coin === undefined && toks[i - 2]?.coin !== undefined) return true;
  if (prev === 'of' && (word(toks, i - 2) === 'price' || word(toks, i - 2) === 'limit')) return true;
  if (prev === 'than' && (UP_WORDS.has(word(toks, i - 2)) || DOWN_WORDS.has(word(toks, i - 2)) || word(toks, i - 2) === 'more')) return true;
  // "28 each", "70000 usdt each"
  if (EACH_WORDS.has(word(toks, i + 1)) || (toks[i + 1]?.coin !== undefined && EACH_WORDS.has(word(toks, i + 2)))) return true;
  if (prev === 'to') {
    for (let j = i - 2; j >= 0 && j >= i - 4; j--) if (MOVE_BEFORE_TO.has(word(toks, j))) return true;
  }
  return false;
}

