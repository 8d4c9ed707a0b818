import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { CLOSE, SocketGuard } from './socket-guard.js';

/** The parts of a ws socket the guard uses, with a send buffer the test controls. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  pings = 0;
  closed: Array<[number, string]> = [];
  terminated = false;
  send(data: string) {
    this.sent.push(data);
  }
  ping() {
    this.pings++;
  }
  close(code: number, reason: string) {
    this.closed.push([code, reason]);
    this.readyState = 2;
  }
  terminate() {
    this.terminated = true;
    this.readyState = 3;
    this.emit('close');
  }
}

describe('SocketGuard', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const limits = { heartbeatMs: 1_000, maxBufferedBytes: 1_000 };

  it('drops a client that reads too slowly instead of buffering for it', () => {
    const socket = new FakeSocket();
    const guard = new SocketGuard(socket as unknown as WebSocket, limits);
    const stopped = vi.fn();
    guard.onStop(stopped);
    expect(guard.send({ n: 1 })).toBe(true);
    socket.bufferedAmount = 1_001;
    expect(guard.send({ n: 2 })).toBe(false);
    expect(socket.sent).toEqual(['{"n":1}']);
    expect(socket.closed).toEqual([[CLOSE.tooSlow, 'too slow']]);
    expect(stopped).toHaveBeenCalledTimes(1);
    // A peer that never completes the close handshake is cut off.
    vi.advanceTimersByTime(2_000);
    expect(socket.terminated).toBe(true);
    expect(stopped).toHaveBeenCalledTimes(1);
  });

  it('pings on a heartbeat and drops a client that stopped answering', () => {
    const socket = new FakeSocket();
    new SocketGuard(socket as unknown as WebSocket, limits);
    vi.advanceTimersByTime(1_000);
    expect(socket.pings).toBe(1);
    socket.emit('pong');
    vi.advanceTimersByTime(1_000);
    expect(socket.pings).toBe(2);
    expect(socket.closed).toEqual([]);
    vi.advanceTimersByTime(1_000); // no pong to the second ping
    expect(socket.closed).toEqual([[CLOSE.gone, 'no heartbeat']]);
  });

  it('runs cleanups once when the client goes away, and sends nothing after', () => {
    const socket = new FakeSocket();
    const guard = new SocketGuard(socket as unknown as WebSocket, limits);
    const stopped = vi.fn();
    guard.onStop(stopped);
    socket.readyState = 3;
    socket.emit('close');
    socket.emit('close');
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(guard.send({ late: true })).toBe(false);
    const late = vi.fn();
    guard.onStop(late);
    expect(late).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(socket.pings).toBe(0);
  });
});
