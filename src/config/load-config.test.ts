import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';

describe('loadConfig', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './.parley', MARKET_DATA: 'replay', LOG_LEVEL: 'info', telegramMode: 'playground' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
  });

  it('picks polling with a token and webhook with a token and URL', () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN }).telegramMode).toBe('polling');
    const hook = loadConfig({ BOT_TOKEN: TOKEN, WEBHOOK_URL: 'https://bot.example.com/tg/hook' });
    expect(hook.telegramMode).toBe('webhook');
    expect(hook.webhookPath).toBe('/tg/hook');
    // Derived secret: stable across instances, valid for Telegram, not the token itself.
    expect(hook.webhookSecret).toMatch(/^[a-f0-9]{64}$/);
    expect(hook.webhookSecret).toBe(loadConfig({ BOT_TOKEN: TOKEN, WEBHOOK_URL: 'https://x.example/y' }).webhookSecret);
    expect(hook.webhookSecret).not.toContain(TOKEN.split(':')[1]);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ BOT_TOKEN: '', PORT: '', DATABASE_URL: ' ' }).telegramMode).toBe('playground');
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['PORT', '70000', /PORT/],
    ['BOT_TOKEN', 'not-a-token', /BOT_TOKEN: must look like/],
    ['DATABASE_URL', 'mysql://localhost/db', /DATABASE_URL: must be a postgres/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL: must be a redis/],
    ['MARKET_DATA', 'sometimes', /MARKET_DATA: must be replay, book, live or auto/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['WEBHOOK_SECRET', 'short', /WEBHOOK_SECRET/],
    ['TELEGRAM_API_ROOT', 'ftp://x', /TELEGRAM_API_ROOT/],
  ])('names %s when it is wrong', (name, value, message) => {
    expect(() => loadConfig({ BOT_TOKEN: TOKEN, [name]: value })).toThrow(message);
  });

  it('never echoes a bad value (it may be a secret)', () => {
    const secret = 'sk-this-is-secret-$$$';
    expect(() => loadConfig({ WEBHOOK_SECRET: secret })).toThrow(/WEBHOOK_SECRET/);
    try {
      loadConfig({ WEBHOOK_SECRET: secret });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(secret);
    }
  });

  it('lists every wrong variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', MARKET_DATA: 'y' })).toThrow(/PORT[\s\S]*MARKET_DATA|MARKET_DATA[\s\S]*PORT/);
  });

  it('refuses a webhook without a token', () => {
    expect(() => loadConfig({ WEBHOOK_URL: 'https://bot.example.com/hook' })).toThrow(/WEBHOOK_URL.*BOT_TOKEN/);
  });

  it('listens on loopback only in playground mode (no login there), on every interface with a bot token, unless HOST says otherwise', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: ' ' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ BOT_TOKEN: TOKEN }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ BOT_TOKEN: TOKEN, WEBHOOK_URL: 'https://bot.example.com/hook' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ BOT_TOKEN: TOKEN, HOST: '10.0.0.5' }).HOST).toBe('10.0.0.5');
  });
});

