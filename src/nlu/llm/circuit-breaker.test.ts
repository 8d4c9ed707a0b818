import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.js';
import { CircuitBreaker } from './circuit-breaker.js';

function breaker(threshold = 3, cooldownMs = 10_000) {
  const clock = new ManualClock(0);
  return { clock, breaker: new CircuitBreaker({ failureThreshold: threshold, cooldownMs, clock }) };
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, not before', () => {
    const { breaker: b } = breaker(3);
    expect(b.recordFailure()).toBe(false);
    expect(b.recordFailure()).toBe(false);
    expect(b.tryAcquire()).toBe(true);
    expect(b.recordFailure()).toBe(true);
    expect(b.state()).toBe('open');
    expect(b.tryAcquire()).toBe(false);
  });

  it('counts consecutive failures only: a success in between resets the count', () => {
    const { breaker: b } = breaker(2);
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    expect(b.state()).toBe('closed');
  });

  it('after the cooldown lets exactly one trial through; success closes it', () => {
    const { clock, breaker: b } = breaker(1, 10_000);
    b.recordFailure();
    clock.advance(9_999);
    expect(b.tryAcquire()).toBe(false);
    clock.advance(1);
    expect(b.state()).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // a second message while the trial is out
    expect(b.recordSuccess()).toBe(true);
    expect(b.state()).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('a failed trial opens it for another cooldown', () => {
    const { clock, breaker: b } = breaker(1, 10_000);
    b.recordFailure();
    clock.advance(10_000);
    expect(b.tryAcquire()).toBe(true);
    expect(b.recordFailure()).toBe(true);
    clock.advance(9_999);
    expect(b.tryAcquire()).toBe(false);
    clock.advance(1);
    expect(b.tryAcquire()).toBe(true);
  });

  it('a trial whose outcome never comes back stops blocking after a cooldown', () => {
    const { clock, breaker: b } = breaker(1, 10_000);
    b.recordFailure();
    clock.advance(10_000);
    expect(b.tryAcquire()).toBe(true);
    clock.advance(10_000);
    expect(b.tryAcquire()).toBe(true);
  });

  it('honours retry-after at once, capped', () => {
    const { clock, breaker: b } = breaker(5, 1000);
    expect(b.recordFailure(20_000)).toBe(true);
    clock.advance(19_999);
    expect(b.tryAcquire()).toBe(false);
    clock.advance(1);
    expect(b.tryAcquire()).toBe(true);
    b.recordSuccess();
    b.recordFailure(3_600_000); // an hour asked; five minutes granted
    clock.advance(300_000);
    expect(b.tryAcquire()).toBe(true);
  });

  it('a late failure from before the opening is not reported as a new opening', () => {
    const { breaker: b } = breaker(1);
    expect(b.recordFailure()).toBe(true);
    expect(b.recordFailure()).toBe(false);
  });
});
