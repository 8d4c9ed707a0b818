// The bundled hourly candles (data/candles) as the lab's candle source: loaded once per symbol.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { candleFileName, loadCandleFile, parseCandleFileName, type CandleSeries } from '../market/candle-file.js';
import type { CandleSource } from './lab-work.js';

export class CandleFolder implements CandleSource {
  private readonly loaded = new Map<string, Promise<CandleSeries | undefined>>();

  constructor(
    private readonly dir: string,
    private readonly timeframe = '1h',
  ) {}

  async symbols(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.map((n) => parseCandleFileName(n)).filter((n) => n?.timeframe === this.timeframe).map((n) => n!.symbol).sort();
  }

  load(symbol: string): Promise<CandleSeries | undefined> {
    let found = this.loaded.get(symbol);
    if (!found) {
      found = this.symbols().then((have) => (have.includes(symbol) ? loadCandleFile(join(this.dir, candleFileName(symbol, this.timeframe))) : undefined));
      // A failed read is tried again next time.
      found.catch(() => this.loaded.delete(symbol));
      this.loaded.set(symbol, found);
    }
    return found;
  }
}
