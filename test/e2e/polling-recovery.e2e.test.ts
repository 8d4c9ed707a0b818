import type { Chat, User } from 'grammy/types';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/compose/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { openDatabase } from '../../src/db/client.js';
import { processedUpdates } from '../../src/db/schema.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/fake-telegram-server.js';

/**
 * Long polling (a token, no webhook) after a crash: Telegram hands out again the updates the
 * dead process had taken but not confirmed. One it had claimed must wait for that claim to
 * lapse — and be handled then, not dropped — while the bot goes on answering everything else.
 */
describe('long polling after a restart', () => {
  let tg: FakeTelegram | undefined;
  let app: App | undefined;

  afterAll(async () => {
    await app?.stop();
    await tg?.close();
  });

  it('handles an update the dead process had claimed once its claim lapses, and keeps polling meanwhile', async () => {
    tg = await startFakeTelegram();
    const ann: User = { id: 7101, is_bot: false, first_name: 'Ann' };
    const chat: Chat = { id: ann.id, type: 'private', first_name: 'Ann' } as Chat;
    const database = await openDatabase({ dataDir: ':memory:', logger: silentLogger() });
    const held = tg.emulator.userSendsText(ann, chat, '/help');
    // The process before this one claimed it 13 s ago and died (the lease is 15 s).
    await database.db.insert(processedUpdates).values({ updateId: held.update_id, claimedBy: 'gone', claimedAt: new Date(Date.now() - 13_000) });

    app = await createApp(
      loadConfig({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, DATA_DIR: ':memory:', MARKET_DATA: 'replay', PORT: '0', HOST: '127.0.0.1' }),
      silentLogger(),
      { database: Promise.resolve(database) },
    );
    await app.start();
    const replyTo = (text: RegExp) => tg!.waitFor((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chat.id && text.test(String(c.params.text)), 30_000);

    // Polling goes on: a later message is answered while the held one waits.
    tg.emulator.userSendsText(ann, chat, 'price of btc');
    const price = await replyTo(/BTC/);
    const help = await replyTo(/Every order gets a preview first/);
    expect(tg.calls.indexOf(price)).toBeLessThan(tg.calls.indexOf(help));
    expect(tg.callsOf('sendMessage').filter((c) => /Every order gets a preview first/.test(String(c.params.text)))).toHaveLength(1);
  }, 45_000);
});
