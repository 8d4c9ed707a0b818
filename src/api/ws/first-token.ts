import type { WebSocket } from 'ws';

/**
 * The token a websocket client presents: in the query (`?token=`), or — so that it stays out of
 * URLs and access logs — as the first message, `{"type":"auth","token":"…"}`, within `waitMs`.
 * Null when neither comes.
 */
export function firstToken(socket: WebSocket, queryToken: string | undefined, waitMs: number): Promise<string | null> {
  if (queryToken) return Promise.resolve(queryToken);
  return new Promise((resolve) => {
    const done = (token: string | null) => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      socket.off('close', onClose);
      resolve(token);
    };
    const onMessage = (data: unknown) => {
      try {
        const message = JSON.parse(String(data)) as { type?: unknown; token?: unknown };
        done(message.type === 'auth' && typeof message.token === 'string' && message.token.length <= 4096 ? message.token : null);
      } catch {
        done(null);
      }
    };
    const onClose = () => done(null);
    const timer = setTimeout(() => done(null), waitMs);
    socket.on('message', onMessage);
    socket.on('close', onClose);
  });
}
