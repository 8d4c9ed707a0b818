// The sentiment lexicon: term → valence (−4 … +4), read from a tab-separated data file
// (lexicon.tsv beside this file by default). Phrases of up to MAX_PHRASE words are kept apart so
// the scorer can match the longest first.
import { readFile } from 'node:fs/promises';
import { AppError } from '../../shared/errors.js';

export const MAX_PHRASE = 5;

export interface Lexicon {
  /** Single words and emoji, lower-case. */
  readonly words: ReadonlyMap<string, number>;
  /** Phrases of 2 … MAX_PHRASE words, keyed by their words joined with one space. */
  readonly phrases: ReadonlyMap<string, number>;
  /** The longest phrase, in words. */
  readonly longestPhrase: number;
}

export class LexiconError extends AppError {
  constructor(message: string) {
    super('sentiment.lexicon_invalid', message);
  }
}

export const DEFAULT_LEXICON_PATH = new URL('./lexicon.tsv', import.meta.url);

/** Parses `term<TAB>valence` lines; # starts a comment line. A bad line is an error naming it. */
export function parseLexicon(text: string, source = 'lexicon'): Lexicon {
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  let longest = 1;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split('\t');
    const value = parts.length === 2 ? Number(parts[1]) : NaN;
    const term = parts[0]!.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!term || !Number.isFinite(value) || value < -4 || value > 4) throw new LexiconError(`${source} line ${i + 1}: expected "term<TAB>valence" with a valence from -4 to 4, got "${line}"`);
    const size = term.split(' ').length;
    if (size > MAX_PHRASE) throw new LexiconError(`${source} line ${i + 1}: a phrase has at most ${MAX_PHRASE} words`);
    if (size === 1) words.set(term, value);
    else {
      phrases.set(term, value);
      longest = Math.max(longest, size);
    }
  });
  return { words, phrases, longestPhrase: longest };
}

/** Reads a lexicon file (the bundled one by default). */
export async function loadLexicon(path: string | URL = DEFAULT_LEXICON_PATH): Promise<Lexicon> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new LexiconError(`cannot read the sentiment lexicon ${String(path)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseLexicon(text, String(path));
}
