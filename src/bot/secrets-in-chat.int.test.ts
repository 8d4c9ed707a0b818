import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessApp } from '../../test/support/in-process-app.js';
import { commandHistory, kvState } from '../db/schema.js';

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const eve: User = { id: 6601, is_bot: false, first_name: 'Eve' };

/** Keys typed where none was asked for: deleted from the chat, never stored in clear. */
describe('secrets typed in the chat', () => {
  let h: Awaited<ReturnType<typeof inProcessApp>>;
  beforeAll(async () => {
    h = await inProcessApp({ ENCRYPTION_KEY: '11'.repeat(32) });
    await h.say(eve, '/start');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const everythingStored = async () => JSON.stringify([await h.app.database.db.select().from(commandHistory), await h.app.database.db.select().from(kvState)]);

  it('deletes “/connect binance KEY SECRET” and keeps only a placeholder; /connect still starts its safe flow', async () => {
    const sent = h.emulator.userSendsText(eve, { id: eve.id, type: 'private', first_name: 'Eve' }, `/connect binance ${KEY} ${SECRET}`);
    await h.app.bot.handleUpdate(sent);
    expect(h.emulator.message(eve.id, sent.message!.message_id)).toBeUndefined(); // deleted from the chat
    const said = h.emulator.history(eve.id).filter((m) => m.from?.is_bot).map((m) => m.text);
    expect(said.some((t) => t?.includes('looked like an API key or secret, so I deleted your message'))).toBe(true);
    expect(said.at(-1)).toContain('Connect an exchange');
    const stored = await everythingStored();
    expect(stored).not.toContain(KEY);
    expect(stored).not.toContain(SECRET);
    expect(stored).toContain('/connect binance [secret removed] [secret removed]');
    await h.say(eve, '/cancel');
  });

  it('deletes a key pasted as an ordinary message and answers how to connect safely', async () => {
    const reply = await h.say(eve, KEY);
    expect(reply?.text).toContain('To connect an exchange, send /connect');
    const stored = await everythingStored();
    expect(stored).not.toContain(KEY);
    expect(stored).toContain('secret_removed');
  });
});
