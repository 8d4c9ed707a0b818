import type { AccountService } from '../accounts/account-service.js';
import type { WebLinkService } from '../accounts/web-links.js';
import type { AlertService } from '../alerts/alert-service.js';
import type { Assistant } from '../assistant/act-on-message.js';
import type { AdvisorService } from '../signals/advisor-service.js';
import type { LabService } from '../lab/lab-service.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { ParseResult } from '../nlu/contract.js';
import type { NotificationService } from '../notifications/notification-service.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { SecretBox } from '../shared/secret-box.js';
import type { PerformanceService } from '../trading/performance-service.js';
import type { RiskService } from '../trading/risk-service.js';
import type { TradingService } from '../trading/trading-service.js';
import type { ChatTargets, CommandLog, ConversationStore, MessageParser, UpdateDedupe } from './ports.js';

/** What the bot is given: the use cases every interface shares, and what only a chat needs. */
export interface BotDeps {
  // The use cases (the same objects the API and the jobs call).
  accounts: AccountService;
  /** /link: a one-time code that joins an email login (REST API) to this user. */
  linkCode?: (userId: number) => Promise<{ code: string; expiresAt: Date }>;
  trading: TradingService;
  /** Price alerts: a sibling of trading (they move no money). */
  alerts: AlertService;
  /** Acts on a parsed message: the confidence gate and the intent's use case. */
  assistant: Assistant;
  notifications: NotificationService;
  /** Risk limits, the kill switch and its end. */
  risk: RiskService;
  /** /performance: the numbers per period and the equity curve. */
  performance: PerformanceService;
  /** /web: one-time links to the read-only web view. */
  webLinks: Pick<WebLinkService, 'issue'>;
  /** Advisor mode: quiet hours (/advisor quiet 22-7). */
  advisor: AdvisorService;
  /** Backtests, Monte Carlo and the RL agent, run in a job. */
  lab: Pick<LabService, 'submit' | 'monteCarloOnLast' | 'rlOnLast'>;

  // What only the chat needs.
  /** Where people open Parley (PUBLIC_URL): the base of the links the chat sends. */
  publicUrl: string;
  parser: MessageParser;
  /** The offline parser alone: pure and instant, for short replies inside conversations. */
  offlineParse: (text: string) => ParseResult;
  /** Where conversation state is kept (the database), so it survives restarts. */
  conversationStore: ConversationStore;
  history: CommandLog;
  dedupe: UpdateDedupe;
  /** Which chat and message show a preview or an alert (the notifier edits and sends there). */
  targets: ChatTargets;
  jobs: Pick<JobQueue, 'add'>;
  logger: Logger;
  clock: Clock;
  previewTtlSeconds: number;
  /** e.g. "10,000.00 USDT", for the welcome message. */
  paperStartLabel: string;
  /** Seals API keys the moment they arrive in a conversation; undefined without ENCRYPTION_KEY (/connect refuses). */
  vault: SecretBox | undefined;
}
