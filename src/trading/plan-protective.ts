import { InvalidOrder } from '../shared/errors.js';
import { dec, decString, floorToStep, roundToStep } from '../shared/decimal.js';
import { formatAmount, formatPct, formatPrice } from '../shared/number-format.js';
import { bestPrice, marketCheck, midPrice, minSizeCheck, positive, tickDecimals } from './plan-checks.js';
import { planCommon, sizeInBase, type PlanInput } from './plan-input.js';
import type { OrderPlan, RiskCheck } from './types.js';

/**
 * A stop-loss or take-profit on a holding: sell it at market once the price falls to (stop)
 * or rises to (take-profit) the trigger. The trigger is a price, or a distance in percent
 * from the current price. By default the whole free holding is protected.
 */
export function planProtective(input: PlanInput): OrderPlan {
  const { request, market, book, feeRate } = input;
  const stop = request.type === 'stop_loss';
  const what = stop ? 'stop-loss' : 'take-profit';
  const notes: string[] = [];
  const mid = midPrice(book);
  const trigger = request.trigger;
  if (!trigger) throw new InvalidOrder(`A ${what} needs a price or a percentage.`);

  let asked;
  if (trigger.kind === 'price') {
    asked = positive(trigger.price, `The ${what} price`);
  } else {
    if (!(trigger.percent > 0 && trigger.percent < 100)) throw new InvalidOrder(`A ${what} distance must be between 0 and 100%.`);
    asked = mid.mul(dec(1).plus(dec(trigger.percent).div(100).mul(stop ? -1 : 1)));
  }
  const price = roundToStep(asked, market.priceTick);
  if (trigger.kind === 'percent') notes.push(`${formatPct(stop ? -trigger.percent : trigger.percent)} from ${formatPrice(mid, tickDecimals(market))} is ${formatPrice(price, tickDecimals(market))} ${market.quote}.`);
  else if (!price.eq(asked)) notes.push(`Price rounded to ${formatPrice(price, tickDecimals(market))} ${market.quote}: ${market.symbol} prices move in steps of ${formatPrice(market.priceTick, tickDecimals(market))}.`);

  const held = input.free(market.base);
  const amount = sizeInBase(input, notes, () => held, (quote) => floorToStep(quote.div(price), market.amountStep));
  const native = stop ? input.exchange.nativeStopLoss : input.exchange.nativeTakeProfit;
  const proceeds = amount.mul(price);
  const fee = proceeds.mul(feeRate);
  const bid = bestPrice(book, 'bid') ?? mid;

  const side: RiskCheck =
    stop && price.gte(bid)
      ? { name: 'price', ok: false, message: `A stop-loss at ${formatPrice(price, tickDecimals(market))} is not below the current price (${formatPrice(bid, tickDecimals(market))}): it would sell at once. Use a market sell instead.` }
      : !stop && price.lte(bid)
        ? { name: 'price', ok: false, message: `A take-profit at ${formatPrice(price, tickDecimals(market))} is not above the current price (${formatPrice(bid, tickDecimals(market))}): it would sell at once. Use a market sell instead.` }
        : { name: 'price', ok: true, message: `${stop ? 'Below' : 'Above'} the current price` };
  const holding: RiskCheck = held.lte(0)
    ? { name: 'funds', ok: false, message: `You hold no ${market.base} to protect.` }
    : amount.gt(held)
      ? { name: 'funds', ok: false, message: `You hold only ${formatAmount(held)} ${market.base}.` }
      : { name: 'funds', ok: true, message: 'Covers your holding' };

  notes.push(
    native
      ? `The exchange holds this ${what}: it sells at market when ${market.symbol} trades at ${formatPrice(price, tickDecimals(market))}.`
      : `Parley watches the price and sells at market when ${market.symbol} reaches ${formatPrice(price, tickDecimals(market))}. Coins stay free until then; if you sell some, the ${what} sells what is left.`,
  );
  return {
    ...planCommon({ ...input, request: { ...request, side: 'sell' } }, amount, notes, [marketCheck(market), holding, side, ...(held.gt(0) ? [minSizeCheck(market, amount, proceeds)] : [])], mid, input.free(market.quote), held, proceeds.minus(fee)),
    side: 'sell',
    type: request.type,
    triggerPrice: decString(price),
    nativeTrigger: native,
    fillsNow: false,
    estAveragePrice: decString(price),
    estCost: decString(proceeds),
    estFee: decString(fee),
    estTotal: decString(proceeds.minus(fee)),
    ...(native ? { locked: { asset: market.base, amount: decString(amount) } } : {}),
  };
}
