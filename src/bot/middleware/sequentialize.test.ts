import { describe, expect, it } from 'vitest';
import type { ParleyContext } from '../context.js';
import { sequentializePerChat } from './sequentialize.js';

const ctx = (chatId: number, userId = 1) => ({ chatId, from: { id: userId } }) as unknown as ParleyContext;
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('sequentializePerChat', () => {
  it('runs one chat’s updates in order, one at a time, and other chats alongside', async () => {
    const seq = sequentializePerChat();
    const log: string[] = [];
    const work = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([seq(ctx(1), work('a1')), seq(ctx(1), work('a2')), seq(ctx(2), work('b1'))]);
    expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
  });

  it('keeps going after a handler throws', async () => {
    const seq = sequentializePerChat();
    await expect(seq(ctx(3), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    let ran = false;
    await seq(ctx(3), async () => void (ran = true));
    expect(ran).toBe(true);
  });
});
