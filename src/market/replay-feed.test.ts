import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.js';
import { Decimal } from '../shared/decimal.js';
import { AppError, UnknownSymbol } from '../shared/errors.js';
import { loadCandleDir, type CandleSeries } from './candle-file.js';
import { ReplayMarketData, defaultCandleDir } from './replay-feed.js';
import { HOUR_MS, REPLAY_ANCHOR_MS } from './replay-timeline.js';
import type { Candle } from './types.js';

const DATA_START = Date.UTC(2020, 11, 1);
/** The wall time at which the replay shows data time `dataTime` (first cycle). */
const wallFor = (dataTime: number) => REPLAY_ANCHOR_MS + (dataTime - DATA_START);
const onTick = (price: number, tick: string) => new Decimal(price).mod(tick).isZero();

let series: CandleSeries[];
const feedAt = (wallMs: number) => {
  const clock = new ManualClock(wallMs);
  return { clock, feed: new ReplayMarketData({ series, clock }) };
};

beforeAll(async () => {
  series = await loadCandleDir(defaultCandleDir(), '1h');
});

describe('replay timeline', () => {
  it('shows the first data hour at the anchor and loops over the data span', () => {
    const { clock, feed } = feedAt(REPLAY_ANCHOR_MS);
    expect(feed.dataTimeNow()).toBe(DATA_START);
    clock.advance(feed.timeline.spanMs);
    expect(feed.dataTimeNow()).toBe(DATA_START);
    clock.set(REPLAY_ANCHOR_MS - HOUR_MS);
    expect(feed.dataTimeNow()).toBe(Date.UTC(2021, 6, 17, 20));
  });
});

