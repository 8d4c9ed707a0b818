import { connect } from 'node:net';

export interface SlowOutcome {
  /** How long the server kept the connection. */
  heldMs: number;
  /** What the server wrote before closing (e.g. "HTTP/1.1 408 Request Timeout"), '' if nothing. */
  answer: string;
  /** True when the test gave up first: the server was still holding the connection. */
  stillOpen: boolean;
}

/**
 * A client that holds a connection the way a slowloris does: `head` (request line and headers,
 * possibly incomplete, possibly empty) at once, then one byte of body every `dripMs`, until the
 * server closes the connection or `giveUpMs` passes.
 */
export function slowRequest(url: string, head: string, options: { dripMs?: number; giveUpMs: number; drip?: boolean }): Promise<SlowOutcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    let answer = '';
    let done = false;
    const finish = (stillOpen: boolean): void => {
      if (done) return;
      done = true;
      clearInterval(drip);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ heldMs: Date.now() - started, answer, stillOpen });
    };
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => finish(false));
    socket.on('error', () => finish(false));
    if (head.length > 0) socket.write(head);
    const drip = setInterval(() => {
      if (options.drip !== false && !socket.destroyed) socket.write('{');
    }, options.dripMs ?? 1000);
    const giveUp = setTimeout(() => finish(true), options.giveUpMs);
  });
}

/** Request line and headers of a POST whose body is announced as `length` bytes (then sent slowly). */
export function postHead(path: string, length: number, headers: Record<string, string> = {}): string {
  const lines = [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', `Content-Length: ${length}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
