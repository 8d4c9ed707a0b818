import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { LiveFeed } from '../../notifications/live-feed.js';
import type { Logger } from '../../shared/logger.js';
import { firstToken } from './first-token.js';
import { CLOSE, SocketGuard, SOCKET_LIMITS, type SocketLimits } from './socket-guard.js';

/** Who a token belongs to, and until when (a read-only web session, or an API access token). */
export type Authenticate = (token: string) => Promise<{ userId: number; expiresAt: Date } | null>;

export interface PortfolioSocketDeps {
  authenticate: Authenticate;
  feed: LiveFeed;
  /** The user's portfolio now, as JSON (the web view's snapshot). */
  snapshot: (userId: number) => Promise<unknown>;
  logger: Logger;
  limits?: SocketLimits;
  /** Events that come in a burst (a fill and its notice) make one fresh snapshot. */
  settleMs?: number;
  authWaitMs?: number;
}

/**
 * GET /api/v1/ws/portfolio: once authenticated, the user's portfolio now, then each event the
 * core publishes for them (an order filled or cancelled, a stop triggered, an alert fired…)
 * followed by a fresh portfolio. Messages: `{type:"portfolio",data}`, `{type:"event",kind,subject,at}`.
 * The socket closes with 4001 when the token is missing or invalid, or when the session ends.
 */
export function registerPortfolioSocket(app: FastifyInstance, deps: PortfolioSocketDeps): void {
  const limits = deps.limits ?? SOCKET_LIMITS;
  const settleMs = deps.settleMs ?? 150;
  app.get<{ Querystring: { token?: string } }>('/api/v1/ws/portfolio', { websocket: true }, async (socket, request) => {
    const guard = new SocketGuard(socket, limits);
    const token = await firstToken(socket, typeof request.query.token === 'string' ? request.query.token : undefined, deps.authWaitMs ?? 5_000);
    const reader = token ? await deps.authenticate(token).catch(() => null) : null;
    if (!reader) return guard.drop(CLOSE.unauthorized, 'sign in again');
    const { userId } = reader;
    const ends = setTimeout(() => guard.drop(CLOSE.unauthorized, 'session ended'), Math.max(0, reader.expiresAt.getTime() - Date.now()));
    guard.onStop(() => clearTimeout(ends));

    let pending: ReturnType<typeof setTimeout> | null = null;
    const sendSnapshot = async () => {
      pending = null;
      try {
        guard.send({ type: 'portfolio', data: await deps.snapshot(userId) });
      } catch (error) {
        deps.logger.warn({ err: error }, 'web view: snapshot failed');
        guard.send({ type: 'error', code: 'snapshot.failed', message: 'Could not read the portfolio just now; retrying with the next update.' });
      }
    };
    const unsubscribe = await deps.feed.subscribe(userId, (event) => {
      guard.send({ type: 'event', kind: event.kind, subject: event.subject, at: event.createdAt.toISOString() });
      pending ??= setTimeout(() => void sendSnapshot(), settleMs);
    });
    guard.onStop(() => {
      unsubscribe();
      if (pending) clearTimeout(pending);
    });
    // Anything a client sends after signing in is ignored, except a request for a fresh snapshot.
    socket.on('message', (data: unknown) => {
      if (String(data).length < 100 && String(data).includes('"refresh"')) pending ??= setTimeout(() => void sendSnapshot(), 0);
    });
    await sendSnapshot();
  });
}