describe('ReplayMarketData', () => {
  it('lists the USDT markets and their crosses with Binance-like rules', async () => {
    const { feed } = feedAt(REPLAY_ANCHOR_MS);
    const markets = await feed.markets();
    expect(markets.map((m) => m.symbol).sort()).toEqual(
      ['ADA/BTC', 'ADA/ETH', 'ADA/USDT', 'BTC/USDT', 'ETH/BTC', 'ETH/USDT', 'SOL/BTC', 'SOL/ETH', 'SOL/USDT', 'XRP/BTC', 'XRP/ETH', 'XRP/USDT'],
    );
    const btc = markets.find((m) => m.symbol === 'BTC/USDT')!;
    expect([btc.priceTick.toString(), btc.amountStep.toString(), btc.minCost.toString(), btc.base, btc.quote]).toEqual(['0.01', '0.00001', '5', 'BTC', 'USDT']);
    const ethBtc = markets.find((m) => m.symbol === 'ETH/BTC')!;
    expect([ethBtc.priceTick.toString(), ethBtc.amountStep.toString(), ethBtc.minCost.toString()]).toEqual(['0.00001', '0.0001', '0.0001']);
    const xrp = markets.find((m) => m.symbol === 'XRP/USDT')!;
    expect([xrp.priceTick.toString(), xrp.amountStep.toString()]).toEqual(['0.0001', '0.1']);
  });

  it('gives every instance the same prices at the same moment', async () => {
    const when = wallFor(Date.UTC(2021, 1, 3, 10, 17, 42, 345));
    const a = feedAt(when).feed;
    const b = new ReplayMarketData({ series: await loadCandleDir(defaultCandleDir(), '1h'), clock: new ManualClock(when) });
    for (const symbol of ['BTC/USDT', 'SOL/ETH']) {
      expect(await a.ticker(symbol)).toEqual(await b.ticker(symbol));
      expect(await a.orderBook(symbol)).toEqual(await b.orderBook(symbol));
      expect(await a.candles(symbol, '1h', { limit: 48 })).toEqual(await b.candles(symbol, '1h', { limit: 48 }));
    }
  });

  it('moves the price from second to second', async () => {
    const { clock, feed } = feedAt(wallFor(Date.UTC(2021, 1, 3, 10, 20)));
    const seen = new Set<number>();
    for (let i = 0; i < 60; i++) {
      seen.add((await feed.ticker('BTC/USDT')).last);
      clock.advance(1000);
    }
    expect(seen.size).toBeGreaterThan(40);
  });

  it.each(['BTC/USDT', 'XRP/USDT', 'ETH/BTC', 'XRP/BTC'])('keeps %s inside the hour candle it later shows, on the tick', async (symbol) => {
    const { clock, feed } = feedAt(REPLAY_ANCHOR_MS);
    const tick = (await feed.markets()).find((m) => m.symbol === symbol)!.priceTick.toString();
    for (let i = 0; i < 40; i++) {
      // Spread over the whole data period, at odd seconds within the hour.
      const at = REPLAY_ANCHOR_MS + Math.floor((feed.timeline.spanMs * i) / 40) + ((i * 997_123) % HOUR_MS);
      clock.set(at);
      const ticker = await feed.ticker(symbol);
      const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
      clock.set(hour + HOUR_MS + 1000);
      const [candle] = await feed.candles(symbol, '1h', { since: hour, limit: 1 });
      expect(candle?.timestamp).toBe(hour);
      expect(ticker.last).toBeGreaterThanOrEqual(candle!.low);
      expect(ticker.last).toBeLessThanOrEqual(candle!.high);
      expect(ticker.bid).toBeLessThanOrEqual(ticker.last);
      expect(ticker.ask).toBeGreaterThanOrEqual(ticker.last);
      expect(ticker.ask).toBeGreaterThan(ticker.bid);
      for (const price of [ticker.last, ticker.bid, ticker.ask, candle!.open, candle!.high, candle!.low, candle!.close]) expect(onTick(price, tick)).toBe(true);
    }
  });

  it('replays the real candles: a past wall hour shows the data hour it maps to', async () => {
    const dataHour = Date.UTC(2021, 4, 19, 13);
    const { feed } = feedAt(wallFor(dataHour) + 5 * HOUR_MS);
    const [candle] = await feed.candles('BTC/USDT', '1h', { since: wallFor(dataHour), limit: 1 });
    expect(candle).toEqual({ timestamp: wallFor(dataHour), open: 35234.62, high: 38000, low: 30000, close: 35863.06, volume: 44239.811778 });
  });

  it('shows the May-2021 crash in the 24-hour change', async () => {
    const { feed } = feedAt(wallFor(Date.UTC(2021, 4, 19, 14, 30)));
    const ticker = await feed.ticker('ETH/USDT');
    expect(ticker.change24hPct).toBeLessThan(-15);
    expect(ticker.low24h).toBeLessThan(2_000);
    expect(ticker.high24h).toBeGreaterThan(ticker.last);
  });

  it('prices crosses as the ratio of their USDT legs', async () => {
    const { clock, feed } = feedAt(wallFor(Date.UTC(2021, 2, 1)));
    for (let i = 0; i < 30; i++) {
      clock.advance(7 * HOUR_MS + 1234 * 1000);
      const [eth, btc, sol, ethBtc, solEth] = await Promise.all(['ETH/USDT', 'BTC/USDT', 'SOL/USDT', 'ETH/BTC', 'SOL/ETH'].map((s) => feed.ticker(s)));
      // One tick of the cross, plus what rounding the legs to their ticks can move the ratio.
      expect(Math.abs(ethBtc!.last - eth!.last / btc!.last)).toBeLessThanOrEqual(0.00001 + 1e-7);
      expect(Math.abs(solEth!.last - sol!.last / eth!.last)).toBeLessThanOrEqual(0.000001 + 1e-8);
    }
  });

  it('never returns candles from the replay future', async () => {
    const now = wallFor(Date.UTC(2021, 3, 10, 15, 40, 30));
    const { clock, feed } = feedAt(now);
    for (const timeframe of ['1h', '4h', '1d', '1w']) {
      const candles = await feed.candles('BTC/USDT', timeframe, { limit: 10 });
      expect(candles).toHaveLength(10);
      const last = candles.at(-1)!;
      expect(last.timestamp).toBeLessThanOrEqual(now);
      expect(last.close).toBe((await feed.ticker('BTC/USDT')).last);
    }
    // The current hour is partial: 40.5 minutes of its volume, its range so far.
    clock.set(Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS + 1);
    const full = (await feed.candles('BTC/USDT', '1h', { limit: 2 }))[0]!;
    clock.set(now);
    const partial = (await feed.candles('BTC/USDT', '1h', { limit: 1 }))[0]!;
    expect(partial.timestamp).toBe(full.timestamp);
    expect(partial.volume).toBeCloseTo((full.volume * 40.5) / 60, 4);
    expect(partial.high).toBeLessThanOrEqual(full.high);
    expect(partial.low).toBeGreaterThanOrEqual(full.low);
    expect(await feed.candles('BTC/USDT', '1h', { since: now + HOUR_MS })).toEqual([]);
  });

  it('keeps history stable as time moves on', async () => {
    const now = wallFor(Date.UTC(2021, 5, 1, 9, 5));
    const { clock, feed } = feedAt(now);
    const before = (await feed.candles('SOL/BTC', '1h', { limit: 30 })).slice(0, -1);
    clock.advance(3 * HOUR_MS + 17_000);
    const after = await feed.candles('SOL/BTC', '1h', { since: before[0]!.timestamp, limit: before.length });
    expect(after).toEqual(before);
  });

  it.each(['ETH/USDT', 'SOL/BTC'])('resamples %s 1h into 4h, 1d and 1w candles aligned like Binance', async (symbol) => {
    const now = wallFor(Date.UTC(2021, 2, 17, 6, 30));
    const { feed } = feedAt(now);
    const hours = await feed.candles(symbol, '1h', { limit: 1000 });
    const check = (candle: Candle, tfMs: number) => {
      const parts = hours.filter((h) => h.timestamp >= candle.timestamp && h.timestamp < candle.timestamp + tfMs);
      expect(parts.length).toBeGreaterThan(0);
      expect(candle.open).toBe(parts[0]!.open);
      expect(candle.close).toBe(parts.at(-1)!.close);
      expect(candle.high).toBe(Math.max(...parts.map((p) => p.high)));
      expect(candle.low).toBe(Math.min(...parts.map((p) => p.low)));
      expect(candle.volume).toBeCloseTo(parts.reduce((s, p) => s + p.volume, 0), 4);
    };
    const [fourHours, days, weeks] = await Promise.all(['4h', '1d', '1w'].map((tf) => feed.candles(symbol, tf, { limit: 3 })));
    for (const c of fourHours!) expect(c.timestamp % (4 * HOUR_MS)).toBe(0);
    for (const c of days!) expect(new Date(c.timestamp).getUTCHours()).toBe(0);
    for (const c of weeks!) expect(new Date(c.timestamp).getUTCDay()).toBe(1); // Monday
    for (const c of fourHours!) check(c, 4 * HOUR_MS);
    for (const c of days!) check(c, 24 * HOUR_MS);
    check(weeks!.at(-1)!, 7 * 24 * HOUR_MS);
  });

  it('holds the last price through a data gap and shows no candles for it', async () => {
    // Binance had no candles for 2020-12-21 15:00–17:00 UTC.
    const beforeGap = Date.UTC(2020, 11, 21, 14);
    const { clock, feed } = feedAt(wallFor(beforeGap + HOUR_MS + 10 * 60_000));
    const lastClose = series.find((s) => s.symbol === 'BTC/USDT')!;
    const i = lastClose.timestamp.indexOf(beforeGap);
    const held = (await feed.ticker('BTC/USDT')).last;
    expect(held).toBe(lastClose.close[i]);
    clock.advance(HOUR_MS + 20 * 60_000);
    expect((await feed.ticker('BTC/USDT')).last).toBe(held);
    clock.set(wallFor(beforeGap + 4 * HOUR_MS + 60_000));
    const candles = await feed.candles('BTC/USDT', '1h', { since: wallFor(beforeGap), limit: 10 });
    expect(candles.map((c) => (c.timestamp - wallFor(beforeGap)) / HOUR_MS)).toEqual([0, 4]);
  });

  it('serves a book with the requested depth, sorted and on the grid', async () => {
    const { feed } = feedAt(wallFor(Date.UTC(2021, 0, 5, 3, 3, 3)));
    const book = await feed.orderBook('ADA/USDT', 20);
    expect(book.bids).toHaveLength(20);
    expect(book.asks).toHaveLength(20);
    expect(book.asks[0]![0]).toBeGreaterThan(book.bids[0]![0]);
    const ticker = await feed.ticker('ADA/USDT');
    expect([ticker.bid, ticker.ask]).toEqual([book.bids[0]![0], book.asks[0]![0]]);
    for (const [price, amount] of [...book.bids, ...book.asks]) {
      expect(onTick(price, '0.0001')).toBe(true);
      expect(onTick(amount, '0.1')).toBe(true);
    }
  });

  it('answers an unknown symbol or timeframe with a clear error', async () => {
    const { feed } = feedAt(REPLAY_ANCHOR_MS);
    await expect(feed.ticker('DOGE/USDT')).rejects.toBeInstanceOf(UnknownSymbol);
    await expect(feed.orderBook('BTC/EUR')).rejects.toBeInstanceOf(UnknownSymbol);
    await expect(feed.candles('NOPE/USDT', '1h')).rejects.toBeInstanceOf(UnknownSymbol);
    const error = await feed.candles('BTC/USDT', '3m').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('market.unsupported_timeframe');
    expect((error as AppError).userMessage).toMatch(/1h, 4h, 1d, 1w/);
  });

  it('lists only what it has candles for', async () => {
    const feed = new ReplayMarketData({ series: series.filter((s) => s.symbol !== 'ETH/USDT'), clock: new ManualClock(REPLAY_ANCHOR_MS) });
    const symbols = (await feed.markets()).map((m) => m.symbol);
    expect(symbols).toContain('SOL/BTC');
    expect(symbols.some((s) => s.includes('ETH'))).toBe(false);
  });
});
