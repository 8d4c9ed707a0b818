import { describe, expect, it } from 'vitest';
import { TelegramLimits } from './telegram-limits.js';

describe('the fake Bot API’s flood limits', () => {
  it('refuses a second message to one chat within a second, with a retry_after', () => {
    const limits = new TelegramLimits();
    expect(limits.take(1, 0)).toEqual({ ok: true });
    expect(limits.take(1, 999)).toEqual({ ok: false, retryAfter: 1 });
    expect(limits.take(1, 1000)).toEqual({ ok: true });
    expect(limits.seen).toMatchObject({ maxPerChatPerSecond: 1, refused: 1 });
  });

  it('refuses the 31st message in a second to all chats together', () => {
    const limits = new TelegramLimits();
    for (let chat = 1; chat <= 30; chat++) expect(limits.take(chat, chat)).toEqual({ ok: true });
    expect(limits.take(31, 500)).toMatchObject({ ok: false });
    expect(limits.take(31, 1001)).toEqual({ ok: true });
    expect(limits.seen.maxPerSecond).toBe(30);
  });

  it('lets a group have 20 a minute', () => {
    const limits = new TelegramLimits({ perSecond: 30, perChatPerSecond: 100, perGroupPerMinute: 20 });
    for (let i = 0; i < 20; i++) expect(limits.take(-5, i * 10)).toEqual({ ok: true });
    expect(limits.take(-5, 30_000)).toEqual({ ok: false, retryAfter: 30 });
    expect(limits.take(-5, 60_001)).toEqual({ ok: true });
  });
});
