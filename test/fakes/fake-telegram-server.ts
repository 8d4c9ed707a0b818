import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import { BotApiError, type BotApiResponse } from '../../src/api/playground/bot-api-errors.js';
import { BotApiEmulator, type BotApiEmulatorOptions } from '../../src/api/playground/bot-api-emulator.js';
import { paramsFromBody, parseBotApiPath } from '../../src/api/playground/bot-api-fetch.js';
import type { BotApiParams } from '../../src/api/playground/bot-api-params.js';
import { CHAT_METHODS, TelegramLimits } from './telegram-limits.js';

export interface RecordedCall {
  method: string;
  params: BotApiParams;
  /** Undefined when the client gave up first (a long poll cancelled by `bot.stop()`). */
  response: BotApiResponse | undefined;
  injected: boolean;
}

export interface InjectedFailure {
  error_code: number;
  description: string;
  retry_after?: number;
}

export interface FakeTelegram {
  /** For grammY's `client.apiRoot` (the app's TELEGRAM_API_ROOT). */
  readonly apiRoot: string;
  readonly emulator: BotApiEmulator;
  readonly token: string;
  /** Every call answered so far, in the order the answers went out. */
  readonly calls: readonly RecordedCall[];
  callsOf(method: string): RecordedCall[];
  /** The first call, past or future, matching `predicate`. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** The next call of `method` fails with this error instead of reaching the emulator. */
  failNext(method: string, failure: InjectedFailure): void;
  /**
   * The next call of `method` (whose parameters match, when given) gets no answer until the client
   * hangs up (its process dies, or it gives up): the call is recorded with no response and never
   * reaches the emulator.
   */
  holdNext(method: string, matches?: (params: BotApiParams) => boolean): void;
  /**
   * While on, every call (of the methods `matches` picks, all by default) has its connection reset
   * once the request is read, as by a Bot API that is down behind a proxy: recorded with no
   * response, never reaching the emulator.
   */
  resetConnections(on: boolean, matches?: (method: string) => boolean): void;
  /**
   * POSTs an update to the webhook set with setWebhook, with the secret header Telegram
   * sends, and runs a method call returned in the response body; returns the HTTP status.
   */
  sendUpdateToWebhook(update: Update): Promise<number>;
  /** With `limits`: Telegram's flood limits, enforced (429 + retry_after), and the highest rates seen. */
  readonly limits: TelegramLimits | undefined;
  close(): Promise<void>;
}

/**
 * A Telegram Bot API server on loopback for end-to-end tests: the real app reaches it
 * through TELEGRAM_API_ROOT, exactly as it reaches api.telegram.org in production.
 */
export async function startFakeTelegram(options: { emulator?: BotApiEmulator; emulatorOptions?: BotApiEmulatorOptions; limits?: boolean } = {}): Promise<FakeTelegram> {
  const emulator = options.emulator ?? new BotApiEmulator(options.emulatorOptions);
  const limits = options.limits ? new TelegramLimits() : undefined;
  const calls: RecordedCall[] = [];
  const watchers = new Set<(call: RecordedCall) => void>();
  const failures = new Map<string, InjectedFailure[]>();
  const holds: Array<{ method: string; matches: (params: BotApiParams) => boolean }> = [];
  let resetting: ((method: string) => boolean) | undefined;

  const record = (call: RecordedCall): void => {
    calls.push(call);
    for (const watcher of watchers) watcher(call);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = parseBotApiPath(url.pathname);
    if (route === undefined) return send(res, { ok: false, error_code: 404, description: 'Not Found' });
    if (route.token !== emulator.token) return send(res, { ok: false, error_code: 401, description: 'Unauthorized' });

    const body = await readBody(req);
    let params: BotApiParams;
    try {
      params = paramsFromBody(req.headers['content-type'], body, url.searchParams);
    } catch (error) {
      if (error instanceof BotApiError) return send(res, error.toResponse());
      throw error;
    }

    if (resetting?.(route.method)) {
      record({ method: route.method, params, response: undefined, injected: true });
      req.socket.destroy();
      return;
    }

    const failure = failures.get(route.method.toLowerCase())?.shift();
    if (failure !== undefined) {
      const response: BotApiResponse = {
        ok: false, error_code: failure.error_code, description: failure.description,
        ...(failure.retry_after === undefined ? {} : { parameters: { retry_after: failure.retry_after } }),
      };
      record({ method: route.method, params, response, injected: true });
      return send(res, response);
    }

    if (limits && CHAT_METHODS.has(route.method.toLowerCase()) && params.chat_id !== undefined) {
      const taken = limits.take(Number(params.chat_id), Date.now());
      if (!taken.ok) {
        const response: BotApiResponse = { ok: false, error_code: 429, description: `Too Many Requests: retry after ${taken.retryAfter}`, parameters: { retry_after: taken.retryAfter } };
        record({ method: route.method, params, response, injected: true });
        return send(res, response);
      }
    }

    const hold = holds.findIndex((h) => h.method === route.method.toLowerCase() && h.matches(params));
    if (hold >= 0) {
      holds.splice(hold, 1);
      record({ method: route.method, params, response: undefined, injected: true });
      if (!res.destroyed) await new Promise((resolve) => res.once('close', resolve));
      return;
    }

    // A client that hangs up (grammY aborting its long poll) cancels the call.
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    let response: BotApiResponse;
    try {
      response = await emulator.handleCall(route.method, params, { signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) return record({ method: route.method, params, response: undefined, injected: false });
      throw error;
    }
    record({ method: route.method, params, response, injected: false });
    send(res, response);
  }

  /** Telegram executes a method call returned as the webhook's response body (grammY's webhook reply). */
  async function runWebhookReply(body: string): Promise<void> {
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return;
    }
    if (typeof reply !== 'object' || reply === null || typeof (reply as { method?: unknown }).method !== 'string') return;
    const { method, ...params } = reply as { method: string } & BotApiParams;
    record({ method, params, response: await emulator.handleCall(method, params), injected: false });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    emulator,
    token: emulator.token,
    calls,
    callsOf: (method) => calls.filter((call) => call.method.toLowerCase() === method.toLowerCase()),
    waitFor(predicate, timeoutMs = 5000) {
      const seen = calls.find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          watchers.delete(watcher);
          reject(new Error(`No matching Bot API call within ${timeoutMs} ms; calls so far: ${calls.map((call) => call.method).join(', ') || 'none'}`));
        }, timeoutMs);
        const watcher = (call: RecordedCall): void => {
          if (!predicate(call)) return;
          clearTimeout(timer);
          watchers.delete(watcher);
          resolve(call);
        };
        watchers.add(watcher);
      });
    },
    failNext(method, failure) {
      const key = method.toLowerCase();
      failures.set(key, [...(failures.get(key) ?? []), failure]);
    },
    holdNext(method, matches = () => true) {
      holds.push({ method: method.toLowerCase(), matches });
    },
    resetConnections(on, matches = () => true) {
      resetting = on ? matches : undefined;
    },
    async sendUpdateToWebhook(update) {
      const hook = emulator.webhook;
      if (hook === undefined) throw new Error('No webhook is set: the app has not called setWebhook.');
      const response = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(hook.secretToken === undefined ? {} : { 'x-telegram-bot-api-secret-token': hook.secretToken }),
        },
        body: JSON.stringify(update),
      });
      await runWebhookReply(await response.text());
      return response.status;
    },
    limits,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Keep-alive sockets and pending long polls would otherwise hold the server open.
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, payload: BotApiResponse): void {
  res.writeHead(payload.ok ? 200 : payload.error_code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
