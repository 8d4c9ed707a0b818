import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CandleFileError, candleFileName, loadCandleDir, loadCandleFile, parseCandleCsv, parseCandleFileName } from './candle-file.js';
import { defaultCandleDir } from './replay-feed.js';

const GOOD = 'timestamp,open,high,low,close,volume\n1606780800000,19695.87,19720,19479.8,19565.47,4570.361518\n1606784400000,19565.47,19639.99,19433.15,19605.75,2702.459235\n';
const META = { symbol: 'BTC/USDT', timeframe: '1h' };

describe('parseCandleCsv', () => {
  it('reads the columns exactly', () => {
    const s = parseCandleCsv(GOOD, 'good.csv', META);
    expect(s.length).toBe(2);
    expect([...s.timestamp]).toEqual([1606780800000, 1606784400000]);
    expect(s.open[0]).toBe(19695.87);
    expect(s.high[1]).toBe(19639.99);
    expect(s.low[0]).toBe(19479.8);
    expect(s.close[1]).toBe(19605.75);
    expect(s.volume[0]).toBe(4570.361518);
    expect(s.timeframeMs).toBe(3_600_000);
  });

  it('accepts CRLF line ends and a missing final newline', () => {
    const s = parseCandleCsv(GOOD.trimEnd().replaceAll('\n', '\r\n'), 'crlf.csv', META);
    expect(s.length).toBe(2);
    expect(s.volume[1]).toBe(2702.459235);
  });

  it.each([
    ['a wrong header', GOOD.replace('timestamp', 'time'), /expected header/],
    ['a NaN price', GOOD.replace('19720', 'abc'), /line 2: field high is not a number/],
    ['an empty field', GOOD.replace(',19720,', ',,'), /line 2: field high is not a number/],
    ['a missing field', GOOD.replace(',4570.361518', ''), /line 2: expected 6 fields/],
    ['an extra field', GOOD.replace('4570.361518', '4570.361518,1'), /line 2: field volume is not a number/],
    ['unsorted rows', GOOD.replace('1606784400000', '1606777200000'), /line 3: timestamps are not strictly increasing/],
    ['a duplicate row', GOOD.replace('1606784400000', '1606780800000'), /line 3: timestamps are not strictly increasing/],
    ['a misaligned timestamp', GOOD.replace('1606784400000', '1606784400001'), /line 3: timestamp .* not aligned to 1h/],
    ['a high below the close', GOOD.replace('19720', '19500'), /line 2: low\/high do not bracket/],
    ['no rows', 'timestamp,open,high,low,close,volume\n', /no candles/],
  ])('rejects %s, naming the file', (_what, text, message) => {
    let error: unknown;
    try {
      parseCandleCsv(text, 'data/bad.csv', META);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CandleFileError);
    expect((error as CandleFileError).userMessage).toContain('data/bad.csv');
    expect((error as CandleFileError).userMessage).toMatch(message);
  });
});

describe('file names', () => {
  it('maps names to symbol and timeframe and back', () => {
    expect(parseCandleFileName('/x/binance_BTC-USDT_1h.csv.gz')).toEqual({ symbol: 'BTC/USDT', timeframe: '1h' });
    expect(parseCandleFileName('binance_ETH-BTC_5m.csv')).toEqual({ symbol: 'ETH/BTC', timeframe: '5m' });
    expect(parseCandleFileName('README.md')).toBeUndefined();
    expect(candleFileName('SOL/USDT', '1h')).toBe('binance_SOL-USDT_1h.csv.gz');
  });
});

describe('loading files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-candles-'));
    await writeFile(join(dir, 'binance_BTC-USDT_1h.csv.gz'), gzipSync(GOOD));
    await writeFile(join(dir, 'binance_ETH-USDT_1h.csv'), GOOD);
    await writeFile(join(dir, 'binance_ETH-USDT_5m.csv'), GOOD);
    await writeFile(join(dir, 'notes.txt'), 'not candles');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads gzipped and plain files of one timeframe from a folder', async () => {
    const all = await loadCandleDir(dir, '1h');
    expect(all.map((s) => s.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(all[0]?.close[1]).toBe(19605.75);
  });

  it('names the file when it is missing or corrupt', async () => {
    await expect(loadCandleFile(join(dir, 'binance_XRP-USDT_1h.csv.gz'))).rejects.toThrow(/binance_XRP-USDT_1h\.csv\.gz/);
    await writeFile(join(dir, 'binance_ADA-USDT_1h.csv.gz'), 'not gzip');
    await expect(loadCandleFile(join(dir, 'binance_ADA-USDT_1h.csv.gz'))).rejects.toBeInstanceOf(CandleFileError);
  });
});

describe('the committed data', () => {
  it('holds five self-consistent 2021 hourly series that pass validation', async () => {
    const all = await loadCandleDir(defaultCandleDir(), '1h');
    expect(all.map((s) => s.symbol)).toEqual(['ADA/USDT', 'BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT']);
    for (const s of all) {
      expect(s.length).toBe(5482);
      expect(s.timestamp[0]).toBe(Date.UTC(2020, 11, 1));
      expect(s.timestamp[s.length - 1]).toBe(Date.UTC(2021, 6, 17, 20));
    }
    // The May-2021 crash is in there: BTC traded below 31,000 on 2021-05-19.
    const btc = all.find((s) => s.symbol === 'BTC/USDT')!;
    const i = btc.timestamp.indexOf(Date.UTC(2021, 4, 19, 13));
    expect(btc.low[i]).toBeLessThan(31_000);
  });
});
