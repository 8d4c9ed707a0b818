import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandSchema } from '../../src/nlu/contract.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs the parse command as users do (no environment beyond PATH) and returns its output. */
function runCli(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/nlu/parse-cli.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npm run -s parse (src/nlu/parse-cli.ts)', () => {
  it('prints one valid JSON command per input line, in order, including empty and 100 kB lines', async () => {
    const lines = ['buy 0.5 btc', '', 'x'.repeat(100_000), '🚀🚀', 'sell half my solana', '   ', 'cancel #77', 'a lone\rcarriage return'];
    const { code, stdout } = await runCli(`${lines.join('\n')}\n`);
    expect(code).toBe(0);
    const out = stdout.split('\n');
    expect(out.pop()).toBe('');
    expect(out).toHaveLength(lines.length);
    const commands = out.map((l) => commandSchema.parse(JSON.parse(l)));
    expect(commands[0]).toEqual({ intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.5 });
    expect(commands[1]).toEqual({ intent: 'unknown' });
    expect(commands[2]).toEqual({ intent: 'unknown' });
    expect(commands[4]).toEqual({ intent: 'sell_market', symbol: 'SOL/USDT', percentage: 50 });
    expect(commands[6]).toEqual({ intent: 'cancel_order', order_id: '77' });
  }, 60_000);

  it('keeps order and count over a large input and handles a last line without newline', async () => {
    const texts = Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? `buy ${i + 1} doge` : `price of eth`));
    const { code, stdout } = await runCli(texts.join('\r\n'));
    expect(code).toBe(0);
    const out = stdout.trimEnd().split('\n');
    expect(out).toHaveLength(texts.length);
    expect(JSON.parse(out[0]!)).toEqual({ intent: 'buy_market', symbol: 'DOGE/USDT', amount: 1 });
    expect(JSON.parse(out[19_998]!)).toEqual({ intent: 'buy_market', symbol: 'DOGE/USDT', amount: 19_999 });
    expect(JSON.parse(out[19_999]!)).toEqual({ intent: 'get_price', symbol: 'ETH/USDT' });
  }, 60_000);
});
