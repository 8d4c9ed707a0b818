import type { Chat, Update, User } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import type { BotApiResponse } from './bot-api-errors.js';
import { BotApiEmulator } from './bot-api-emulator.js';

const alice: User = { id: 1001, is_bot: false, first_name: 'Alice' };
const dm: Chat = { id: 1001, type: 'private', first_name: 'Alice' };
const updatesOf = (response: BotApiResponse): Update[] => {
  if (!response.ok) throw new Error(response.description);
  return response.result as Update[];
};

describe('getUpdates', () => {
  it('waits for an update instead of answering at once, and answers as soon as one arrives', async () => {
    const tg = new BotApiEmulator();
    const started = performance.now();
    const pending = tg.handleCall('getUpdates', { timeout: 10 });
    let settled = false;
    void pending.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(settled).toBe(false);
    const sent = tg.userSendsText(alice, dm, 'hi');
    const updates = updatesOf(await pending);
    expect(updates).toEqual([sent]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('answers an empty list when the timeout passes, not before', async () => {
    const tg = new BotApiEmulator();
    const started = performance.now();
    expect(updatesOf(await tg.handleCall('getUpdates', { timeout: 1 }))).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('keeps updates until an offset confirms them, and honours limit', async () => {
    const tg = new BotApiEmulator();
    const [a, b, c] = ['one', 'two', 'three'].map((text) => tg.userSendsText(alice, dm, text)) as [Update, Update, Update];
    expect(updatesOf(await tg.handleCall('getUpdates', { limit: 2 }))).toEqual([a, b]);
    expect(updatesOf(await tg.handleCall('getUpdates'))).toEqual([a, b, c]);
    expect(updatesOf(await tg.handleCall('getUpdates', { offset: b.update_id + 1 }))).toEqual([c]);
    expect(updatesOf(await tg.handleCall('getUpdates', { offset: String(c.update_id + 1) }))).toEqual([]);
    expect(tg.pendingUpdateCount).toBe(0);
  });

  it('ends a waiting call with 409 when another starts, as a second bot instance would', async () => {
    const tg = new BotApiEmulator();
    const first = tg.handleCall('getUpdates', { timeout: 10 });
    const second = tg.handleCall('getUpdates', { timeout: 10 });
    expect(await first).toEqual({ ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
    tg.userSendsText(alice, dm, 'hi');
    expect(updatesOf(await second)).toHaveLength(1);
  });

  it('rejects with an AbortError when the caller aborts, so a polling bot can stop', async () => {
    const tg = new BotApiEmulator();
    const controller = new AbortController();
    const pending = tg.handleCall('getUpdates', { timeout: 10 }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('does not keep updates for polling when told the app delivers them itself', async () => {
    const tg = new BotApiEmulator({ queueForPolling: false });
    tg.userSendsText(alice, dm, 'hi');
    expect(updatesOf(await tg.handleCall('getUpdates'))).toEqual([]);
  });
});
