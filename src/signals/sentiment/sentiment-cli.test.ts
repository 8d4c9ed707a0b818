// The sentiment CLI as a user runs it (a real process).
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath, projectRoot } from '../../shared/project-paths.js';
import { classifierFigures, loadLabelledSet } from './labelled-set.js';
import { loadLexicon } from './lexicon.js';
import { LexiconScorer } from './lexicon-scorer.js';

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', projectPath('src/signals/sentiment/sentiment-cli.ts'), ...args], { cwd: projectRoot() }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/rss') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss><channel><item><title>Bitcoin surges to a new all-time high</title></item><item><title>Ether slips</title></item></channel></rss>');
    } else res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('npm run -s sentiment', () => {
  it('--eval dev prints the lexicon scorer’s figures beside the majority baseline, as computed here', async () => {
    const { code, stdout } = await run('--eval', 'dev', '--json');
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { count: number; lexicon: { accuracy: number; macroF1: number }; baseline: { label: string; accuracy: number } };
    const dev = (await loadLabelledSet('data/sentiment/headlines.tsv')).filter((r) => r.split === 'dev');
    const scorer = new LexiconScorer(await loadLexicon());
    const here = classifierFigures(dev.map((r) => r.label), dev.map((r) => scorer.scoreText(r.text).label));
    expect(printed.count).toBe(dev.length);
    expect(printed.lexicon.accuracy).toBe(here.accuracy);
    expect(printed.lexicon.macroF1).toBe(here.macroF1);
    expect(printed.baseline.accuracy).toBe(dev.filter((r) => r.label === printed.baseline.label).length / dev.length);
  }, 60_000);

  it('--text scores one text and names its terms; bad arguments exit 2 with one line', async () => {
    const scored = await run('--text', 'Exchange hacked, funds drained');
    expect(scored.stdout).toMatch(/^negative \(-0\.\d+\): hacked -\d\.\d\d, drained -\d\.\d\d\n$/);
    const bad = await run('--eval', 'train');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--eval must be dev or test/);
  }, 60_000);

  it('--rss reads a feed and prints a signal per symbol; a failing feed is named, not fatal', async () => {
    const { code, stdout } = await run('--rss', `${base}/rss`, '--rss', `${base}/gone`, '--symbol', 'BTC/USDT', '--symbol', 'SOL/USDT');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^2 items from 2 source\(s\), scored by lexicon/);
    expect(stdout).toMatch(/failed: the feed rss:127\.0\.0\.1:\d+ answered HTTP 500/);
    expect(stdout).toMatch(/BTC\/USDT: buy \(mean score 0\.\d+ over 1 items: 1 positive/);
    expect(stdout).toMatch(/SOL\/USDT: no item mentions it/);
  }, 60_000);
});
