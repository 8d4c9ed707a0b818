import data from './coin-catalogue.json' with { type: 'json' };

/**
 * The coin catalogue shipped with the project (coin-catalogue.json): each ticker with the names,
 * nicknames and misspellings people use for it. Data, not rules: a new coin is one line there.
 */
export interface CatalogueCoin {
  ticker: string;
  names: readonly string[];
  /** Names that are also English words ("cosmos", "maker"): coins only where a sentence expects one. */
  wordy?: readonly string[];
  /** Bigger coins this ticker is often a slip for ("ava" for AVAX): the bot asks which one. */
  confusedWith?: readonly string[];
  /** False for coins the bundled exchange list does not carry (the name is known, the market is not). */
  listed?: boolean;
}

export const CATALOGUE: readonly CatalogueCoin[] = Object.freeze((data as { coins: CatalogueCoin[] }).coins);

/** Tickers of the catalogue the bundled exchange list carries. */
export function catalogueTickers(): string[] {
  return CATALOGUE.filter((c) => c.listed !== false).map((c) => c.ticker);
}

/**
 * Name → tickers it may mean, best first, in catalogue order. A name spelled like a ticker
 * ("matic") means that ticker first.
 */
export function catalogueNames(): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const c of CATALOGUE) {
    for (const raw of c.names) {
      const name = raw.trim().toLowerCase();
      if (name === '') continue;
      const list = names.get(name) ?? [];
      if (!list.includes(c.ticker)) list.push(c.ticker);
      names.set(name, list);
    }
  }
  for (const [name, list] of names) {
    const self = name.toUpperCase();
    if (list.length > 1 && list.includes(self)) names.set(name, [self, ...list.filter((t) => t !== self)]);
  }
  for (const c of CATALOGUE) {
    const self = c.ticker.toLowerCase();
    const list = names.get(self);
    if (list !== undefined && !list.includes(c.ticker)) names.set(self, [c.ticker, ...list]);
  }
  return names;
}

/** Names that are also English words. */
export function catalogueWordyNames(): Set<string> {
  return new Set(CATALOGUE.flatMap((c) => c.wordy ?? []));
}

/** Tickers (lower case) that are often a slip for a bigger coin ("ava": AVA or AVAX?). */
export function catalogueConfusables(): Set<string> {
  return new Set(CATALOGUE.filter((c) => (c.confusedWith ?? []).length > 0).map((c) => c.ticker.toLowerCase()));
}
