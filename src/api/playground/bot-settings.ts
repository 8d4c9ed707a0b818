import type { BotCommand } from 'grammy/types';
import { badRequest } from './bot-api-errors.js';
import { readArray, readBool, readCommands, readInt, readObject, readString, stableJson, type BotApiParams } from './bot-api-params.js';

export interface WebhookRegistration {
  url: string;
  secretToken?: string;
  maxConnections?: number;
  allowedUpdates?: string[];
}

/** The bot's settings kept by Telegram: command lists per scope and language, and the webhook. */
export class BotSettings {
  private readonly commandSets = new Map<string, BotCommand[]>();
  private registration: WebhookRegistration | undefined;

  setMyCommands(params: BotApiParams): true {
    this.commandSets.set(commandScopeKey(params), readCommands(params));
    return true;
  }

  getMyCommands(params: BotApiParams): BotCommand[] {
    return this.commandSets.get(commandScopeKey(params)) ?? [];
  }

  deleteMyCommands(params: BotApiParams): true {
    this.commandSets.delete(commandScopeKey(params));
    return true;
  }

  get webhook(): WebhookRegistration | undefined {
    return this.registration === undefined ? undefined : { ...this.registration };
  }

  /** Returns whether pending updates are to be dropped. An empty url removes the webhook, as in Telegram. */
  setWebhook(params: BotApiParams): { dropPendingUpdates: boolean } {
    const url = readString(params, 'url') ?? '';
    if (url === '') return this.deleteWebhook(params);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest('invalid webhook URL specified');
    }
    // Telegram insists on HTTPS; the emulator also takes http so that tests can use loopback.
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    const secretToken = readString(params, 'secret_token');
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) throw badRequest('secret token contains unallowed characters');
    const maxConnections = readInt(params, 'max_connections');
    const allowedUpdates = readArray(params, 'allowed_updates');
    this.registration = {
      url,
      ...(secretToken === undefined ? {} : { secretToken }),
      ...(maxConnections === undefined ? {} : { maxConnections }),
      ...(allowedUpdates === undefined ? {} : { allowedUpdates: allowedUpdates.map(String) }),
    };
    return { dropPendingUpdates: readBool(params, 'drop_pending_updates') };
  }

  deleteWebhook(params: BotApiParams): { dropPendingUpdates: boolean } {
    this.registration = undefined;
    return { dropPendingUpdates: readBool(params, 'drop_pending_updates') };
  }

  /** What getWebhookInfo shows; the secret token is never shown back, as in Telegram. */
  webhookInfo(pendingUpdateCount: number): Record<string, unknown> {
    const hook = this.registration;
    return {
      url: hook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: pendingUpdateCount,
      ...(hook?.maxConnections === undefined ? {} : { max_connections: hook.maxConnections }),
      ...(hook?.allowedUpdates === undefined ? {} : { allowed_updates: hook.allowedUpdates }),
    };
  }
}

function commandScopeKey(params: BotApiParams): string {
  const scope = readObject(params, 'scope') ?? { type: 'default' };
  return `${stableJson(scope)}|${readString(params, 'language_code') ?? ''}`;
}
