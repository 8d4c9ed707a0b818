import type { AlertService } from '../alerts/alert-service.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { ParseResult } from '../nlu/contract.js';
import type { TradingService } from '../trading/trading-service.js';
import type { LiveAccounts } from './account-ports.js';
import type { CommandLog, ConversationStore, MessageParser, UpdateDedupe } from './ports.js';

export interface BotDeps {
  trading: TradingService;
  /** Price alerts: a sibling of trading (they move no money). */
  alerts: AlertService;
  parser: MessageParser;
  /** The offline parser alone: pure and instant, for short replies inside conversations. */
  offlineParse: (text: string) => ParseResult;
  /** Where conversation state is kept (the database), so it survives restarts. */
  conversationStore: ConversationStore;
  history: CommandLog;
  dedupe: UpdateDedupe;
  jobs: Pick<JobQueue, 'add'>;
  logger: Logger;
  clock: Clock;
  previewTtlSeconds: number;
  marketSource: 'replay' | 'live';
  /** e.g. "10,000.00 USDT", for the welcome message. */
  paperStartLabel: string;
  /** Exchange accounts connected with API keys: /connect, /accounts, /disconnect. */
  liveAccounts: LiveAccounts;
}

export const EXPIRE_PREVIEWS_JOB = 'previews.expire';
