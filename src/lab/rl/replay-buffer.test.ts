import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/seeded-random.js';
import { ReplayBuffer } from './replay-buffer.js';

const state = (v: number) => Float32Array.of(v, -v);

describe('the replay buffer', () => {
  it('keeps the newest transitions once full, overwriting the oldest', () => {
    const buffer = new ReplayBuffer(3, 2);
    for (let k = 1; k <= 5; k++) buffer.push(state(k), k % 2, k * 10, state(k + 1), k === 5);
    expect(buffer.size).toBe(3);
    const seen = new Set<number>();
    const batch = buffer.sample(60, seededRandom(1));
    for (let i = 0; i < batch.size; i++) {
      const s = batch.states[i * 2]!;
      seen.add(s);
      // Each sampled row stays one transition: its reward, action, next state and end flag go with it.
      expect(batch.rewards[i]).toBe(s * 10);
      expect(batch.actions[i]).toBe(s % 2);
      expect(batch.nextStates[i * 2]).toBe(s + 1);
      expect(batch.dones[i]).toBe(s === 5 ? 1 : 0);
    }
    expect([...seen].sort()).toEqual([3, 4, 5]);
  });

  it('samples the same batch from the same seed', () => {
    const buffer = new ReplayBuffer(100, 2);
    for (let k = 0; k < 100; k++) buffer.push(state(k), 0, k, state(k), false);
    expect([...buffer.sample(16, seededRandom(9)).rewards]).toEqual([...buffer.sample(16, seededRandom(9)).rewards]);
    expect([...buffer.sample(16, seededRandom(9)).rewards]).not.toEqual([...buffer.sample(16, seededRandom(10)).rewards]);
  });

  it('refuses a state of the wrong width and sampling when empty', () => {
    const buffer = new ReplayBuffer(4, 2);
    expect(() => buffer.sample(1, Math.random)).toThrow(/empty/);
    expect(() => buffer.push(Float32Array.of(1), 0, 0, state(1), false)).toThrow(/2 values/);
  });
});
