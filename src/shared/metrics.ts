/**
 * What the core counts, in its own words: no metrics library here (prom-client is an adapter in
 * src/api/metrics). Label values are from small fixed sets — never a user, a chat or a symbol.
 */
export interface Metrics {
  updateHandled(result: 'ok' | 'error'): void;
  /** A message read: which parser, and whether it found an intent. */
  parsed(parser: string, outcome: 'intent' | 'unknown' | 'number_problem'): void;
  previewed(kind: 'order' | 'cancel', outcome: 'ready' | 'blocked'): void;
  /** A confirmation's outcome: executed, failed, already, expired, not_found, not_owner, unresolved, confirm_twice. */
  confirmed(outcome: string): void;
  /** An order reached this status on this exchange (paper, binance, …: the supported set). */
  order(status: string, exchange: string): void;
  /** From a confirmation's claim to the exchange's answer, in seconds. */
  confirmToExchange(seconds: number, exchange: string): void;
  exchangeError(exchange: string, code: string): void;
  jobRun(job: string, result: 'ok' | 'error', seconds: number): void;
  /** A notification reached the chat this long after it was written (waits for rate limits and retries included). */
  notificationDelivered(seconds: number, urgent: boolean): void;
}

export const noMetrics: Metrics = {
  updateHandled: () => {},
  parsed: () => {},
  previewed: () => {},
  confirmed: () => {},
  order: () => {},
  confirmToExchange: () => {},
  exchangeError: () => {},
  jobRun: () => {},
  notificationDelivered: () => {},
};
