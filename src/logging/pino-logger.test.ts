import { Writable } from 'node:stream';
import { BotError, GrammyError, HttpError, type Context } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createLogger } from './pino-logger.js';

const TOKEN = '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';
const USER_TEXT = 'my seed phrase is correct horse battery staple';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

const failedSend = () =>
  new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 400, description: 'Bad Request: chat not found' }, 'sendMessage', { chat_id: 42, text: `You said: ${USER_TEXT}` });

describe('the logger', () => {
  it('logs a failed Bot API call with its method, code and description, not the message it was sending', () => {
    const { logger, lines } = capture();
    logger.error({ err: failedSend() }, 'update failed');
    const line = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ type: 'GrammyError', method: 'sendMessage', error_code: 400, description: 'Bad Request: chat not found' });
    expect(lines[0]).not.toContain(USER_TEXT);
  });

  it('logs an error grammY wrapped with its update (BotError) without the update’s content, and nested errors the same way', () => {
    const { logger, lines } = capture();
    const ctx = { update: { update_id: 77, message: { text: USER_TEXT } } } as unknown as Context;
    logger.error({ err: new BotError(failedSend(), ctx) }, 'unhandled');
    logger.error({ err: new Error('wrapped', { cause: new BotError(failedSend(), ctx) }) }, 'unhandled');
    const line = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ type: 'BotError', updateId: 77, error: { method: 'sendMessage' } });
    for (const text of lines) expect(text).not.toContain(USER_TEXT);
  });

  it('scrubs the bot token from a network error nested in grammY’s HttpError (its message holds the request URL)', () => {
    const { logger, lines } = capture();
    const network = new Error(`request to http://127.0.0.1:9/bot${TOKEN}/sendMessage failed, reason: socket hang up`);
    logger.error({ err: new HttpError("Network request for 'sendMessage' failed!", network) }, 'gave up');
    expect(lines[0]).toContain('socket hang up');
    expect(lines[0]).not.toContain(TOKEN.split(':')[1]);
  });
});
