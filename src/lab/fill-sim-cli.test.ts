// fill-sim as an operator runs it (a real process), checked against an independent, deliberately
// plain walk of the recorded book written here: its own file reading, its own search for the
// snapshot, floats, one loop. If the two disagree, one of them misreads the book.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { projectPath, projectRoot } from '../shared/project-paths.js';
import { parseFillSimArgs, UsageError } from './fill-sim-args.js';

const BTC = 'data/orderbook/binance_BTC-USDT_l2-top20-1s_20240808.json.gz';
const ETH = 'data/orderbook/binance_ETH-USDT_l2-top20-1s_20240808.json.gz';

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', projectPath('src/lab/fill-sim-cli.ts'), ...args], { cwd: projectRoot() }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface Snap {
  ts: number;
  bids: [number, number][];
  asks: [number, number][];
}

/** The plain way: the last snapshot with ts ≤ at, then take levels best first until the amount is reached. */
function referenceWalk(file: string, at: number, side: 'buy' | 'sell', amount: number, fee: number) {
  const snapshots = (JSON.parse(gunzipSync(readFileSync(projectPath(file))).toString()) as { snapshots: Snap[] }).snapshots;
  let snap: Snap | undefined;
  for (const s of snapshots) if (s.ts <= at) snap = s;
  if (!snap) throw new Error('no snapshot');
  const mid = (snap.bids[0]![0] + snap.asks[0]![0]) / 2;
  let left = amount;
  let filled = 0;
  let cost = 0;
  for (const [price, qty] of side === 'buy' ? snap.asks : snap.bids) {
    if (left <= 1e-15) break;
    const take = Math.min(left, qty);
    filled += take;
    cost += take * price;
    left -= take;
  }
  const avg = cost / filled;
  return { ts: snap.ts, filled, avg, fee: cost * fee, slippageBps: ((side === 'buy' ? avg - mid : mid - avg) / mid) * 1e4, exhausted: left > 1e-12 };
}

describe('fill-sim on the bundled recorded books', () => {
  const cases: Array<[file: string, at: number, side: 'buy' | 'sell', amount: string, fee: string]> = [
    [BTC, 1723161256000, 'buy', '0.01', '0.001'],
    [BTC, 1723161500000, 'buy', '2.5', '0.001'],
    [BTC, 1723161634567, 'sell', '3.3', '0.00075'],
    [BTC, 1723161905999, 'sell', '0.5', '0'],
    [BTC, 1723161700250, 'buy', '500', '0.001'], // more than the recorded depth
    [ETH, 1723161300000, 'sell', '25', '0.001'],
    [ETH, 1723161800999, 'buy', '7.1234', '0.002'],
  ];

  it.each(cases)('%s at %i, %s %s (fee %s), agrees with a plain walk of the file', async (file, at, side, amount, fee) => {
    const { code, stdout, stderr } = await run('--book', file, '--at', String(at), '--side', side, '--amount', amount, '--fee', fee);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as Record<string, unknown>;
    const ref = referenceWalk(file, at, side, Number(amount), Number(fee));
    expect(out.book_ts).toBe(ref.ts);
    expect(Number(out.filled_amount)).toBeCloseTo(ref.filled, 10);
    expect(Number(out.avg_price)).toBeCloseTo(ref.avg, 6);
    expect(Number(out.fee)).toBeCloseTo(ref.fee, 6);
    expect(Number(out.slippage_bps)).toBeCloseTo(ref.slippageBps, 3);
    expect(out.exhausted).toBe(ref.exhausted);
    // The order is worse than the mid or on it, never better.
    expect(Number(out.slippage_bps)).toBeGreaterThan(0);
  }, 60_000);

  it('answers bad arguments with one clear line and exit code 2', async () => {
    const bad: Array<[string[], RegExp]> = [
      [['--at', '1723161500000', '--side', 'buy', '--amount', '1'], /--book FILE is required/],
      [['--book', BTC, '--at', '1723161500000', '--side', 'hold', '--amount', '1'], /--side must be buy or sell, got "hold"/],
      [['--book', BTC, '--at', '1723161500000', '--side', 'buy', '--amount', '-1'], /--amount must be a plain positive decimal number, not a value starting with "-"/],
      [['--book', BTC, '--at', '1723161500000', '--side', 'buy', '--amount', '1e3'], /--amount must be a plain positive decimal number like 0.5, got "1e3"/],
      [['--book', BTC, '--at', 'yesterday', '--side', 'buy', '--amount', '1'], /--at must be a Unix time in milliseconds/],
      [['--book', BTC, '--at', '1000', '--side', 'buy', '--amount', '1'], /--at 1000 is outside the recording of BTC\/USDT \(1723161256000 … 1723161905999/],
      [['--book', 'data/orderbook/none_l2-top20-1s_x.json', '--at', '1', '--side', 'buy', '--amount', '1'], /no such file/],
      [['--book', BTC, '--at', '1723161500000', '--side', 'buy', '--amount', '1', '--fees', '0'], /Unknown option '--fees'/],
    ];
    const results = await Promise.all(bad.map(([args]) => run(...args)));
    bad.forEach(([args, message], i) => {
      const { code, stdout, stderr } = results[i]!;
      expect({ args, code, stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
  }, 120_000); // a process per case: slow to start on a loaded machine
});

describe('fill-sim arguments', () => {
  it('defaults the fee to the paper taker fee and refuses a fee of 100 % or more', () => {
    const args = parseFillSimArgs(['--book', 'b', '--at', '5', '--side', 'sell', '--amount', '.5']);
    expect(args.help ? null : [args.fee.toFixed(), args.amount.toFixed(), args.at]).toEqual(['0.001', '0.5', 5]);
    expect(() => parseFillSimArgs(['--book', 'b', '--at', '5', '--side', 'sell', '--amount', '1', '--fee', '1'])).toThrow(UsageError);
    expect(() => parseFillSimArgs(['--book', 'b', '--at', '5', '--side', 'sell', '--amount', '0'])).toThrow(/more than 0/);
  });
});
