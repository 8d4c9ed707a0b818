import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiEmulator } from '../../src/api/playground/bot-api-emulator.js';
import { asGrammyFetch } from '../../src/api/playground/bot-api-fetch.js';
import { registerPlayground } from '../../src/api/playground/playground-routes.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createEchoBot } from '../fakes/echo-bot.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** The playground with the echo bot behind it, as the app wires it: same bot code, in-process Bot API. */
async function startPlayground(port = 0): Promise<{ app: FastifyInstance; url: string }> {
  const emulator = new BotApiEmulator({ queueForPolling: false });
  const bot = createEchoBot({ token: emulator.token, botInfo: emulator.botInfo, client: { fetch: asGrammyFetch(emulator.fetch), apiRoot: 'http://playground.local' } });
  const app = Fastify();
  await registerPlayground(app, { emulator, deliverUpdate: (update) => bot.handleUpdate(update), logger: silentLogger() });
  const url = await app.listen({ port, host: '127.0.0.1' });
  return { app, url };
}

describe.skipIf(!existsSync(CHROMIUM))(`the playground page in Chromium (skipped when ${CHROMIUM} is absent: apt-get install -y chromium)`, () => {
  let server: { app: FastifyInstance; url: string };
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startPlayground();
    userDataDir = await mkdtemp(join(tmpdir(), 'parley-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 420, height: 760 } });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.locator('body[data-ready="true"]').waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await server?.app.close();
    if (userDataDir !== undefined) await rm(userDataDir, { recursive: true, force: true });
  });

  const messages = () => page.locator('#log > li.msg');
  const botReply = () => messages().filter({ hasText: /you said/i }).last();

  it('shows the reply to a typed message, with the bold part bold and user text never read as HTML', async () => {
    await page.getByLabel('Message').fill('buy <b>0.01</b> btc');
    await page.keyboard.press('Enter');
    await expect.poll(() => botReply().locator('.text').textContent()).toBe('You said: buy <b>0.01</b> btc');
    expect(await botReply().locator('.text strong').textContent()).toBe('buy <b>0.01</b> btc');
    expect(await botReply().locator('.reply-ref').textContent()).toContain('Alice: buy <b>0.01</b> btc');
    expect(await page.locator('#log b').count()).toBe(0);
    expect(await messages().first().getAttribute('class')).toContain('mine');
    await page.screenshot({ path: '/tmp/parley-playground.png', fullPage: true });
  });

  it("shows a toast when another user presses someone else's button", async () => {
    await page.getByLabel('You are').selectOption('bob');
    expect(await messages().first().getAttribute('class')).toContain('theirs');
    await botReply().getByRole('button', { name: '📣 Shout it' }).click();
    await expect.poll(() => page.locator('#toast.visible').textContent()).toBe('Only the author can shout this.');
    expect(await botReply().locator('.text').textContent()).toBe('You said: buy <b>0.01</b> btc');
  });

  it('edits the message in place when its author presses the button', async () => {
    await page.getByLabel('You are').selectOption('alice');
    const reply = botReply();
    const id = await reply.getAttribute('data-message-id');
    await reply.getByRole('button', { name: '📣 Shout it' }).click();
    const edited = page.locator(`#log > li[data-message-id="${id}"]`);
    await expect.poll(() => edited.locator('.text').textContent()).toBe('YOU SAID: BUY <B>0.01</B> BTC');
    expect(await edited.locator('.edited').textContent()).toBe('edited');
    expect(await edited.getByRole('button').count()).toBe(0);
    expect(await messages().count()).toBe(2);
    expect(await messages().last().getAttribute('data-message-id')).toBe(id);
    await expect.poll(() => page.locator('#toast.visible').textContent()).toBe('Shouted!');
  });

  it('sends a suggestion chip and works from the keyboard alone', async () => {
    await page.getByRole('button', { name: 'portfolio' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => botReply().locator('.text').textContent()).toBe('You said: portfolio');
    await page.screenshot({ path: '/tmp/parley-playground-2.png', fullPage: true });
  });

  it('reconnects after the server restarts and shows the new chat', async () => {
    const port = Number(new URL(server.url).port);
    await server.app.close();
    await page.locator('body[data-ready="false"]').waitFor();
    expect(await page.locator('#status').textContent()).toContain('reconnecting');
    server = await startPlayground(port);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 15_000 });
    expect(await messages().count()).toBe(0);
    await page.getByLabel('Message').fill('back again');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => botReply().locator('.text').textContent()).toBe('You said: back again');
  });
});
