import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../support/chat-driver.js';
import { startParley, type Parley } from '../support/parley-harness.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
/** Links (and the views they open) last 24 s here, so the test can watch one end. */
const LINK_MINUTES = 0.4;

const linkIn = (html: string): string => {
  const found = /<a href="([^"]+)">/.exec(html);
  if (!found) throw new Error(`no link in: ${html}`);
  return found[1]!.replace(/&amp;/g, '&');
};

/**
 * The read-only web view end to end: the real app in webhook mode, /web in the chat, the link
 * opened in Chromium, a trade made in the chat showing up on the page by itself.
 */
describe.skipIf(!existsSync(CHROMIUM))(`the web view from the chat, in Chromium (skipped when ${CHROMIUM} is absent)`, () => {
  let parley: Parley;
  let browser: Browser;
  let profile: string;

  beforeAll(async () => {
    parley = await startParley({ WEB_LINK_MINUTES: String(LINK_MINUTES) });
    profile = await mkdtemp(join(tmpdir(), 'parley-web-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    expect(await parley?.close()).toBe(0);
  });

  const openView = async (link: string, viewport = { width: 390, height: 844 }): Promise<Page> => {
    const page = await browser.newPage({ viewport });
    await page.goto(link);
    return page;
  };

  it('opens from /web, updates live after a trade in the chat, offers no way to trade, and ends on time', async () => {
    const ada = parley.chat(9101, 'Ada');
    await ada.ask('/start', '10,000.00 USDT');
    const preview = await ada.ask('buy 0.01 btc', 'Confirm');
    await ada.confirm(preview, 'Bought');
    const message = await ada.ask('/web', 'Open your portfolio');
    const link = linkIn(textOf(message));
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/web\/#c=[A-Za-z0-9_-]{43}$/);

    const page = await openView(link);
    await page.locator('#main:not([hidden])').waitFor({ timeout: 15_000 });
    // The code left the address bar, and the page shows the portfolio.
    expect(page.url()).toMatch(/\/web\/$/);
    expect(await page.locator('#value').textContent()).toMatch(/^[\d,]+\.\d\d USDT$/);
    expect(await page.locator('#positions').textContent()).toContain('BTC');
    expect(await page.locator('#positions').textContent()).not.toContain('ETH');
    await page.screenshot({ path: join(tmpdir(), 'parley-web-phone.png'), fullPage: true });

    // A trade in the chat reaches the page by itself, over the websocket.
    const eth = await ada.ask('buy 0.1 eth', 'Confirm');
    await ada.confirm(eth, 'Bought');
    await expect.poll(() => page.locator('#positions').textContent(), { timeout: 15_000 }).toContain('ETH');
    expect(await page.locator('#fills').textContent()).toMatch(/Bought 0\.1\s*ETH/);

    // Read-only: nothing on the page can place, change or cancel anything.
    expect(await page.locator('button, input, select, textarea, form, [contenteditable]').count()).toBe(0);

    // The link opened once: a second opening is refused and says why.
    const again = await openView(link, { width: 1280, height: 900 });
    await expect.poll(() => again.locator('#status').textContent(), { timeout: 10_000 }).toContain('already used');
    expect(await again.locator('#main').isHidden()).toBe(true);

    // The view ends when its time is up: the socket closes and the page says what to do.
    await expect.poll(() => page.locator('#status').textContent(), { timeout: LINK_MINUTES * 60_000 + 15_000 }).toContain('This view has ended');
    expect(await page.locator('#main').isHidden()).toBe(true);
  }, 120_000);

  it('refuses a link opened after it expired', async () => {
    const ben = parley.chat(9102, 'Ben');
    await ben.ask('/start', '10,000.00 USDT');
    const link = linkIn(textOf(await ben.ask('/web', 'Open your portfolio')));
    await new Promise((resolve) => setTimeout(resolve, LINK_MINUTES * 60_000 + 1_000));
    const page = await openView(link);
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 10_000 }).toContain('This link has expired');
    expect(await page.locator('#main').isHidden()).toBe(true);
  }, 90_000);

  it('answers /web in a group with a pointer to the private chat, and sends no link there', async () => {
    const cal = parley.chat(9103, 'Cal');
    await cal.ask('/start', '10,000.00 USDT');
    const group = { id: -9103, type: 'group' as const, title: 'Traders' };
    const mark = cal.mark();
    await cal.send(parley.tg.emulator.userSendsText(cal.user, group, '/web'));
    const answer = await parley.tg.waitFor((c) => parley.tg.calls.indexOf(c) >= mark && c.method === 'sendMessage' && Number(c.params.chat_id) === group.id, 15_000);
    expect(textOf(answer)).not.toContain('/web/#c=');
  }, 30_000);
});
