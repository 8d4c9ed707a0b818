import { describe, expect, it } from 'vitest';
import type { ParsedCommand } from '../nlu/contract.js';
import { readRiskSizing } from './risk-sizing.js';

const parsed = (command: ParsedCommand) => ({ command });
const btc = parsed({ intent: 'set_stop_loss', symbol: 'BTC/USDT', price: 58000 });

describe('readRiskSizing', () => {
  it('reads the share to risk and the stop, in the ways people write them', () => {
    expect(readRiskSizing('risk 1% on btc with a stop at 58k', btc)).toEqual({ riskPct: 1, symbol: 'BTC/USDT', stop: '58000' });
    expect(readRiskSizing('Risk 0.5 percent on BTC, stop loss 58,500', btc)).toEqual({ riskPct: 0.5, symbol: 'BTC/USDT', stop: '58500' });
    expect(readRiskSizing('risking 2% on eth stop-loss @ 2.95k', parsed({ intent: 'buy_market', symbol: 'ETH/USDT', percentage: 2 }))).toEqual({ riskPct: 2, symbol: 'ETH/USDT', stop: '2950' });
    expect(readRiskSizing('1% risk on sol with stop at $120.5', parsed({ intent: 'set_stop_loss', symbol: 'SOL/USDT', price: 120.5 }))).toEqual({ riskPct: 1, symbol: 'SOL/USDT', stop: '120.5' });
    expect(readRiskSizing('risk 1 pct on doge stop 0.075', parsed({ intent: 'unknown', symbol: 'DOGE/USDT' }))).toEqual({ riskPct: 1, symbol: 'DOGE/USDT', stop: '0.075' });
  });

  it('says what is missing rather than guessing', () => {
    expect(readRiskSizing('risk 1% on btc', parsed({ intent: 'buy_market', symbol: 'BTC/USDT', percentage: 1 }))).toEqual({ riskPct: 1, symbol: 'BTC/USDT', stop: null });
    expect(readRiskSizing('risk 1% with a stop at 58k', parsed({ intent: 'set_stop_loss', price: 58000 }))).toEqual({ riskPct: 1, symbol: null, stop: '58000' });
    // The parser's stop when the words hide it from the reader.
    expect(readRiskSizing('risk 1% on btc, sl 58000', btc)).toEqual({ riskPct: 1, symbol: 'BTC/USDT', stop: '58000' });
  });

  it('leaves every other message alone', () => {
    for (const text of ['buy 1% of btc', 'stop loss on btc at 58k', 'what is my risk', 'risk 0% on btc stop 58k', 'risk 150% on btc stop 58k', 'is btc risky at 5%?']) {
      expect(readRiskSizing(text, btc), text).toBeNull();
    }
  });
});
