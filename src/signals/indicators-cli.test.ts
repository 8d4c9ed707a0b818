// The CLI as a user runs it: a real process, a small file, what it prints and how it fails.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCandleCsv } from '../market/candle-file.js';
import { projectPath, projectRoot } from '../shared/project-paths.js';
import { INDICATOR_CSV_HEADER, indicatorColumns, indicatorCsvRows } from './indicators-csv.js';

const HEADER = 'timestamp,sma_50,ema_20,rsi_14,macd_12_26_9,macd_signal_12_26_9,macd_hist_12_26_9,bb_upper_20_2,bb_middle_20_2,bb_lower_20_2,atr_14';

/** 80 hourly BTC-like candles. */
function candleCsv(): string {
  let text = 'timestamp,open,high,low,close,volume\n';
  let close = 19_500;
  for (let i = 0; i < 80; i++) {
    const open = close;
    close = +(open * (1 + Math.sin(i * 1.7) * 0.01)).toFixed(2);
    text += `${1_606_780_800_000 + i * 3_600_000},${open},${(Math.max(open, close) + 12.5).toFixed(2)},${(Math.min(open, close) - 9.75).toFixed(2)},${close},${(1000 + i * 13.37).toFixed(6)}\n`;
  }
  return text;
}

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', projectPath('src/signals/indicators-cli.ts'), ...args], { cwd: projectRoot(), maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-indicators-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run -s indicators -- --csv FILE', () => {
  it('prints the header and one row per candle, the same values as the module, from plain or gzipped files', async () => {
    const text = candleCsv();
    await writeFile(join(dir, 'candles.csv'), text);
    await writeFile(join(dir, 'candles.csv.gz'), gzipSync(text));
    const [plain, gzipped] = await Promise.all([run('--csv', join(dir, 'candles.csv')), run('--csv', join(dir, 'candles.csv.gz'))]);
    expect(plain.stderr).toBe('');
    expect(plain.code).toBe(0);
    expect(INDICATOR_CSV_HEADER).toBe(HEADER);
    const candles = parseCandleCsv(text, 'test', { symbol: 'BTC/USDT', timeframe: '1h' });
    expect(plain.stdout).toBe(`${HEADER}\n${indicatorCsvRows(candles.timestamp, indicatorColumns(candles), 0, candles.length)}`);
    const lines = plain.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(81);
    expect(lines[1]).toBe('1606780800000,,,,,,,,,,');
    expect(lines[80]!.split(',').every((cell) => cell !== '')).toBe(true);
    expect(gzipped).toEqual(plain);
  });

  it.each([
    ['a missing file', async () => join(dir, 'nope.csv'), /nope\.csv: no such file/],
    ['a wrong header', async () => write('bad-header.csv', candleCsv().replace('timestamp,', 'time,')), /expected header "timestamp,open,high,low,close,volume"/],
    ['a cell that is not a number', async () => write('bad-cell.csv', candleCsv().replace(/\n(\d+),([\d.]+),/, '\n$1,12x,')), /line 2: field open is not a number/],
  ])('answers %s with one line on stderr and a non-zero exit', async (_case, makeFile, message) => {
    const result = await run('--csv', await makeFile());
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains its usage when --csv is missing', async () => {
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^indicators: --csv FILE is required; usage: npm run -s indicators -- --csv FILE/);
  });
});

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}
