import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TemporaryError } from '../../shared/errors.js';
import { FinbertScorer, ModelAnswerError } from './finbert-scorer.js';

let server: Server;
let base: string;
const requests: { url: string; auth?: string; body: unknown }[] = [];

beforeAll(async () => {
  // A fake inference endpoint: "positive" for texts with "up", "negative" with "down", else neutral.
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as { inputs: string[] };
      requests.push({ url: req.url ?? '', auth: req.headers.authorization, body });
      if (req.url === '/fail') return void res.writeHead(503).end('loading');
      if (req.url === '/short') return void res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
      if (req.url === '/garbage') return void res.writeHead(200, { 'content-type': 'application/json' }).end('[[{"label":"moon","score":2}]]');
      const rows = body.inputs.map((t) => {
        const pos = t.includes('up') ? 0.9 : t.includes('down') ? 0.05 : 0.1;
        const neg = t.includes('down') ? 0.85 : t.includes('up') ? 0.02 : 0.1;
        return [
          { label: 'positive', score: pos },
          { label: 'negative', score: neg },
          { label: 'neutral', score: 1 - pos - neg },
        ];
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.url === '/top1' ? rows.map((r) => r.sort((a, b) => b.score - a.score)[0]) : rows));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('the FinBERT-class model through an inference endpoint', () => {
  it('posts the texts in batches with the token and reads class probabilities', async () => {
    const scorer = new FinbertScorer({ url: `${base}/classify`, token: 'sekret', fetch, batchSize: 2 });
    const scores = await scorer.score(['btc up', 'eth down', 'sol flat']);
    expect(scores.map((s) => s.label)).toEqual(['positive', 'negative', 'neutral']);
    expect(scores[0]!.score).toBeCloseTo(0.88, 9);
    expect(scores[1]!.score).toBeCloseTo(-0.8, 9);
    expect(scores[2]!.score).toBeCloseTo(0, 9);
    const mine = requests.filter((r) => r.url === '/classify');
    expect(mine.map((r) => r.body)).toEqual([{ inputs: ['btc up', 'eth down'] }, { inputs: ['sol flat'] }]);
    expect(mine.every((r) => r.auth === 'Bearer sekret')).toBe(true);
    expect(scorer.name).toBe(`model@${base}`);
  });

  it('reads a top-class-only answer', async () => {
    const scores = await new FinbertScorer({ url: `${base}/top1`, fetch }).score(['btc up', 'eth down']);
    expect(scores.map((s) => s.label)).toEqual(['positive', 'negative']);
  });

  it('reports an endpoint that is down as temporary, and an unreadable answer as such', async () => {
    await expect(new FinbertScorer({ url: `${base}/fail`, fetch }).score(['x'])).rejects.toThrow(TemporaryError);
    await expect(new FinbertScorer({ url: 'http://127.0.0.1:1/none', fetch }).score(['x'])).rejects.toThrow(TemporaryError);
    await expect(new FinbertScorer({ url: `${base}/short`, fetch }).score(['x'])).rejects.toThrow(/0 results for 1 texts/);
    await expect(new FinbertScorer({ url: `${base}/garbage`, fetch }).score(['x'])).rejects.toThrow(ModelAnswerError);
  });
});
