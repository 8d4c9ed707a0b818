import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/app-process.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The real app with no BOT_TOKEN: the playground at / drives the real bot, in headless Chromium. */
describe.skipIf(!existsSync(CHROMIUM))(`the app's chat playground in Chromium (skipped when ${CHROMIUM} is absent)`, () => {
  let app: AppProcess;
  let dataDir: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'parley-playground-'));
    // HOST empty is HOST unset: the playground's own default.
    app = await startAppProcess({ DATA_DIR: dataDir, MARKET_DATA: 'replay', HOST: '' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    page = await browser.newPage({ viewport: { width: 480, height: 900 } });
    await page.goto(`${app.url}/`);
    await page.locator('body[data-ready="true"]').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const messages = () => page.locator('#log > li.msg');
  // The bot's messages: those with a sender line reading "Parley".
  const botMessages = () => messages().filter({ has: page.locator('.sender', { hasText: 'Parley' }) });
  const lastBotMessage = () => botMessages().last();
  /** Locators re-evaluate lazily: pin a message by its id, since edits change its text. */
  const pinned = async (text: RegExp) => {
    const match = botMessages().filter({ hasText: text }).last();
    await match.waitFor({ timeout: 10_000 });
    return page.locator(`#log > li[data-message-id="${await match.getAttribute('data-message-id')}"]`);
  };
  const say = async (text: string) => {
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.keyboard.press('Enter');
  };

  it('listens on loopback only, as it has no login, and says so when it starts', async () => {
    expect(app.output()).toContain('listening on 127.0.0.1 only');
    const outside = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (outside) await expect(fetch(`http://${outside.address}:${app.port}/health`, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
  });

  it('greets on /start with the paper balance', async () => {
    await say('/start');
    await expect.poll(() => lastBotMessage().textContent(), { timeout: 10_000 }).toContain('10,000.00 USDT');
  });

  it('keeps money out of the group: a buy there points to the private chat, whose button opens it', async () => {
    await say('buy 0.01 btc');
    const private_ = await pinned(/private chat/);
    await private_.getByRole('link', { name: 'Open a private chat' }).click();
    await expect.poll(() => page.locator('#chat').inputValue()).toBe('private');
    await expect.poll(() => page.locator('#bot-name').textContent()).toContain('private');
  });

  it('previews a buy in the private chat and executes it once', async () => {
    await say('buy 0.01 btc');
    const preview = await pinned(/Buy 0\.01 BTC/);
    await expect.poll(() => preview.getByRole('button', { name: /Confirm/ }).count(), { timeout: 10_000 }).toBe(1);
    expect(await preview.textContent()).toContain('PAPER');
    await preview.getByRole('button', { name: /Confirm/ }).click();
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain('Bought 0.01 BTC');
    expect(await preview.getByRole('button').count()).toBe(0);
  });

  it('shows the position in the portfolio', async () => {
    await say('portfolio');
    await expect.poll(() => lastBotMessage().textContent(), { timeout: 10_000 }).toMatch(/BTC\s*0\.01 ≈/);
  });

  it('cancels a preview', async () => {
    await say('sell half my btc');
    const preview = await pinned(/Sell 0\.005 BTC/);
    await expect.poll(() => preview.getByRole('button', { name: /Cancel/ }).count(), { timeout: 10_000 }).toBe(1);
    await preview.getByRole('button', { name: /Cancel/ }).click();
    await expect.poll(() => preview.textContent()).toContain('Cancelled');
  });

  it('in the group, refuses Bob’s press on Alice’s alert and lets Alice remove it', async () => {
    await page.locator('#chat').selectOption('group');
    await expect.poll(() => page.locator('#bot-name').textContent()).not.toContain('private');
    await say('alert me when btc drops below 1000');
    const set = await pinned(/Alert set/);
    await page.getByLabel('You are').selectOption('bob');
    await set.getByRole('button', { name: /Remove/ }).click();
    await expect.poll(() => page.locator('dialog[open]').textContent()).toContain('isn’t your alert');
    await page.locator('dialog[open]').getByRole('button', { name: 'OK' }).click();
    await page.getByLabel('You are').selectOption('alice');
    await set.getByRole('button', { name: /Remove/ }).click();
    await expect.poll(() => set.textContent(), { timeout: 10_000 }).toContain('Alert removed');
  });
});
