import { Api, type Bot, type BotError } from 'grammy';
import type { Update } from 'grammy/types';
import { BotApiEmulator } from '../api/playground/bot-api-emulator.js';
import { asGrammyFetch } from '../api/playground/bot-api-fetch.js';
import type { ParleyContext } from '../bot/context.js';
import { createBot, type BotOptions } from '../bot/create-bot.js';
import { ACCOUNT_COMMANDS } from '../bot/handlers/account-commands.js';
import { COMMANDS } from '../bot/handlers/commands.js';
import { RISK_COMMANDS } from '../bot/handlers/risk-commands.js';
import { ADVISOR_COMMANDS } from '../bot/handlers/advisor-commands.js';
import { LAB_COMMANDS } from '../bot/handlers/lab-commands.js';
import { VENUE_COMMANDS } from '../bot/handlers/venue-command.js';
import { retryLaterOf } from '../bot/middleware/dedupe-updates.js';
import { TelegramChannel } from '../bot/telegram-channel.js';
import { formatMoney } from '../shared/number-format.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../shared/logger.js';
import type { Core } from './core.js';

/** Telegram, as this process talks to it: the real Bot API, or the playground's in-process one. */
export interface Telegram {
  /** Set in playground mode: the in-process Bot API the page talks to. */
  emulator: BotApiEmulator | undefined;
  /** Options for any grammY client of this bot (the bot, the notifier). */
  client: BotOptions;
}

export function telegramFor(core: Core): Telegram {
  const { config, clock } = core;
  if (config.telegramMode === 'playground') {
    const emulator = new BotApiEmulator({ clock, queueForPolling: false });
    return { emulator, client: { token: emulator.token, botInfo: emulator.botInfo, client: { fetch: asGrammyFetch(emulator.fetch), apiRoot: 'http://playground.local' } } };
  }
  return { emulator: undefined, client: { token: config.BOT_TOKEN!, client: { apiRoot: config.TELEGRAM_API_ROOT } } };
}

/** The bot that handles updates (web processes and the all-in-one). */
export function buildBot(core: Core, telegram: Telegram, jobs: Pick<JobQueue, 'add'>): Bot<ParleyContext> {
  const { config } = core;
  return createBot(telegram.client, {
    accounts: core.accounts,
    linkCode: (userId) => core.auth.createLinkCode(userId),
    trading: core.trading,
    alerts: core.alerts,
    assistant: core.assistant,
    notifications: core.notifications,
    risk: core.risk,
    performance: core.performance,
    webLinks: core.webLinks,
    publicUrl: config.publicUrl,
    advisor: core.advisor,
    lab: core.lab,
    parser: core.parser,
    offlineParse: core.offlineParse,
    conversationStore: core.repos.conversations,
    history: core.repos.history,
    dedupe: core.repos.dedupe,
    targets: core.repos.targets,
    jobs,
    logger: core.logger,
    clock: core.clock,
    previewTtlSeconds: config.PREVIEW_TTL_SECONDS,
    paperStartLabel: formatMoney(config.PAPER_START_USDT, 'USDT'),
    vault: core.vault,
  });
}

/**
 * The notifier's channel (workers and the all-in-one). Its Bot API client has no auto-retry: on
 * a 429 the sender reschedules the row and holds that chat, instead of sleeping with it.
 */
export function buildTelegramChannel(core: Core, telegram: Telegram): TelegramChannel {
  const { token, client } = telegram.client;
  return new TelegramChannel({ api: new Api(token, { timeoutSeconds: 15, ...client }), identities: core.repos.users, targets: core.repos.targets, logger: core.logger });
}

/**
 * getMe, the command menu and the webhook. A failing Bot API call here is logged, not fatal:
 * getMe is retried in the background, and until it succeeds the webhook answers 503 so
 * Telegram re-delivers later.
 */
export async function connectTelegram(bot: Bot<ParleyContext>, core: Core): Promise<void> {
  const { config, logger } = core;
  const init = async (attempt: number): Promise<void> => {
    try {
      await bot.init();
    } catch (error) {
      const delay = Math.min(60_000, 1000 * 2 ** attempt);
      logger.error({ err: error, retryInMs: delay }, 'could not reach the Bot API (getMe); retrying');
      setTimeout(() => void init(attempt + 1), delay).unref();
      return;
    }
    await bot.api.setMyCommands([...COMMANDS, ...RISK_COMMANDS, ...ADVISOR_COMMANDS, ...VENUE_COMMANDS, ...LAB_COMMANDS, ...ACCOUNT_COMMANDS]).catch((error: unknown) => logger.error({ err: error }, 'setMyCommands failed'));
    if (config.telegramMode === 'webhook') {
      await bot.api
        .setWebhook(config.WEBHOOK_URL!, { secret_token: config.webhookSecret!, allowed_updates: ['message', 'callback_query'] })
        .then(() => logger.info({ url: config.WEBHOOK_URL }, 'webhook registered'))
        .catch((error: unknown) => logger.error({ err: error }, 'setWebhook failed'));
    }
  };
  await init(0);
}

/**
 * Long polling hands grammY's error handler whatever escapes the middleware (its default one
 * stops the bot). Polling confirms each batch as it goes, so an update that must wait for
 * another process's lapsed claim (one this process held before a restart, say) is tried again
 * here, after the wait, rather than dropped.
 */
export function pollingErrorHandler(bot: Bot<ParleyContext>, logger: Logger): (error: BotError<ParleyContext>) => void {
  const retry = (update: Update, seconds: number, attempt: number): void => {
    setTimeout(() => {
      bot.handleUpdate(update).catch((error: unknown) => {
        const later = retryLaterOf(error);
        if (later && attempt < 10) retry(update, later.retryAfterSeconds, attempt + 1);
        else logger.error({ err: error, updateId: update.update_id }, 'update failed');
      });
    }, seconds * 1000).unref();
  };
  return (error) => {
    const later = retryLaterOf(error);
    if (later) retry(error.ctx.update, later.retryAfterSeconds, 1);
    else logger.error({ err: error.error, updateId: error.ctx.update.update_id }, 'update failed');
  };
}
