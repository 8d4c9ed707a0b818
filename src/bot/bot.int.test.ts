import { asc } from 'drizzle-orm';
import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../test/support/in-process-app.js';
import { commandHistory } from '../db/schema.js';

const zoe: User = { id: 777, is_bot: false, first_name: 'Zoe <script>' };

/** The bot on the real stack in one process: what a user sees, and what is stored. */
describe('the bot, in process', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  beforeAll(async () => {
    h = await inProcessApp();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const historyRows = async (): Promise<Array<Record<string, unknown>>> => h.app.database.db.select().from(commandHistory).orderBy(asc(commandHistory.id));

  it('escapes user-supplied names in HTML', async () => {
    const reply = await h.say(zoe, '/start');
    expect(reply?.text).toContain('Hi Zoe <script>!');
    // The emulator parses the HTML as Telegram would: a raw "<script>" would have been refused.
  });

  it('records every message with its parse and outcome, including conversation replies', async () => {
    await h.say(zoe, 'price of eth');
    await h.say(zoe, 'buy btc');
    await h.say(zoe, '0.001');
    await h.say(zoe, 'tell me a joke');
    const rows = await historyRows();
    expect(rows.map((r) => [r.text, r.intent, r.outcome])).toEqual([
      ['/start', 'command', 'command'],
      ['price of eth', 'get_price', 'answered'],
      ['buy btc', 'buy_market', 'asked_amount'],
      ['0.001', null, 'conversation_reply'],
      ['tell me a joke', 'unknown', 'not_understood'],
    ]);
    const price = rows[1]!;
    expect(price).toMatchObject({ parser: 'offline', entities: { symbol: 'ETH/USDT' } });
    expect(Number(price.confidence)).toBeGreaterThan(0.5);
    expect(String(price.reply)).toContain('ETH');
  });

  it('answers messages that are not text', async () => {
    await h.app.bot.handleUpdate({
      update_id: 999_001,
      message: { message_id: 1, date: 0, chat: { id: zoe.id, type: 'private', first_name: 'Zoe' }, from: zoe, sticker: { file_id: 'x', file_unique_id: 'y', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } },
    });
    expect(h.emulator.history(zoe.id).at(-1)?.text).toContain('text messages only');
  });

  describe('how sure the parser is', () => {
    let sure: Awaited<ReturnType<typeof inProcessApp>>;
    let confidence = 0.9;
    beforeAll(async () => {
      const parser = { parse: async () => ({ command: { intent: 'buy_market' as const, symbol: 'BTC/USDT', amount: 0.001 }, confidence, parser: 'offline' as const }) };
      sure = await inProcessApp({}, { parser });
    }, 60_000);
    afterAll(async () => {
      await sure?.close();
    });

    it('previews a confident reading as is', async () => {
      confidence = 0.9;
      const reply = await sure.say(zoe, 'buy 0.001 btc');
      expect(reply?.text).toContain('Buy 0.001 BTC');
      expect(reply?.text).not.toContain('not fully sure');
      expect(sure.buttons(reply).map((b) => b.text)).toEqual(['✅ Confirm', '✖ Cancel']);
    });

    it('warns on a doubtful reading', async () => {
      confidence = 0.55;
      const reply = await sure.say(zoe, 'bye 0.001 btc-ish');
      expect(reply?.text).toContain('not fully sure I understood you');
      expect(sure.buttons(reply).map((b) => b.text)).toEqual(['✅ Confirm', '✖ Cancel']);
    });

    it('reads a weak reading back instead of previewing it', async () => {
      confidence = 0.3;
      const reply = await sure.say(zoe, 'hmm btc 0.001 maybe');
      expect(reply?.text).toContain('Did you mean to buy 0.001 BTC?');
      expect(sure.buttons(reply)).toEqual([]);
    });
  });
});
