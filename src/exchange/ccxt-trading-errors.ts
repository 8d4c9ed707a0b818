import { ccxtErrorClasses, translateCcxtError } from '../market/ccxt-errors.js';
import type { Market } from '../market/types.js';
import { AppError, InsufficientFunds, InvalidOrder, NotFound, TemporaryError, UnknownSymbol } from '../shared/errors.js';

/*
 * Trading errors from ccxt → the project's, on top of translateCcxtError (which covers the network,
 * rate limits and ccxt's classes). Binance's own codes are read from the body ccxt quotes, because
 * ccxt's mapping depends on the host (api.binance.com vs EXCHANGE_BASE_URL) and turns filter
 * failures into generic errors: the user should read which rule the order broke.
 */

/** The exchange already holds an order with this client id (Binance: -2010 "Duplicate order sent."). */
export class DuplicateClientOrderId extends InvalidOrder {
  constructor(options?: { cause?: unknown; detail?: string }) {
    super('The exchange already has an order with this id.', options);
  }
}

/** The order broke one of the exchange's filters (lot size, price step, minimum value, …). */
export class ExchangeRuleBroken extends InvalidOrder {
  constructor(
    readonly filter: string,
    userMessage: string,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(userMessage, options);
  }
}

/**
 * An order not sent because the exchange's Retry-After is still running: a clear "nothing was
 * placed", unlike a RateLimited answer to the order itself.
 */
export class SendingPaused extends AppError {
  constructor(readonly retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super('exchange.paused', `The exchange asked Parley to slow down. Nothing was sent; please try again in ${seconds} s.`);
  }
}

export interface TradingErrorContext {
  operation: 'createOrder' | 'cancelOrder' | 'read';
  symbol?: string;
  market?: Market;
  side?: 'buy' | 'sell';
}

const AUTH_MESSAGE = "The exchange refused the API key or its signature. Check the key, the secret and the key's permissions.";

/**
 * Removes request signatures and the account's credentials from text. ccxt puts the full URL of a
 * failed GET or DELETE in its messages, signature included, and pino logs an error's causes too.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text.replace(/\b(signature|sign|api_?key|apikey|passphrase)=[^&\s"']+/gi, '$1=[redacted]');
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  return out;
}

/** Scrubs an error's message and stack in place, and those of its causes. */
export function scrubError(error: unknown, secrets: readonly string[]): void {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    e.message = scrubText(e.message, secrets);
    if (e.stack) e.stack = scrubText(e.stack, secrets);
  }
}

/**
 * Binance's { code, msg } as quoted in a ccxt error message ('binance {"code":-2010,"msg":"…"}'), or
 * just the msg where ccxt matched the message itself and quoted it bare ("binance Stop price would …").
 */
export function binanceErrorOf(error: unknown): { code?: number; msg: string } | undefined {
  const message = error instanceof Error ? error.message : '';
  if (!message.startsWith('binance ')) return undefined;
  const match = /"code"\s*:\s*(-?\d+)\s*,\s*"msg"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(message);
  if (match) return { code: Number(match[1]), msg: match[2]!.replace(/\\(.)/g, '$1') };
  return { msg: message.slice('binance '.length) };
}

export function translateTradingError(error: unknown, context: TradingErrorContext, secrets: readonly string[]): AppError {
  scrubError(error, secrets);
  if (error instanceof AppError) return error;
  const classes = ccxtErrorClasses(error);
  const rateLimited = classes.includes('DDoSProtection') || classes.includes('RateLimitExceeded');
  const status = (error as { httpStatus?: unknown } | null)?.httpStatus;
  const serverFailed = typeof status === 'number' && status >= 500;
  const binance = rateLimited || serverFailed ? undefined : binanceErrorOf(error);
  const refined = binance && refineBinance(binance, context, error);
  if (refined) return refined;
  const options = { cause: error, detail: error instanceof Error ? error.message : String(error) };
  if (classes.includes('DuplicateOrderId')) return new DuplicateClientOrderId(options);
  if (context.operation === 'createOrder' && classes.includes('BadRequest') && !classes.includes('BadSymbol')) {
    return new InvalidOrder("The exchange rejected the order: it does not meet the market's rules.", options);
  }
  return translateCcxtError(error, { symbol: context.symbol });
}

