import { catalogueNames, catalogueWordyNames } from '../coin-catalogue.js';

/**
 * Names and nicknames people use for coins, each mapped to the tickers it may mean, best first
 * (the first one the exchange lists wins: "polygon" is MATIC where listed, else POL). They come
 * from the shipped catalogue (../coin-catalogue.json). Tickers themselves need no entry: any
 * ticker the catalog lists is accepted as written.
 */
export const COIN_NAMES: Readonly<Record<string, readonly string[]>> = Object.freeze(Object.fromEntries(catalogueNames()));

/** Names that are also ordinary words: read as coins only where the sentence expects one. */
export const WORDY_NAMES: ReadonlySet<string> = catalogueWordyNames();

/**
 * Listed tickers that read as ordinary words; they need a number, a trade verb, a pair or
 * capitals before they count as coins ("sell 40 op", "stop loss on LINK").
 */
export const WORDY_TICKERS: ReadonlySet<string> = new Set([
  'one', 'near', 'op', 'uni', 'link', 'dot', 'atom', 'gas', 'bat', 'sun', 'hot', 'mask', 'cake', 'ape', 'magic',
  'sand', 'mana', 'rare', 'flow', 'dash', 'waves', 'gala', 'sushi', 'ocean', 'bond', 'comp', 'key', 'fun', 'win',
  'high', 'hook', 'joe', 'lit', 'loom', 'og', 'om', 'people', 'portal', 'ray', 'req', 'super', 'trump', 'move',
  'act', 'dogs', 'cow', 'turbo', 'pixel', 'meme', 'ace', 'ai', 'alt', 'form', 'data', 'dent', 'sign', 'io',
  'edu', 'cyber', 'ton', 'chess', 'alpha', 'front', 'quick', 'zen', 'band', 'lever', 'hard', 'wing', 'core',
  'usual', 'banana', 'saga', 'blur', 'vanry', 'mint', 'open', 'big', 'cat', 'bome', 'pond', 'glm',
  'hyper', 'bio', 'virtual', 'init', 'nil', 'cookie', 'red', 'home', 'shell', 'parti', 'plume', 'orca', 'resolv',
  'sahara', 'ramp', 'farm', 'dock', 'burger', 'auction', 'multi', 'city', 'bar', 'porto', 'alpine', 'badger',
  'iris', 'atm', 'acm', 'juv', 'psg', 'santos', 'lazio', 'layer', 'kaito', 'ach', 'dia', 'key', 'prom', 'pros',
  'troy', 'wan', 'vite', 'mir', 'gft', 'slf', 'tst', 'ark', 'bb', 'sc', 'mc', 'ar', 'red', 'token', 'coin',
  'etc', 'audio', 'alice', 'rad', 'flux', 'combo', 'forth', 'dodo', 'elf', 'rune', 'cop', 'ron', 'rub', 'ars', 'ava',
  'vic', 'tru', 'woo', 'ong', 'perp', 'sys', 'vib', 'apt', 'dar', 'syn', 'uma', 'omni', 'rez', 'amb', 'bel', 'ern',
  'ata', 'fis', 'pha', 'ens', 'ont', 'vana', 'scr', 'snt', 'aud', 'rei', 'gas', 'win', 'ton', 'nil', 'the',
]);

/**
 * Tickers spelled like the shortest, commonest words ("for", "it", "me", "not"): only a number
 * right before them, a pair, or a glued pair makes them coins ("buy 100 NOT").
 */
export const FUNCTION_TICKERS: ReadonlySet<string> = new Set([
  'for', 'it', 'me', 'not', 'a', 'i', 'is', 'on', 'in', 'at', 'to', 'up', 'so', 'of', 'or', 'my', 'no', 'go',
  'do', 'be', 'we', 'us', 'he', 'an', 'as', 'by', 'if', 'ok', 'hi', 'all', 'any', 'the', 'and', 'now', 'get',
  'buy', 'sell', 'am', 'can', 'you', 'are', 'was', 'has', 'had', 'but', 'out', 'off', 'new', 'per', 'pls', 'id',
  // "bal" is chat for balance far more often than Balancer: a coin only as "10 bal" or "BAL/USDT".
  'bal',
]);

/** Quote assets tried, in order, when splitting a glued pair ("SOLUSDT", "ethbtc"). */
export const GLUED_QUOTES: readonly string[] = [
  'USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'USDP', 'DAI', 'BTC', 'ETH', 'BNB', 'EUR', 'TRY', 'BRL', 'GBP',
  'AUD', 'JPY', 'USD', 'XRP', 'DOGE', 'TRX', 'SOL',
];

/** Quote priority for a pair of two named coins ("swap eth to btc"): the one earlier is the quote. */
export const QUOTE_PRIORITY: readonly string[] = [
  'USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'EUR', 'TRY', 'BRL', 'GBP', 'BTC', 'ETH', 'BNB',
];

/** Satoshis: counted in BTC (1 sat = 1e-8 BTC). */
export const SATS_WORDS: ReadonlySet<string> = new Set(['sats', 'sat', 'satoshi', 'satoshis']);
