import type { Message } from 'grammy/types';

/** What the bot did with a callback query, as the pressing user's client would show it. */
export interface CallbackAnswer {
  callbackQueryId: string;
  fromUserId: number;
  chatId: number;
  messageId: number;
  data: string;
  text?: string;
  showAlert: boolean;
  url?: string;
}

/**
 * Everything a chat client would notice, in order: new messages from anyone, edits,
 * deletions, answers to button presses and "typing…" actions.
 */
export type EmulatorEvent =
  | { type: 'message'; message: Message }
  | { type: 'edited'; message: Message }
  | { type: 'deleted'; chatId: number; messageId: number }
  | { type: 'callbackAnswered'; answer: CallbackAnswer }
  | { type: 'chatAction'; chatId: number; action: string };

export type EmulatorListener = (event: EmulatorEvent) => void;

export class EmulatorEvents {
  private readonly listeners = new Set<EmulatorListener>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  subscribe(listener: EmulatorListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EmulatorEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(structuredClone(event));
      } catch (error) {
        // An observer's failure (a closed page, a test helper) must not fail the bot's API call.
        this.onListenerError(error);
      }
    }
  }

  /** The first event matching `predicate` from now on; rejects after `timeoutMs`. */
  waitFor<E extends EmulatorEvent>(predicate: (event: EmulatorEvent) => event is E, timeoutMs?: number): Promise<E>;
  waitFor(predicate: (event: EmulatorEvent) => boolean, timeoutMs?: number): Promise<EmulatorEvent>;
  waitFor(predicate: (event: EmulatorEvent) => boolean, timeoutMs = 5000): Promise<EmulatorEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`No matching emulator event within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = this.subscribe((event) => {
        if (!predicate(event)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(event);
      });
    });
  }
}
