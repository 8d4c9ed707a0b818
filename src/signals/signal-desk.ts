// The signal desk: the use cases a person reaches in the chat or the API — "should I buy sol?"
// (ask), "/signals" (survey of their pairs), "why?" (the last signal or proposal they were shown,
// explained) and the latest stored reading of a pair (latest). Channel-neutral: it answers data;
// each interface phrases it.
import type { Clock } from '../shared/clock.js';
import { AppError, userMessageOf } from '../shared/errors.js';
import type { SignalAnswer } from './signal-answer.js';

/** Where signals come from: SignalService in the app; a test may pass a source that is strong. */
export interface SignalSource {
  signalFor(symbol: string, timeframe?: string): Promise<SignalAnswer>;
}

/** What a proposal card said, kept so "why?" can explain it (see advisor-service.ts). */
export interface ProposalExplanation {
  readonly proposalId: string;
  readonly side: 'buy' | 'sell';
  readonly symbol: string;
  /** The size offered, e.g. "0.0193 BTC (≈ 1,000.00 USDT)", and how it was reached. */
  readonly size: string;
  readonly sizing: string;
}

/** The last thing shown that "why?" explains, with when that memory lapses. */
export type Explainable =
  | { readonly kind: 'signal'; readonly signal: SignalAnswer; readonly until: number }
  | { readonly kind: 'proposal'; readonly signal: SignalAnswer; readonly proposal: ProposalExplanation; readonly until: number };

/** A small key → JSON store (KvStoreRepo fits). */
export interface ExplanationMemory {
  read(key: string): Promise<Explainable | undefined>;
  write(key: string, value: Explainable): Promise<void>;
}

/** A stored technical reading (trading_signals), as the signals job wrote it. */
export interface StoredSignal {
  readonly symbol: string;
  readonly timeframe: string;
  readonly direction: 'buy' | 'sell' | 'hold';
  readonly score: number;
  readonly strength: number;
  readonly confidence: number;
  /** Close time (ms) of the candle read, and when it is replaced. */
  readonly at: number;
  readonly expiresAt: number;
  readonly price: number;
  readonly reasons: readonly string[];
  readonly indicators: Readonly<Record<string, number>>;
}

/** The store of technical readings (SignalRepo). */
export interface SignalStore {
  latest(symbol: string, timeframe: string, now: number): Promise<StoredSignal | undefined>;
}

export interface SignalDeskDeps {
  readonly source: SignalSource;
  readonly memory: ExplanationMemory;
  readonly clock: Clock;
  readonly store?: SignalStore;
  /** How long "why?" still explains what was shown (default an hour). */
  readonly rememberMs?: number;
}

export const WHY_REMEMBER_MS = 3_600_000;
/** At most this many pairs in one /signals list. */
export const SURVEY_MAX_PAIRS = 10;

export type SurveyLine = { readonly symbol: string; readonly signal: SignalAnswer } | { readonly symbol: string; readonly problem: string };

export class SignalDesk {
  constructor(private readonly deps: SignalDeskDeps) {}

  /** "should I buy sol?": the combined signal of a pair, remembered for "why?". */
  async ask(userId: number, symbol: string, timeframe = '1h'): Promise<SignalAnswer> {
    const signal = await this.deps.source.signalFor(symbol, timeframe);
    await this.remember(userId, { kind: 'signal', signal });
    return signal;
  }

  /** "/signals": the current signal of each pair (a pair that cannot be read says why, in words). */
  async survey(symbols: readonly string[], timeframe = '1h'): Promise<SurveyLine[]> {
    const lines: SurveyLine[] = [];
    for (const symbol of symbols.slice(0, SURVEY_MAX_PAIRS)) {
      try {
        lines.push({ symbol, signal: await this.deps.source.signalFor(symbol, timeframe) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        lines.push({ symbol, problem: userMessageOf(error) });
      }
    }
    return lines;
  }

  /** "why?": the last signal or proposal shown to this person, while it is remembered. */
  async why(userId: number): Promise<Explainable | undefined> {
    const found = await this.deps.memory.read(memoryKey(userId));
    return found && found.until > this.deps.clock.now() ? found : undefined;
  }

  /** Remembers what was shown (a signal here; a proposal card from the advisor). */
  async remember(userId: number, shown: Omit<Extract<Explainable, { kind: 'signal' }>, 'until'> | Omit<Extract<Explainable, { kind: 'proposal' }>, 'until'>): Promise<void> {
    const until = this.deps.clock.now() + (this.deps.rememberMs ?? WHY_REMEMBER_MS);
    await this.deps.memory.write(memoryKey(userId), { ...shown, until } as Explainable);
  }

  /** The latest stored technical reading of a pair that has not expired (the signals job writes them). */
  async latest(symbol: string, timeframe = '1h'): Promise<StoredSignal | undefined> {
    return this.deps.store?.latest(symbol, timeframe, this.deps.clock.now());
  }
}

const memoryKey = (userId: number) => String(userId);
