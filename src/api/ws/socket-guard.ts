import type { WebSocket } from 'ws';

export interface SocketLimits {
  /** A ping this often; a client that has not answered the previous one is dropped. */
  heartbeatMs: number;
  /** A client whose unsent data grows past this is too slow to keep: dropped, not buffered. */
  maxBufferedBytes: number;
}

export const SOCKET_LIMITS: SocketLimits = { heartbeatMs: 30_000, maxBufferedBytes: 512 * 1024 };

/** Close codes a client can act on (4000–4999 are the application's). */
export const CLOSE = {
  /** No valid token, or the session ended: sign in again. */
  unauthorized: 4001,
  /** Too slow to keep up (1013 "try again later"). */
  tooSlow: 1013,
  /** A message that is not what the socket takes. */
  badMessage: 1008,
  /** Missed a heartbeat. */
  gone: 1001,
} as const;

/**
 * Heartbeats and back-pressure for one socket. `send` never lets a slow reader grow the
 * server's memory: past the limit the client is dropped (it reconnects and reads a fresh
 * snapshot). `stop` runs the cleanups once, whichever way the socket ends.
 */
export class SocketGuard {
  private alive = true;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly cleanups: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: SocketLimits = SOCKET_LIMITS,
  ) {
    socket.on('pong', () => (this.alive = true));
    this.timer = setInterval(() => {
      if (!this.alive) return this.drop(CLOSE.gone, 'no heartbeat');
      this.alive = false;
      socket.ping();
    }, limits.heartbeatMs);
    socket.once('close', () => this.stop());
  }

  /** Runs when the socket ends, however it ends. */
  onStop(cleanup: () => void): void {
    if (this.closed) cleanup();
    else this.cleanups.push(cleanup);
  }

  /** Sends JSON; false (and the client dropped) when it is too far behind. */
  send(message: unknown): boolean {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return false;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.drop(CLOSE.tooSlow, 'too slow');
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  }

  drop(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(code, reason);
    // A peer that does not answer the close handshake must not hold the socket.
    setTimeout(() => this.socket.terminate(), 2_000).unref();
    this.stop();
  }

  private stop(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}
