import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A load balancer on loopback, as nginx would be in front of several web processes: each request
 * goes to the next backend in turn. A backend that is down answers 502, as a real balancer would
 * (Telegram then delivers the update again).
 */
export interface RoundRobinProxy {
  url: string;
  /** How many requests each backend got. */
  readonly counts: number[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(backends: () => string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const counts: number[] = [];
  const server: Server = createServer((req, res) => {
    const targets = backends();
    const i = next++ % targets.length;
    counts[i] = (counts[i] ?? 0) + 1;
    const target = new URL(req.url ?? '/', targets[i]);
    const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end('bad gateway');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
