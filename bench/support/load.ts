import { Agent, request } from 'node:http';

export interface LoadResult {
  count: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: Record<number, number>;
  /** Every request's latency in ms, sorted, when asked for. */
  latencies?: number[];
}

/** POSTs `bodies` to `url` keeping `concurrency` requests in flight; times each one. */
export async function runLoad(url: string, bodies: string[], options: { concurrency: number; headers?: Record<string, string>; keepLatencies?: boolean }): Promise<LoadResult> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...options.headers } },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const worker = async () => {
    while (next < bodies.length) await post(bodies[next++]!);
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { count: bodies.length, seconds, perSecond: bodies.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latencies.at(-1) ?? 0, statuses, ...(options.keepLatencies ? { latencies } : {}) };
}
