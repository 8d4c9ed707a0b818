import { describe, expect, it } from 'vitest';
import { shownSum } from './money-sum.js';

describe('sums shown on screen', () => {
  it('adds up as shown, where rounding each line on its own did not', () => {
    // Booked 1,997.826 + 1.997826 = 1,999.823826: each line rounded alone read "1,997.83 + 2.00 = 1,999.82".
    expect(shownSum('1997.826', '+', '1.997826', 'USDT')).toEqual({ a: '1,997.83 USDT', b: '2.00 USDT', result: '1,999.83 USDT' });
    expect(shownSum('187.794', '−', '0.187794', 'USDT')).toEqual({ a: '187.79 USDT', b: '0.19 USDT', result: '187.60 USDT' });
    expect(shownSum('55.554', '+', '0.055554', 'USDT')).toEqual({ a: '55.55 USDT', b: '0.06 USDT', result: '55.61 USDT' });
  });

  it('keeps an asset’s own decimals when the quote is not a stablecoin', () => {
    expect(shownSum('0.012345678', '+', '0.0000123456', 'BTC')).toEqual({ a: '0.01234567 BTC', b: '0.00001234 BTC', result: '0.01235801 BTC' });
  });
});
