import type { Chat, User } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { BotApiEmulator } from './bot-api-emulator.js';

const alice: User = { id: 1001, is_bot: false, first_name: 'Alice' };
const dm: Chat = { id: 1001, type: 'private', first_name: 'Alice' };
const root = 'http://playground.local';

describe('emulator.fetch', () => {
  it('answers /bot<token>/<method> with a JSON body, like api.telegram.org', async () => {
    const tg = new BotApiEmulator();
    tg.userSendsText(alice, dm, 'hi');
    const response = await tg.fetch(`${root}/bot${tg.token}/sendMessage`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: dm.id, text: '<i>hey</i>', parse_mode: 'HTML' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, result: { message_id: 2, text: 'hey', entities: [{ type: 'italic', offset: 0, length: 3 }] } });
  });

  it('reads form bodies and query strings, with JSON-encoded markup', async () => {
    const tg = new BotApiEmulator();
    tg.userSendsText(alice, dm, 'hi');
    const body = new URLSearchParams({ text: 'pick', reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }) });
    const response = await tg.fetch(`${root}/bot${tg.token}/sendmessage?chat_id=${dm.id}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString(),
    });
    expect(await response.json()).toMatchObject({ ok: true, result: { text: 'pick', reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } } });
  });

  it('answers 401 for another token, 404 for other paths, and a clear 400 for uploads', async () => {
    const tg = new BotApiEmulator();
    const wrongToken = await tg.fetch(`${root}/bot123:nope/getMe`);
    expect(wrongToken.status).toBe(401);
    expect(await wrongToken.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    expect((await tg.fetch(`${root}/favicon.ico`)).status).toBe(404);
    const upload = await tg.fetch(`${root}/bot${tg.token}/sendDocument`, { method: 'POST', body: new FormData() });
    expect(upload.status).toBe(400);
    expect(await upload.json()).toMatchObject({ description: expect.stringContaining('multipart file uploads are not emulated') });
    const broken = await tg.fetch(`${root}/bot${tg.token}/getMe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(await broken.json()).toMatchObject({ error_code: 400, description: "Bad Request: can't parse JSON body" });
  });
});
