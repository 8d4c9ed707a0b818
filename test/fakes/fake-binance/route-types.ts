import type { IncomingHttpHeaders } from 'node:http';
import type { FakeBinanceState } from './state.js';

/** One request as a route sees it: query string and form body merged, as Binance reads them. */
export interface FakeRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  /** The query string as sent (without '?'): signed requests are checked against the exact bytes. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: FakeRequest, state: FakeBinanceState) => FakeResponse | Promise<FakeResponse>;

/** Routes keyed by 'METHOD /path', e.g. 'GET /api/v3/depth'. Each file of routes exports one of these. */
export type Routes = Readonly<Record<string, RouteHandler>>;

/** Binance's error shape: HTTP 4xx with `{ code, msg }`. */
export function binanceError(status: number, code: number, msg: string, headers?: Record<string, string>): FakeResponse {
  return { status, body: { code, msg }, headers };
}

export const INVALID_SYMBOL = (): FakeResponse => binanceError(400, -1121, 'Invalid symbol.');
