import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import type { Notification } from '../notifications/notification.js';
import type { Channel, DeliveryTarget, Resolved, SendOutcome } from '../notifications/ports.js';
import type { Logger } from '../shared/logger.js';
import { renderNotification, type Rendered } from './format/notification-messages.js';

export interface TelegramChannelDeps {
  /** A Bot API client without auto-retry: the sender handles 429s itself, without holding a row while it waits. */
  api: Api;
  identities: {
    identitiesOf(provider: 'telegram', userIds: readonly number[]): Promise<Map<number, { subject: string; blocked: boolean }>>;
    markBlocked(provider: 'telegram', userId: number): Promise<void>;
  };
  targets: { get(channel: string, subjects: readonly string[]): Promise<Map<string, { chatId: number; messageId: number | null }>> };
  logger: Logger;
}

const GROUP_HOLD_MS = 1000;

/**
 * The Telegram notifier: where each notification goes (the message it edits, the group an alert
 * was set in, else the person's private chat — whose id is their Telegram user id), what it says,
 * and how Telegram's answers map onto the sender's outcomes.
 */
export class TelegramChannel implements Channel {
  readonly name = 'telegram';

  constructor(private readonly deps: TelegramChannelDeps) {}

  async resolve(batch: readonly Notification[]): Promise<Map<number, Resolved>> {
    const subjects = batch.map((n) => n.subject).filter((s): s is string => s !== null);
    const [targets, identities] = await Promise.all([this.deps.targets.get('telegram', subjects), this.deps.identities.identitiesOf('telegram', batch.map((n) => n.userId))]);
    const out = new Map<number, Resolved>();
    for (const n of batch) {
      const rendered = renderNotification(n);
      if (!rendered) {
        out.set(n.id, { skip: 'nothing to say' });
        continue;
      }
      const identity = identities.get(n.userId);
      const stored = n.subject ? targets.get(n.subject) : undefined;
      if (rendered.edit) {
        if (stored?.messageId != null) out.set(n.id, { target: { chatId: stored.chatId, group: stored.chatId < 0, messageId: stored.messageId } });
        // A preview made elsewhere (the API): its outcome is told as a message; an expiry needs no word.
        else if (n.kind === 'confirmation.settled' && identity && !identity.blocked) out.set(n.id, { target: privateChat(identity.subject) });
        else out.set(n.id, { skip: 'no message to edit' });
        continue;
      }
      if (stored) out.set(n.id, { target: { chatId: stored.chatId, group: stored.chatId < 0, messageId: null } });
      else if (!identity) out.set(n.id, { skip: 'no Telegram chat' });
      else if (identity.blocked) out.set(n.id, { skip: 'blocked the bot' });
      else out.set(n.id, { target: privateChat(identity.subject) });
    }
    return out;
  }

  canCombine(n: Notification): boolean {
    const rendered = renderNotification(n);
    return rendered !== null && !rendered.edit && !rendered.keyboard;
  }

  async send(batch: readonly Notification[], target: DeliveryTarget): Promise<SendOutcome> {
    const rendered = batch.map((n) => renderNotification(n)).filter((r) => r !== null);
    const first = rendered[0];
    if (!first) return { outcome: 'sent' };
    try {
      if (target.messageId !== null && first.edit) {
        try {
          await this.deps.api.editMessageText(target.chatId, target.messageId, first.text, { parse_mode: 'HTML' });
        } catch (error) {
          const unchanged = error instanceof GrammyError && error.error_code === 400 && error.description.includes('message is not modified');
          // The preview or the progress message is gone (deleted, too old to edit): an outcome still deserves a word.
          const worthSaying = batch[0]!.kind === 'confirmation.settled' || first.photos !== undefined;
          if (!unchanged && error instanceof GrammyError && error.error_code === 400 && worthSaying) await this.deps.api.sendMessage(target.chatId, first.text, { parse_mode: 'HTML' });
          else if (!unchanged) throw error;
        }
        await this.sendPhotos(target.chatId, first.photos);
        return { outcome: 'sent' };
      }
      const text = rendered.map((r) => r.text).join('\n\n');
      await this.deps.api.sendMessage(target.chatId, text, { parse_mode: 'HTML', ...(rendered.length === 1 && first.keyboard ? { reply_markup: first.keyboard } : {}) });
      return { outcome: 'sent' };
    } catch (error) {
      return this.outcomeOf(error, target);
    }
  }

  /** A lab result's charts, after its card. A failure here sends the row back: the card's edit is then "not modified", and the charts go again. */
  private async sendPhotos(chatId: number, photos: Rendered['photos']): Promise<void> {
    for (const photo of photos ?? []) await this.deps.api.sendPhoto(chatId, new InputFile(photo.png(), photo.filename), { caption: photo.caption });
  }

  markBlocked(userId: number): Promise<void> {
    return this.deps.identities.markBlocked('telegram', userId);
  }

  /** Telegram's answer in the sender's terms; the payload is never logged (it may quote a user). */
  private outcomeOf(error: unknown, target: DeliveryTarget): SendOutcome {
    if (error instanceof GrammyError) {
      if (error.error_code === 429) {
        const seconds = error.parameters.retry_after ?? 1;
        return { outcome: 'rate_limited', ms: Math.max(seconds * 1000, target.group ? GROUP_HOLD_MS : 0), chat: true };
      }
      if (error.error_code === 403) return { outcome: 'blocked' };
      if (error.error_code >= 500) return { outcome: 'temporary', error: `${error.method}: ${error.error_code} ${error.description}` };
      return { outcome: 'refused', error: `${error.method}: ${error.error_code} ${error.description}` };
    }
    if (error instanceof HttpError) return { outcome: 'temporary', error: `network: ${error.message}` };
    this.deps.logger.error({ err: error }, 'unexpected error sending a notification');
    return { outcome: 'temporary', error: error instanceof Error ? error.message : String(error) };
  }
}

/** A person's private chat with the bot has their user id. */
const privateChat = (subject: string): DeliveryTarget => ({ chatId: Number(subject), group: false, messageId: null });
