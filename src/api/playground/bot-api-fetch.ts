import type { ApiClientOptions } from 'grammy';
import { BotApiError, methodNotFound, unauthorized, type BotApiResponse } from './bot-api-errors.js';
import type { BotApiParams } from './bot-api-params.js';
import { parseMultipart } from './multipart.js';

/** What the transport layers below need from the emulator (kept structural to avoid an import cycle). */
export interface BotApiHandler {
  readonly token: string;
  handleCall(method: string, params?: BotApiParams, options?: { signal?: AbortSignal }): Promise<BotApiResponse>;
}

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * grammY types its `fetch` option as node-fetch's (whose Request and Response types are not the
 * platform's, once @types/node-fetch is installed — tfjs brings it); grammY calls it the way any
 * fetch is called, so the platform-typed one is handed over as that.
 */
export type GrammyFetch = NonNullable<ApiClientOptions['fetch']>;
export const asGrammyFetch = (fetch: FetchLike): GrammyFetch => fetch as unknown as GrammyFetch;

/** `/bot<token>/<method>`, below any path prefix of the api root; grammY's test environment adds `/test`. */
export function parseBotApiPath(pathname: string): { token: string; method: string } | undefined {
  const match = /\/bot([^/]+)\/(?:test\/)?([A-Za-z]+)\/?$/.exec(pathname);
  if (match === null) return undefined;
  return { token: decodeURIComponent(match[1] ?? ''), method: match[2] ?? '' };
}

/**
 * The parameters of a call, from the body Telegram would accept: JSON, a form, or multipart (a
 * file upload: its files arrive as UploadedFile under their part's name, for `attach://`).
 */
export function paramsFromBody(contentType: string | undefined, body: string | Uint8Array, query: URLSearchParams): BotApiParams {
  const params: BotApiParams = Object.fromEntries(query.entries());
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'multipart/form-data') return { ...params, ...parseMultipart(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, contentType ?? '') };
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  if (text.trim() === '') return params;
  if (type === 'application/json' || type === '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new BotApiError(400, "Bad Request: can't parse JSON body");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new BotApiError(400, 'Bad Request: the JSON body must be an object');
    }
    return { ...params, ...(parsed as BotApiParams) };
  }
  if (type === 'application/x-www-form-urlencoded') return { ...params, ...Object.fromEntries(new URLSearchParams(text).entries()) };
  throw new BotApiError(400, `Bad Request: the Bot API emulator accepts JSON, form or multipart bodies only, not ${type}`);
}

/**
 * A request body as bytes: a string, bytes, a stream (grammY sends uploads as a Node stream), or
 * a FormData or URLSearchParams (serialised as fetch would, with the content type that goes with it).
 */
async function bodyBytes(body: unknown): Promise<{ bytes: string | Uint8Array; contentType?: string }> {
  if (typeof body === 'string') return { bytes: body };
  if (body instanceof Uint8Array) return { bytes: body };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body) };
  if (body instanceof FormData || body instanceof URLSearchParams || body instanceof Blob) {
    const encoded = new Response(body);
    return { bytes: new Uint8Array(await encoded.arrayBuffer()), ...(encoded.headers.get('content-type') ? { contentType: encoded.headers.get('content-type')! } : {}) };
  }
  if (body !== null && typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return { bytes: Buffer.concat(chunks) };
  }
  throw new BotApiError(400, 'Bad Request: the Bot API emulator cannot read this request body');
}

function jsonResponse(payload: BotApiResponse): Response {
  return new Response(JSON.stringify(payload), {
    status: payload.ok ? 200 : payload.error_code,
    headers: { 'content-type': 'application/json' },
  });
}

function headerOf(headers: HeadersInit | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  return entries.find(([key]) => key.toLowerCase() === name)?.[1];
}

/**
 * A `fetch` that answers Bot API calls from the handler without any network, for
 * `new Bot(token, { client: { fetch, apiRoot } })`. A cancelled long poll rejects with
 * an AbortError, as a real fetch does, so `bot.stop()` works.
 */
export function createBotApiFetch(handler: BotApiHandler): FetchLike {
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request?.url ?? String(input));
    const route = parseBotApiPath(url.pathname);
    if (route === undefined) return jsonResponse(methodNotFound().toResponse());
    if (route.token !== handler.token) return jsonResponse(unauthorized().toResponse());

    let params: BotApiParams;
    try {
      const rawBody = init?.body ?? (request === undefined ? undefined : new Uint8Array(await request.arrayBuffer()));
      const body = rawBody === undefined || rawBody === null ? { bytes: '' } : await bodyBytes(rawBody);
      params = paramsFromBody(headerOf(init?.headers, 'content-type') ?? request?.headers.get('content-type') ?? body.contentType, body.bytes, url.searchParams);
    } catch (error) {
      if (error instanceof BotApiError) return jsonResponse(error.toResponse());
      throw error;
    }
    const signal = init?.signal ?? request?.signal ?? undefined;
    return jsonResponse(await handler.handleCall(route.method, params, signal === undefined ? {} : { signal }));
  };
}
