import { Api } from 'grammy';
import type { User } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { BotApiEmulator } from '../api/playground/bot-api-emulator.js';
import { asGrammyFetch } from '../api/playground/bot-api-fetch.js';
import { CandleFolder } from '../lab/lab-candles.js';
import { LAB_EVENTS } from '../lab/lab-service.js';
import { runLab } from '../lab/lab-work.js';
import type { Notification } from '../notifications/notification.js';
import { silentLogger } from '../shared/logger.js';
import { projectPath } from '../shared/project-paths.js';
import { TelegramChannel } from './telegram-channel.js';

const user: User = { id: 6101, is_bot: false, first_name: 'Cy' };
const result = await runLab(
  { kind: 'backtest', backtest: { strategy: 'ema', symbol: 'ADA', from: '2021-03-01', to: '2021-04-01' } },
  { candles: new CandleFolder(projectPath('data/candles')), train: async () => ({ act: () => 0, describe: () => '', dispose: () => {} }), feeRate: 0.001, cash: 10_000 },
);

function setUp() {
  const emulator = new BotApiEmulator({ queueForPolling: false });
  const api = new Api(emulator.token, { fetch: asGrammyFetch(emulator.fetch), apiRoot: 'http://playground.local' });
  const targets = new Map<string, { chatId: number; messageId: number | null }>();
  const channel = new TelegramChannel({
    api,
    identities: { identitiesOf: async (_p, ids) => new Map(ids.map((id) => [id, { subject: String(user.id), blocked: false }])), markBlocked: async () => {} },
    targets: { get: async (_c, subjects) => new Map(subjects.filter((s) => targets.has(s)).map((s) => [s, targets.get(s)!])) },
    logger: silentLogger(),
  });
  emulator.userSendsText(user, { id: user.id, type: 'private', first_name: user.first_name }, 'backtest ema on ada');
  return { emulator, api, channel, targets };
}

const notification = (kind: string, payload: unknown): Notification => ({ id: 1, key: `k-${kind}`, userId: 1, kind, subject: 'lab:run1', payload, urgent: true, status: 'sending', attempts: 1, createdAt: new Date() });

describe('the Telegram channel and lab runs', () => {
  it('edits the progress message into the card, then sends the chart; an unchanged progress edit counts as sent', async () => {
    const { emulator, api, channel, targets } = setUp();
    const progress = await api.sendMessage(user.id, '⏳ Backtesting… 0%');
    targets.set('lab:run1', { chatId: user.id, messageId: progress.message_id });
    const step = notification(LAB_EVENTS.progress, { runId: 'run1', title: 'EMA cross on ADA/USDT', progress: 0.5 });
    const [resolved] = [...(await channel.resolve([step])).values()];
    expect(resolved).toEqual({ target: { chatId: user.id, group: false, messageId: progress.message_id } });
    const target = (resolved as { target: Parameters<TelegramChannel['send']>[1] }).target;
    expect(await channel.send([step], target)).toEqual({ outcome: 'sent' });
    expect(await channel.send([step], target)).toEqual({ outcome: 'sent' });
    expect(emulator.message(user.id, progress.message_id)?.text).toMatch(/… 50%/);

    expect(await channel.send([notification(LAB_EVENTS.finished, { runId: 'run1', title: result.title, result })], target)).toEqual({ outcome: 'sent' });
    expect(emulator.message(user.id, progress.message_id)?.text).toMatch(/^📈 EMA cross on ADA\/USDT/);
    const last = emulator.history(user.id).at(-1)!;
    expect(last.photo).toBeDefined();
    expect(last.caption).toContain('equity vs buy & hold');
  });

  it('sends the card as a new message when the progress message is gone, and skips a run with no chat message (one from the API)', async () => {
    const { emulator, api, channel, targets } = setUp();
    const progress = await api.sendMessage(user.id, '⏳ Backtesting… 0%');
    await api.deleteMessage(user.id, progress.message_id);
    targets.set('lab:run1', { chatId: user.id, messageId: progress.message_id });
    const finished = notification(LAB_EVENTS.finished, { runId: 'run1', title: result.title, result });
    expect(await channel.send([finished], { chatId: user.id, group: false, messageId: progress.message_id })).toEqual({ outcome: 'sent' });
    const [card, chart] = emulator.history(user.id).slice(-2);
    expect(card!.text).toMatch(/^📈 EMA cross on ADA\/USDT/);
    expect(chart!.photo).toBeDefined();

    targets.clear();
    expect([...(await channel.resolve([finished])).values()]).toEqual([{ skip: 'no message to edit' }]);
  });
});
