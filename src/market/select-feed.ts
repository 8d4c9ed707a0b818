import type { Clock } from '../shared/clock.js';
import { userMessageOf } from '../shared/errors.js';
import { loadRecordedBookMarketData } from './book-feed.js';
import { createCcxtExchange, DEFAULT_EXCHANGE_TIMEOUT_MS } from './ccxt-exchange.js';
import { LiveMarketData } from './live-feed.js';
import { loadReplayMarketData } from './replay-feed.js';
import type { MarketDataPort } from './types.js';

/** The two logger methods this needs; a pino Logger fits. */
export interface FeedLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export type MarketDataMode = 'replay' | 'book' | 'live' | 'auto';

export interface CreateMarketDataOptions {
  mode: MarketDataMode;
  clock: Clock;
  logger: FeedLogger;
  /** Candle folder for the replay (default: the repository's data/candles). */
  dataDir?: string;
  /** Folder of the recorded books for `book` (default: the repository's data/orderbook). */
  bookDir?: string;
  /** EXCHANGE_BASE_URL for the live feed. */
  baseUrl?: string;
  exchangeId?: string;
  /** How long auto mode waits for the exchange's market list before replaying instead. */
  probeTimeoutMs?: number;
  /** Per-request timeout of the live feed once chosen. */
  timeoutMs?: number;
  /** See REPLAY_ANCHOR_MS. */
  anchorMs?: number;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 3_000;

/**
 * replay: 2021 prices replayed on the wall clock, no network. book: the recorded Binance order
 * books and trades of data/orderbook (BTC/USDT, ETH/USDT), looping, no network. live: the exchange's public API.
 * auto: live when the exchange answers the market list within the probe timeout, else replay,
 * with one warning saying why — the demo keeps working on a machine without internet.
 */
export async function createMarketData(options: CreateMarketDataOptions): Promise<MarketDataPort> {
  const { clock, logger } = options;
  const replay = () => loadReplayMarketData({ clock, dataDir: options.dataDir, anchorMs: options.anchorMs });
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXCHANGE_TIMEOUT_MS;
  if (options.mode === 'replay') return replay();
  if (options.mode === 'book') return loadRecordedBookMarketData({ clock, ...(options.bookDir ? { dir: options.bookDir } : {}) });
  if (options.mode === 'live') {
    return new LiveMarketData({ clock, baseUrl: options.baseUrl, exchangeId: options.exchangeId, timeoutMs });
  }

  const probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  let reason: string;
  try {
    const exchange = await createCcxtExchange({ clock, baseUrl: options.baseUrl, exchangeId: options.exchangeId, timeoutMs: probeTimeoutMs });
    const live = new LiveMarketData({ clock, exchange });
    await live.connect();
    exchange.timeout = timeoutMs; // the probe's short timeout was only for deciding
    logger.info({ marketData: 'live', exchange: exchange.id, baseUrl: options.baseUrl }, 'Market data: live exchange');
    return live;
  } catch (error) {
    reason = error instanceof Error ? error.message : userMessageOf(error);
  }
  const feed = await replay();
  logger.warn(
    { marketData: 'replay', reason, baseUrl: options.baseUrl, probeTimeoutMs },
    `Live market data unreachable (${reason}); replaying Binance prices of 2020-12 → 2021-07 on the wall clock instead`,
  );
  return feed;
}
