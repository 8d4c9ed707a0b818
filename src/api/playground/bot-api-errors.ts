/**
 * The envelope every Bot API call answers with, and the error the emulator throws
 * internally to produce the failing half of it. Descriptions copy Telegram's wording
 * word for word, because bots (ours included) match on them ("message is not modified").
 */

export interface BotApiResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

export type BotApiSuccess<T = unknown> = { ok: true; result: T };
export type BotApiFailure = { ok: false; error_code: number; description: string; parameters?: BotApiResponseParameters };
export type BotApiResponse<T = unknown> = BotApiSuccess<T> | BotApiFailure;

export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: BotApiResponseParameters,
  ) {
    super(description);
    this.name = 'BotApiError';
  }

  toResponse(): BotApiFailure {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters === undefined ? {} : { parameters: this.parameters }),
    };
  }
}

export function badRequest(reason: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${reason}`);
}

export const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

export const methodNotFound = (): BotApiError => new BotApiError(404, 'Not Found: method not found');
export const unauthorized = (): BotApiError => new BotApiError(401, 'Unauthorized');

/** A wrong call from the user side of the emulator (a test or the playground page), not from the bot. */
export class EmulatorInputError extends Error {
  constructor(
    readonly code: 'unknown_message' | 'unknown_button' | 'invalid_text',
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorInputError';
  }
}
