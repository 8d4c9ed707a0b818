import type { AssetCatalog, CommandParser, ParseResult } from '../contract.js';
import type { Logger } from '../../shared/logger.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { isOutage, LlmFailure } from './llm-failure.js';
import type { CancellableContext } from './llm-parser.js';

/** A parser that can be told to give up (the LLM parser): the signal aborts its HTTP request. */
export interface CancellableParser {
  parse(text: string, context: CancellableContext): Promise<ParseResult>;
}

export interface FallbackParserOptions {
  /** The primary's whole budget; after it the request is aborted and the fallback answers. */
  timeoutMs: number;
  breaker?: CircuitBreaker;
  /** Given both answers and the message when the primary succeeded: which one to return (see cross-check.ts). */
  reconcile?: (primary: ParseResult, fallback: ParseResult, message: { text: string; catalog: AssetCatalog }) => ParseResult;
}

/**
 * Asks the primary parser (the LLM) and, whenever it cannot answer in time with a contract-valid
 * command, returns the fallback's (offline) answer instead. The user notices nothing but the
 * answer; the log gets one warn line with the reason code — never the message text, never the
 * error's own text (it may quote the API key). Never throws.
 */
export class FallbackParser implements CommandParser {
  constructor(
    private readonly primary: CancellableParser,
    private readonly fallback: CommandParser,
    private readonly logger: Logger,
    private readonly options: FallbackParserOptions,
  ) {}

  async parse(text: string, context: { catalog: AssetCatalog }): Promise<ParseResult> {
    const { breaker } = this.options;
    if (breaker !== undefined && !breaker.tryAcquire()) {
      // Debug only: during an outage every message takes this path; the opening was logged once.
      this.logger.debug({ reason: 'llm.circuit_open' }, 'LLM skipped; offline parser answered');
      return this.fallbackAnswer(text, context);
    }

    const started = performance.now();
    let result: ParseResult;
    try {
      result = await this.primaryWithDeadline(text, context);
    } catch (error) {
      const failure = error instanceof LlmFailure ? error : new LlmFailure('primary_error', { cause: error });
      this.recordOutcome(failure);
      // Our own reason code and detail only (fixed strings): the SDK's error text stays out.
      const detail = failure.message === failure.code ? undefined : failure.message;
      this.logger.warn(
        { reason: failure.code, detail, status: failure.status, elapsedMs: Math.round(performance.now() - started) },
        'LLM parse failed; offline parser answered',
      );
      return this.fallbackAnswer(text, context);
    }
    this.recordOutcome(undefined);
    if (this.options.reconcile === undefined) return result;
    return this.options.reconcile(result, await this.fallbackAnswer(text, context), { text, catalog: context.catalog });
  }

  /** Races the primary against the deadline; on the deadline the request itself is aborted. */
  private async primaryWithDeadline(text: string, context: { catalog: AssetCatalog }): Promise<ParseResult> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new LlmFailure('timeout'));
      }, this.options.timeoutMs);
    });
    const answer = Promise.resolve().then(() => this.primary.parse(text, { ...context, signal: controller.signal }));
    // The loser of the race still settles later (an abort error): keep it from going unhandled.
    answer.catch(() => undefined);
    try {
      return await Promise.race([answer, deadline]);
    } catch (error) {
      // Whatever the primary threw after our abort (APIUserAbortError, ...) is a timeout.
      if (controller.signal.aborted) throw new LlmFailure('timeout', { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private recordOutcome(failure: LlmFailure | undefined): void {
    const { breaker } = this.options;
    if (breaker === undefined) return;
    const reason = failure?.reason;
    if (reason === undefined || !isOutage(reason)) {
      // The service answered (perhaps oddly for this one message): it is up.
      if (breaker.recordSuccess()) this.logger.info('LLM circuit closed; LLM parser back in use');
      return;
    }
    if (breaker.recordFailure(failure?.retryAfterMs)) {
      this.logger.warn({ reason: failure?.code }, 'LLM circuit open; offline parser answers alone for a while');
    }
  }

  private async fallbackAnswer(text: string, context: { catalog: AssetCatalog }): Promise<ParseResult> {
    try {
      return await this.fallback.parse(text, context);
    } catch (error) {
      // The offline parser does not throw; if it ever does, "not understood" is still an answer.
      this.logger.error({ errName: error instanceof Error ? error.name : typeof error }, 'fallback parser failed');
      return { command: { intent: 'unknown' }, confidence: 0, parser: 'offline' };
    }
  }
}
