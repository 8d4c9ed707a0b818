import { describe, expect, it } from 'vitest';
import { AccountNotFound } from '../../accounts/errors.js';
import { KeysRefused } from '../../exchange/exchange-registry.js';
import { AppError, InsufficientFunds } from '../../shared/errors.js';
import { errorText } from './error-text.js';

describe('errors in the chat’s words', () => {
  it('names the command that helps, where the core only names the problem', () => {
    expect(new KeysRefused('Binance').userMessage).not.toContain('/connect');
    expect(errorText(new KeysRefused('Binance'))).toBe('Your Binance keys were refused; reconnect with /connect. (Check that the key still exists and may trade.)');
    expect(new AccountNotFound().userMessage).not.toContain('/accounts');
    expect(errorText(new AccountNotFound())).toContain('/accounts shows them');
  });

  it('keeps the core’s own sentence where the chat has nothing to add, and never shows a stack', () => {
    expect(errorText(new InsufficientFunds('You have 5.00 USDT free.'))).toBe('You have 5.00 USDT free.');
    expect(errorText(new AppError('x.y', 'Plain.'))).toBe('Plain.');
    expect(errorText(new TypeError('Cannot read properties of undefined'))).toBe('Something went wrong on our side. Please try again in a moment.');
  });
});
