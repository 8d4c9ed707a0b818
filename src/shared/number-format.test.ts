import { describe, expect, it } from 'vitest';
import { formatAmount, formatMoney, formatPct, formatPrice, formatSignedMoney } from './number-format.js';

describe('number formatting', () => {
  it('formats prices by magnitude', () => {
    expect(formatPrice('57312.4')).toBe('57,312.40');
    expect(formatPrice(3100)).toBe('3,100.00');
    expect(formatPrice('3.18456')).toBe('3.1846');
    expect(formatPrice('1.5')).toBe('1.50');
    expect(formatPrice('0.45123')).toBe('0.4512');
    expect(formatPrice('0.00001234567')).toBe('0.00001235');
    expect(formatPrice(0)).toBe('0');
  });

  it('formats amounts without float noise or exponents', () => {
    expect(formatAmount(1500)).toBe('1,500');
    expect(formatAmount('0.01')).toBe('0.01');
    expect(formatAmount('0.1').toString()).toBe('0.1');
    expect(formatAmount('0.000000019')).toBe('0.00000001');
    expect(formatAmount('1234567.5')).toBe('1,234,567.5');
  });

  it('formats money with cents for stablecoins', () => {
    expect(formatMoney('573.7', 'USDT')).toBe('573.70 USDT');
    expect(formatMoney('10000', 'USDT')).toBe('10,000.00 USDT');
    expect(formatMoney('0.0123400', 'BTC')).toBe('0.01234 BTC');
    expect(formatSignedMoney('-5', 'USDT')).toBe('−5.00 USDT');
    expect(formatSignedMoney('12.345', 'USDT')).toBe('+12.35 USDT');
    expect(formatSignedMoney('0.001', 'USDT')).toBe('0.00 USDT');
  });

  it('formats signed percentages', () => {
    expect(formatPct('1.254')).toBe('+1.25%');
    expect(formatPct('-0.4')).toBe('−0.40%');
    expect(formatPct('0.001')).toBe('0.00%');
  });
});
