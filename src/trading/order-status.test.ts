import { describe, expect, it } from 'vitest';
import { dec } from '../shared/decimal.js';
import { fillGrowth, nextStatus, statusOfExchangeOrder } from './order-status.js';

describe('order status', () => {
  it('maps the exchange’s states, partial fills included', () => {
    expect(statusOfExchangeOrder({ status: 'open', filled: dec(0), amount: dec(1) })).toBe('open');
    expect(statusOfExchangeOrder({ status: 'open', filled: dec('0.2'), amount: dec(1) })).toBe('partially_filled');
    expect(statusOfExchangeOrder({ status: 'closed', filled: dec(1), amount: dec(1) })).toBe('filled');
    expect(statusOfExchangeOrder({ status: 'canceled', filled: dec(0), amount: dec(1) })).toBe('cancelled');
    expect(statusOfExchangeOrder({ status: 'expired', filled: dec('0.5'), amount: dec(1) })).toBe('expired');
  });

  it('only moves forward', () => {
    expect(nextStatus('submitting', 'open')).toBe('open');
    expect(nextStatus('open', 'partially_filled')).toBe('partially_filled');
    expect(nextStatus('partially_filled', 'open')).toBe('partially_filled');
    expect(nextStatus('filled', 'open')).toBe('filled');
    expect(nextStatus('cancelled', 'filled')).toBe('cancelled');
    expect(nextStatus('open', 'submitting')).toBe('open');
  });

  it('books only growth of fills', () => {
    expect(fillGrowth(dec('0.2'), dec('0.5')).toFixed()).toBe('0.3');
    expect(fillGrowth(dec('0.5'), dec('0.5')).toFixed()).toBe('0');
    expect(fillGrowth(dec('0.5'), dec('0.4')).toFixed()).toBe('0');
  });
});
