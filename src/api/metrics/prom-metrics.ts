import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from '../../shared/metrics.js';

export const METRICS_PREFIX = 'parley_';

export interface PromMetrics extends Metrics {
  registry: Registry;
  /** The notification outbox, read at each scrape. */
  watchOutbox(depth: () => Promise<{ due: number; held: number }>): void;
  /** Websocket clients connected to this process, read at each scrape. */
  watchWebsockets(count: () => number): void;
}

/** Known exchanges keep their name; anything else is "other" (a label never grows with input). */
const KNOWN_EXCHANGES = new Set(['paper', 'binance', 'kraken', 'coinbase']);
const exchangeLabel = (name: string) => (KNOWN_EXCHANGES.has(name.toLowerCase()) ? name.toLowerCase() : 'other');
/** Error codes are ours (order.insufficient_funds, …): cut to the family and a bounded length. */
const codeLabel = (code: string) => (/^[a-z_]{1,30}(\.[a-z_]{1,40})?$/.test(code) ? code : 'other');

/** The Metrics port on prom-client: parley_ prefix, base units (seconds), _total on counters, the process defaults. */
export function createPromMetrics(): PromMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRICS_PREFIX });
  const p = (name: string) => `${METRICS_PREFIX}${name}`;
  const updates = new Counter({ name: p('telegram_updates_handled_total'), help: 'Telegram updates handled, by result', labelNames: ['result'], registers: [registry] });
  const parses = new Counter({ name: p('messages_parsed_total'), help: 'Messages read by a parser, by parser and outcome', labelNames: ['parser', 'outcome'], registers: [registry] });
  const previews = new Counter({ name: p('previews_total'), help: 'Previews made, by kind and whether they can be confirmed', labelNames: ['kind', 'outcome'], registers: [registry] });
  const confirmations = new Counter({ name: p('confirmations_total'), help: 'Confirmation attempts, by outcome', labelNames: ['outcome'], registers: [registry] });
  const orders = new Counter({ name: p('orders_total'), help: 'Orders that reached a status when confirmed, by status and exchange', labelNames: ['status', 'exchange'], registers: [registry] });
  const latency = new Histogram({
    name: p('confirm_to_exchange_seconds'), help: 'From a confirmation to the exchange’s answer', labelNames: ['exchange'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  const exchangeErrors = new Counter({ name: p('exchange_errors_total'), help: 'Orders refused or failed at the exchange, by exchange and error code', labelNames: ['exchange', 'code'], registers: [registry] });
  const jobRuns = new Counter({ name: p('job_runs_total'), help: 'Job runs, by job and result', labelNames: ['job', 'result'], registers: [registry] });
  const deliverySeconds = new Histogram({
    name: p('notification_delivery_seconds'), help: 'From a notification being written to the outbox to Telegram taking it, by urgency', labelNames: ['urgency'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300], registers: [registry],
  });
  const jobSeconds = new Histogram({ name: p('job_duration_seconds'), help: 'Job run time', labelNames: ['job'], buckets: [0.005, 0.025, 0.1, 0.5, 1, 5, 30], registers: [registry] });
  let sockets: (() => number) | undefined;
  new Gauge({
    name: p('websocket_clients'), help: 'Websocket clients connected to this process (the web view and API streams)', registers: [registry],
    collect() {
      this.set(sockets ? sockets() : 0);
    },
  });
  let outbox: (() => Promise<{ due: number; held: number }>) | undefined;
  new Gauge({
    name: p('outbox_notifications'), help: 'Notifications waiting in the outbox: due now, or held (digests, retries)', labelNames: ['state'], registers: [registry],
    async collect() {
      if (!outbox) return;
      const depth = await outbox().catch(() => null);
      if (depth) {
        this.set({ state: 'due' }, depth.due);
        this.set({ state: 'held' }, depth.held);
      }
    },
  });
  return {
    registry,
    watchOutbox: (depth) => void (outbox = depth),
    watchWebsockets: (count) => void (sockets = count),
    updateHandled: (result) => updates.inc({ result }),
    parsed: (parser, outcome) => parses.inc({ parser: parser === 'llm' || parser === 'offline' ? parser : 'other', outcome }),
    previewed: (kind, outcome) => previews.inc({ kind, outcome }),
    confirmed: (outcome) => confirmations.inc({ outcome: codeLabel(outcome) }),
    order: (status, exchange) => orders.inc({ status: codeLabel(status), exchange: exchangeLabel(exchange) }),
    confirmToExchange: (seconds, exchange) => latency.observe({ exchange: exchangeLabel(exchange) }, seconds),
    exchangeError: (exchange, code) => exchangeErrors.inc({ exchange: exchangeLabel(exchange), code: codeLabel(code) }),
    notificationDelivered: (seconds, urgent) => deliverySeconds.observe({ urgency: urgent ? 'urgent' : 'normal' }, Math.max(0, seconds)),
    jobRun: (job, result, seconds) => {
      const name = /^[a-z]{1,20}\.[a-zA-Z]{1,30}$/.test(job) ? job : 'other';
      jobRuns.inc({ job: name, result });
      jobSeconds.observe({ job: name }, seconds);
    },
  };
}
