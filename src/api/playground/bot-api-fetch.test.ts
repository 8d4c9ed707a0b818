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

  it('answers 401 for another token, 404 for other paths and methods, 400 for a body it cannot read', async () => {
    const tg = new BotApiEmulator();
    const wrongToken = await tg.fetch(`${root}/bot123:nope/getMe`);
    expect(wrongToken.status).toBe(401);
    expect(await wrongToken.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    expect((await tg.fetch(`${root}/favicon.ico`)).status).toBe(404);
    const document = new FormData();
    document.set('chat_id', String(dm.id));
    document.set('document', new Blob([new Uint8Array([1, 2, 3])]), 'a.bin');
    const upload = await tg.fetch(`${root}/bot${tg.token}/sendDocument`, { method: 'POST', body: document });
    expect(await upload.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found: method not found' });
    const odd = await tg.fetch(`${root}/bot${tg.token}/sendMessage`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(await odd.json()).toMatchObject({ error_code: 400, description: expect.stringContaining('JSON, form or multipart bodies only') });
    const broken = await tg.fetch(`${root}/bot${tg.token}/getMe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(await broken.json()).toMatchObject({ error_code: 400, description: "Bad Request: can't parse JSON body" });
  });

  it('takes a photo uploaded as multipart, as grammY sends an InputFile, and keeps its bytes', async () => {
    const tg = new BotApiEmulator();
    tg.userSendsText(alice, dm, '/performance');
    const png = pngOf(800, 500);
    const form = new FormData();
    form.set('chat_id', String(dm.id));
    form.set('caption', '<b>Equity</b> · PAPER');
    form.set('parse_mode', 'HTML');
    form.set('photo', 'attach://chart1');
    form.set('chart1', new Blob([png]), 'performance.png');
    const response = await tg.fetch(`${root}/bot${tg.token}/sendPhoto`, { method: 'POST', body: form });
    const sent = (await response.json()) as { ok: boolean; result: { photo: Array<{ file_id: string; width: number; height: number; file_size: number }>; caption: string } };
    expect(sent).toMatchObject({ ok: true, result: { caption: 'Equity · PAPER', photo: [{ width: 800, height: 500, file_size: png.byteLength }] } });
    expect(tg.photo(sent.result.photo[0]!.file_id)).toEqual({ data: png, contentType: 'image/png' });
    // Sent again by its file_id, as Telegram allows; an unknown one is refused.
    const again = await tg.fetch(`${root}/bot${tg.token}/sendPhoto`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: dm.id, photo: sent.result.photo[0]!.file_id }) });
    expect(await again.json()).toMatchObject({ ok: true, result: { photo: [{ width: 800 }] } });
    const unknown = await tg.fetch(`${root}/bot${tg.token}/sendPhoto`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: dm.id, photo: 'nope' }) });
    expect(await unknown.json()).toMatchObject({ ok: false, error_code: 400 });
  });
});

/** A PNG header with its IHDR (what the emulator reads the size from), and a few bytes of body. */
function pngOf(width: number, height: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(40);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}
