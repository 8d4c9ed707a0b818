import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  it('sends calls of the same turn together, and calls made while a statement runs in the next', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let started: () => void = () => {};
    const firstStarted = new Promise<void>((r) => (started = r));
    const group = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) {
        started();
        await gate;
      }
      return items.map((i) => i * 10);
    });
    const first = [1, 2].map((i) => group.run(i));
    await firstStarted;
    const rest = [3, 4, 5].map((i) => group.run(i));
    release();
    expect(await Promise.all([...first, ...rest])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2], [3, 4, 5]]);
  });

  it('fails every caller of a failed batch, and keeps serving later calls', async () => {
    let fail = true;
    const group = new GroupCommit<number, number>(async (items) => {
      if (fail) throw new Error('boom');
      return items;
    });
    await expect(group.run(1)).rejects.toThrow('boom');
    fail = false;
    await expect(group.run(2)).resolves.toBe(2);
  });

  it('caps a batch', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>(async (items) => (sizes.push(items.length), items), { maxBatch: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((i) => group.run(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
  });
});
