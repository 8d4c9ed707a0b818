// Lab requests in a chat's words: "backtest rsi on btc for 2021", "monte carlo on that", "how would
// the rl agent have done?". Read here, before the command parser, because the parse contract has no
// lab intent (it stays as it is for every other message). Pure: the coin reader is passed in.

export type LabPhrase =
  | { kind: 'backtest'; strategy: string | null; coin: string | null; coinText: string | null; year?: number; from?: string; to?: string }
  | { kind: 'monte-carlo'; scenarios?: number; seed?: number }
  | { kind: 'rl' };

const BACKTEST = /^\s*(?:\/backtest(?:@\w+)?|(?:can you |please |pls )?(?:run an? |do an? )?back[- ]?test)\b(.*)$/is;
const MONTE_CARLO = /\bmonte[- ]?carlo\b/i;
const RL = /\b(?:rl|reinforcement[- ]learning)(?: agent| bot| model)?\b/i;
const RL_QUESTION = /\b(?:agent|how would|how did|would have|backtest|try|run|test)\b/i;
const STRATEGY_WORDS = /\b(rsi(?:[- ]reversion)?|ema(?:[- ]cross)?|ma[- ]cross|crossover|mean[- ]reversion|macd|bollinger|[a-z]+[- ]?strategy)\b/i;
const DATE = '(\\d{4}-\\d{2}-\\d{2})';

/** What lab work a message asks for, or null when it asks for none. */
export function readLabPhrase(text: string, coinOf: (word: string) => string | null): LabPhrase | null {
  const backtest = BACKTEST.exec(text);
  if (backtest) {
    const rest = backtest[1]!.trim();
    // "backtest the rl agent": the agent's walk-forward.
    if (RL.test(rest)) return { kind: 'rl' };
    return { kind: 'backtest', ...backtestParts(rest, coinOf) };
  }
  if (MONTE_CARLO.test(text)) {
    const scenarios = /\b(\d{2,5})\s*(?:scenarios|runs|paths|sims|simulations)\b/i.exec(text);
    const seed = /\bseed\s*(\d{1,10})\b/i.exec(text);
    return { kind: 'monte-carlo', ...(scenarios ? { scenarios: Number(scenarios[1]) } : {}), ...(seed ? { seed: Number(seed[1]) } : {}) };
  }
  if (RL.test(text) && RL_QUESTION.test(text)) return { kind: 'rl' };
  return null;
}

function backtestParts(rest: string, coinOf: (word: string) => string | null): Omit<Extract<LabPhrase, { kind: 'backtest' }>, 'kind'> {
  let remaining = ` ${rest.toLowerCase()} `;
  const period: { year?: number; from?: string; to?: string } = {};
  const range = new RegExp(`\\b(?:from\\s+)?${DATE}\\s*(?:to|until|->|→|-)\\s*${DATE}`).exec(remaining);
  if (range) {
    period.from = range[1]!;
    period.to = range[2]!;
    remaining = remaining.replace(range[0], ' ');
  } else {
    const since = new RegExp(`\\b(?:from|since)\\s+${DATE}`).exec(remaining);
    if (since) {
      period.from = since[1]!;
      remaining = remaining.replace(since[0], ' ');
    }
    const year = /\b(?:in|for|during|over)?\s*((?:19|20)\d\d)\b/.exec(remaining);
    if (year && !since) {
      period.year = Number(year[1]);
      remaining = remaining.replace(year[0], ' ');
    }
  }
  const strategyMatch = STRATEGY_WORDS.exec(remaining);
  const strategy = strategyMatch ? strategyMatch[1]!.replace(/[- ]?strategy$/, '') : null;
  if (strategyMatch) remaining = remaining.replace(strategyMatch[0], ' ');
  // The coin: the first word left that names one ("on btc", "for ethereum", "sol").
  const words = remaining.split(/[^a-z0-9/]+/).filter((w) => w && !FILLER.has(w));
  let coin: string | null = null;
  let coinText: string | null = null;
  for (const word of words) {
    const found = coinOf(word);
    if (found) {
      coin = found;
      coinText = word;
      break;
    }
  }
  if (!coin && words.length > 0) coinText = words[0]!;
  return { strategy, coin, coinText, ...period };
}

const FILLER = new Set(['on', 'for', 'of', 'the', 'a', 'an', 'with', 'in', 'over', 'during', 'strategy', 'please', 'pls', 'using', 'me', 'my', 'it', 'year', 'last', 'and', 'to', 'how', 'would', 'have', 'done', 'did', 'do']);
