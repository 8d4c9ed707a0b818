import { z } from 'zod';
import { isEncryptionKeyText } from '../shared/secret-box.js';

/**
 * Every setting Parley reads, its default and what it does. The README's settings table
 * is written from this file; `loadConfig` parses it once, in main.ts.
 */
const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalUrl = (protocols: string[], hint: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      }, hint)
      .optional(),
  );

const ENCRYPTION_KEY_HINT = 'must be 64 hex characters or base64 of 32 random bytes (e.g. `openssl rand -hex 32`)';

export const envSchema = z.object({
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  // No default here: it depends on the mode (loadConfig).
  HOST: z.preprocess(emptyToUndefined, z.string().optional()),
  BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must look like 123456789:AA… (the token @BotFather gave you)').optional(),
  ),
  TELEGRAM_API_ROOT: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.telegram.org' }).default('https://api.telegram.org')),
  WEBHOOK_URL: optionalUrl(['https:', 'http:'], 'must be the public http(s) URL Telegram should call, e.g. https://bot.example.com/telegram/webhook'),
  WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A–Z, a–z, 0–9, _ or - (Telegram’s rule for secret_token)').optional(),
  ),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:'], 'must be a postgres:// URL'),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./.parley')),
  REDIS_URL: optionalUrl(['redis:', 'rediss:'], 'must be a redis:// URL'),
  MARKET_DATA: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(['replay', 'book', 'live', 'auto'], { error: 'must be replay, book, live or auto' }).default('replay'),
  ),
  EXCHANGE_BASE_URL: optionalUrl(['https:', 'http:'], 'must be an http(s) base URL'),
  EXCHANGE_WS_URL: optionalUrl(['wss:', 'ws:'], 'must be a ws(s):// URL such as wss://stream.binance.com:9443/ws'),
  MARKET_STREAM: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(['auto', 'off'], { error: 'must be auto or off' }).default('auto'),
  ),
  ENCRYPTION_KEY: z.preprocess(emptyToUndefined, z.string().refine(isEncryptionKeyText, ENCRYPTION_KEY_HINT).optional()),
  ENCRYPTION_KEY_PREVIOUS: z.preprocess(emptyToUndefined, z.string().refine(isEncryptionKeyText, ENCRYPTION_KEY_HINT).optional()),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  ),
  OPENAI_API_KEY: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
  OPENAI_BASE_URL: optionalUrl(['https:', 'http:'], 'must be an http(s) URL of an OpenAI-compatible API, e.g. http://localhost:11434/v1'),
  OPENAI_MODEL: z.preprocess(emptyToUndefined, z.string().min(1).default('gpt-4o-mini')),
  OPENAI_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(60_000).default(3000)),
  PAPER_START_USDT: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(1e12).default(10_000)),
  PAPER_TAKER_FEE: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(0.05).default(0.001)),
  PREVIEW_TTL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(10).max(3600).default(60)),
  ROUTE_SPLIT_MIN_BPS: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1000).default(5)),
  ROUTE_SPLIT_MIN_QUOTE: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1e9).default(1)),
  ROUTE_LATENCY_BPS_PER_100MS: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(100).default(0.5)),
  ROUTE_ERROR_BPS_PER_PCT: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(100).default(1)),
  HISTORY_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3650).default(90)),
  ORDER_SUBMIT_GRACE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3600).default(30)),
  RECONCILE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(86_400).default(60)),
  PUBLIC_URL: optionalUrl(['https:', 'http:'], 'must be the http(s) address people open Parley at, e.g. https://bot.example.com'),
  WEB_LINK_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().min(0.1).max(1440).default(15)),
  SIGNAL_PAIRS: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Z0-9]+\/[A-Z0-9]+(,[A-Z0-9]+\/[A-Z0-9]+)*$/, 'a comma-separated list of pairs such as BTC/USDT,ETH/USDT').default('BTC/USDT,ETH/USDT,SOL/USDT,XRP/USDT,ADA/USDT')),
  ADVISOR_MAX_PROPOSALS_PER_DAY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(50).default(3)),
  PROPOSAL_TTL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(60).max(86_400).default(900)),
  SIGNALS_RETRAIN_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(365).default(7)),
  JWT_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional()),
  CORS_ORIGINS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => v.split(',').every((o) => { try { const u = new URL(o.trim()); return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o.trim().replace(/\/$/, ''); } catch { return false; } }), 'must be a comma-separated list of origins such as https://app.example.com')
      .optional(),
  ),
  API_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100_000).default(120)),
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
});

export type Env = z.input<typeof envSchema>;
export type Config = z.output<typeof envSchema>;