function refineBinance({ code, msg }: { code?: number; msg: string }, context: TradingErrorContext, cause: unknown): AppError | undefined {
  const options = { cause, detail: cause instanceof Error ? cause.message : msg };
  const ordering = context.operation === 'createOrder';
  // Messages first: ccxt quotes some of them without their code (-2010 NEW_ORDER_REJECTED).
  if (msg.includes('Duplicate order sent.')) return new DuplicateClientOrderId(options);
  if (/insufficient balance/i.test(msg)) return new InsufficientFunds(insufficientMessage(context), options);
  if (/would trigger immediately|would immediately match/i.test(msg)) {
    return new InvalidOrder('The trigger price has already been reached, so the exchange would fire the order at once. Choose another trigger, or trade at the market now.', options);
  }
  switch (code) {
    case -1121:
      return new UnknownSymbol(context.symbol ?? 'This market');
    case -2013:
    case -2011:
      return new NotFound('The order', 'The exchange does not know this order, or it is no longer open.');
    case -1021:
      return new TemporaryError("Our clock and the exchange's disagree. Parley has resynchronised it; please try again.", options);
    case -1002:
    case -1022:
    case -2014:
    case -2015:
      return new AppError('exchange.auth', AUTH_MESSAGE, options);
  }
  if (!ordering || code === undefined) return undefined;
  const filter = /Filter failure: (\w+)/.exec(msg)?.[1];
  if (filter) return new ExchangeRuleBroken(filter, filterMessage(filter, context), options);
  if (msg === 'Market is closed.') return new InvalidOrder(`Trading on ${context.symbol ?? 'this market'} is paused on the exchange right now.`, options);
  if (code === -1111) return new InvalidOrder(`The amount or price has more decimals than ${context.symbol ?? 'this market'} allows.`, options);
  if (code === -2010 || (code <= -1100 && code >= -1199)) return new InvalidOrder(`The exchange refused the order: ${msg}`, options);
  return undefined;
}

function insufficientMessage({ market, side }: TradingErrorContext): string {
  const asset = market && side ? (side === 'buy' ? market.quote : market.base) : undefined;
  return asset
    ? `There is not enough free ${asset} on the exchange for this order (funds held by open orders are not free).`
    : 'There is not enough free balance on the exchange for this order.';
}

/** A Binance filter name → the rule in words, with the market's numbers when known. */
export function filterMessage(filter: string, { market, symbol }: TradingErrorContext): string {
  const name = market?.symbol ?? symbol ?? 'this market';
  switch (filter) {
    case 'LOT_SIZE':
    case 'MARKET_LOT_SIZE':
      return market
        ? `${name} trades in steps of ${market.amountStep.toFixed()} ${market.base}, from ${market.minAmount.toFixed()} ${market.base}.`
        : `The amount does not fit ${name}'s lot size.`;
    case 'PRICE_FILTER':
      return market ? `Prices on ${name} go in steps of ${market.priceTick.toFixed()} ${market.quote}.` : `The price does not fit ${name}'s price steps.`;
    case 'NOTIONAL':
    case 'MIN_NOTIONAL':
      return market ? `The minimum order on ${name} is ${market.minCost.toFixed()} ${market.quote}.` : `The order is below ${name}'s minimum value.`;
    case 'PERCENT_PRICE':
    case 'PERCENT_PRICE_BY_SIDE':
      return `The price is too far from the current price of ${name}.`;
    case 'MAX_NUM_ORDERS':
    case 'MAX_NUM_ALGO_ORDERS':
      return `There are too many open orders on ${name}; cancel some first.`;
    default:
      return `The order breaks the exchange's ${filter} rule for ${name}.`;
  }
}