/** Human-readable descriptions, used by the README and `--help`. */
export const SETTINGS_DOC: Record<keyof Config, string> = {
  PORT: 'HTTP port for the webhook, API, health check and playground.',
  HOST: 'Interface to listen on. Unset: 0.0.0.0 with a BOT_TOKEN; 127.0.0.1 without one, as the playground has no login (set HOST=0.0.0.0 to open it to the network).',
  BOT_TOKEN: 'Telegram bot token from @BotFather. Unset: the chat playground is served at / instead.',
  TELEGRAM_API_ROOT: 'Bot API server (Telegram’s, or a local telegram-bot-api server).',
  WEBHOOK_URL: 'Public URL Telegram posts updates to; the path is served by Parley. Unset: long polling.',
  WEBHOOK_SECRET: 'secret_token Telegram sends back in a header. Unset: derived from BOT_TOKEN, so every instance agrees.',
  DATABASE_URL: 'PostgreSQL URL. Unset: embedded PGlite under DATA_DIR.',
  DATA_DIR: 'Where embedded data (PGlite) lives.',
  REDIS_URL: 'Redis URL for the BullMQ job queue. Unset: in-process jobs.',
  MARKET_DATA: 'replay (bundled real candles), book (a recorded Binance order book and its trades, BTC/USDT and ETH/USDT, looping: paper fills walk its levels and resting orders fill from its trades), live (public prices through ccxt) or auto (live, falling back to replay).',
  EXCHANGE_BASE_URL: 'Send the exchange’s REST calls to another base URL (a proxy or a test server).',
  EXCHANGE_WS_URL: 'Connect the exchange’s market streams (spot websocket) to another URL (a proxy or a test server). With EXCHANGE_BASE_URL set and this unset, live mode streams nothing and prices come from the REST poll only.',
  MARKET_STREAM: 'auto: price alerts are checked on every tick of a market stream — the exchange’s websocket in live mode (trades and tickers, REST poll while it is down), the replayed candles every second otherwise — held by one process (a lease in Redis, or the database) and shared over Redis pub/sub. off: only the 5-second checking pass.',
  ENCRYPTION_KEY: 'Key (64 hex characters or base64 of 32 bytes) that encrypts exchange API keys at rest. Unset: /connect refuses and only paper trading is available.',
  ENCRYPTION_KEY_PREVIOUS: 'The key used before a rotation: only decrypts, and keys are re-encrypted under ENCRYPTION_KEY when next used.',
  LOG_LEVEL: 'pino log level.',
  OPENAI_API_KEY: 'Key for the LLM parser. Unset: the offline parser alone.',
  OPENAI_BASE_URL: 'Any OpenAI-compatible server (Ollama, vLLM, llama.cpp). Unset: OpenAI.',
  OPENAI_MODEL: 'Model used by the LLM parser.',
  OPENAI_TIMEOUT_MS: 'After this, the offline parser answers instead.',
  PAPER_START_USDT: 'Paper balance a new user starts with.',
  PAPER_TAKER_FEE: 'Paper taker fee as a fraction (0.001 = 0.1%).',
  PREVIEW_TTL_SECONDS: 'How long a trade preview can be confirmed.',
  ROUTE_SPLIT_MIN_BPS: 'A routed order ("wherever it’s cheapest") is split across venues only when that saves at least this many basis points against the best single venue…',
  ROUTE_SPLIT_MIN_QUOTE: '…and at least this much in the quote currency (both must hold).',
  ROUTE_LATENCY_BPS_PER_100MS: 'Router penalty: basis points added to a venue’s price per 100 ms of its p99 latency (measured on its own requests).',
  ROUTE_ERROR_BPS_PER_PCT: 'Router penalty: basis points added per percentage point of a venue’s recent error-and-timeout rate.',
  HISTORY_RETENTION_DAYS: 'How long each message and its answer are kept in command_history.',
  ORDER_SUBMIT_GRACE_SECONDS: 'An order still “being placed” after this is looked up on its exchange by client order id (recovery after a crash).',
  RECONCILE_SECONDS: 'How often live accounts are compared with their exchanges: orders and balance changes made outside Parley are reported.',
  PUBLIC_URL: 'Address people open Parley at, for the links it sends (/web). Unset: the origin of WEBHOOK_URL, else http://localhost:PORT.',
  WEB_LINK_MINUTES: 'How long a /web link can be opened (once), and how long the read-only view it opens lasts. Fractions allowed.',
  SIGNAL_PAIRS: 'Pairs the signals job reads on every closed 1h candle and stores in trading_signals (pairs someone watches are added).',
  ADVISOR_MAX_PROPOSALS_PER_DAY: 'Advisor mode: at most this many proposal cards per person per UTC day.',
  PROPOSAL_TTL_SECONDS: 'Advisor mode: how long a proposal card can be confirmed.',
  SIGNALS_RETRAIN_DAYS: 'Retrain the signal models (in a worker thread, minutes of CPU) once the newest set is this many days old; 0: never.',
  JWT_SECRET: 'Key the REST API signs its tokens with (32+ characters). Unset: a key generated once and kept in the database, so every instance agrees.',
  CORS_ORIGINS: 'Comma-separated browser origins allowed to call the REST API. Unset: no cross-origin calls.',
  API_RATE_LIMIT_PER_MINUTE: 'REST API requests allowed per minute per user and per IP address (the auth routes allow a tenth of it per IP); shared in Redis when REDIS_URL is set.',
  METRICS_TOKEN: 'Bearer token GET /metrics requires. Unset: /metrics is open (keep it off the public network).',
};
