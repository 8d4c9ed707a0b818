import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeAnswer, type FakeOpenAi } from '../../../test/fakes/fake-openai.js';
import { ManualClock } from '../../shared/clock.js';
import { createLogger } from '../../logging/pino-logger.js';
import type { CommandParser, ParseResult } from '../contract.js';
import { StaticAssetCatalog } from '../known-assets.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { FallbackParser } from './fallback-parser.js';
import { LlmParser } from './llm-parser.js';

const API_KEY = 'sk-test-SECRET-fallback-4242424242';
const catalog = new StaticAssetCatalog(['BTC', 'ETH', 'SOL', 'USDT']);
const TIMEOUT_MS = 400;

/** A stand-in for the offline parser with an answer the LLM never gives, so a fallback is visible. */
const OFFLINE_ANSWER: ParseResult = { command: { intent: 'get_price', symbol: 'SOL/USDT' }, confidence: 0.42, parser: 'offline' };
const standInOffline: CommandParser = { parse: () => Promise.resolve(OFFLINE_ANSWER) };

const nulls = { symbol: null, amount: null, quote_amount: null, percentage: null, price: null, direction: null, order_id: null, timeframe: null };
const GOOD: FakeAnswer = { kind: 'tool_call', arguments: { ...nulls, intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.5 } };

function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
}

let fake: FakeOpenAi;
beforeEach(async () => {
  fake = await startFakeOpenAi();
});
afterEach(() => fake.close());

function chain(options: { breaker?: CircuitBreaker; clientTimeoutMs?: number } = {}) {
  const logs = capturedLogger();
  // The SDK's own timeout is set far beyond the deadline: the FallbackParser's abort must do the cancelling.
  const llm = new LlmParser({ clientOptions: { apiKey: API_KEY, baseURL: fake.baseURL, timeoutMs: options.clientTimeoutMs ?? 30_000 }, model: 'test-model' });
  const parser = new FallbackParser(llm, standInOffline, logs.logger, { timeoutMs: TIMEOUT_MS, breaker: options.breaker });
  return { parser, ...logs };
}

describe('FallbackParser over the LLM parser', () => {
  it('returns the LLM’s answer when it gives a valid one, and logs no warning', async () => {
    const { parser, records } = chain();
    fake.enqueue(GOOD);
    const result = await parser.parse('buy half a bitcoin… I mean 0.5', { catalog });
    expect(result).toEqual({ command: { intent: 'buy_market', symbol: 'BTC/USDT', amount: 0.5 }, confidence: 0.85, parser: 'llm' });
    expect(records().filter((r) => (r.level as number) >= 40)).toEqual([]);
  });

  const failures: [string, FakeAnswer, string][] = [
    ['malformed JSON arguments', { kind: 'tool_call', arguments: '{"intent": "buy_mark' }, 'llm.malformed_arguments'],
    ['intent "transfer"', { kind: 'tool_call', arguments: { ...nulls, intent: 'transfer' } }, 'llm.invalid_arguments'],
    ['percentage 500', { kind: 'tool_call', arguments: { ...nulls, intent: 'sell_market', symbol: 'ETH/USDT', percentage: 500 } }, 'llm.invalid_arguments'],
    ['extra key user_id', { kind: 'tool_call', arguments: { ...nulls, intent: 'buy_market', symbol: 'BTC/USDT', amount: 1, user_id: 42 } }, 'llm.invalid_arguments'],
    ['a refusal', { kind: 'refusal', refusal: 'I can’t assist with that.' }, 'llm.refusal'],
    ['plain text without a tool call', { kind: 'text', content: 'Done! I bought it.' }, 'llm.no_tool_call'],
    ['429 with retry-after', { kind: 'http_error', status: 429, headers: { 'retry-after': '2' } }, 'llm.rate_limited'],
    ['500', { kind: 'http_error', status: 500 }, 'llm.server_error'],
    ['401', { kind: 'http_error', status: 401 }, 'llm.unauthorized'],
    ['a connection reset', { kind: 'reset' }, 'llm.network'],
    ['a 200 that is not JSON', { kind: 'garbage', body: 'upstream connect error' }, 'llm.bad_response'],
  ];

  it.each(failures)('falls back to the offline answer on %s, with one warn line naming the reason', async (_name, answer, reason) => {
    const { parser, records } = chain();
    fake.enqueue(answer);
    const result = await parser.parse('buy 0.5 btc', { catalog });
    expect(result).toEqual(OFFLINE_ANSWER);
    const warnings = records().filter((r) => r.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ reason });
  });

  it('falls back within the deadline when the server is slow, and cancels the HTTP request', async () => {
    const { parser, records } = chain();
    fake.enqueue({ kind: 'slow', delayMs: 10_000, answer: GOOD });
    const started = performance.now();
    const result = await parser.parse('buy 0.5 btc', { catalog });
    const elapsed = performance.now() - started;

    expect(result).toEqual(OFFLINE_ANSWER);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 2000); // loose: it waited for the deadline, not the 10 s answer
    expect(records().find((r) => r.level === 40)).toMatchObject({ reason: 'llm.timeout' });
    // The connection was really dropped, not left to finish in the background.
    expect(await fake.requests[0]?.outcome).toBe('closed');
  });

  it('falls back on time even when the primary ignores the abort signal', async () => {
    const logs = capturedLogger();
    const stuck = { parse: () => new Promise<ParseResult>(() => undefined) };
    const parser = new FallbackParser(stuck, standInOffline, logs.logger, { timeoutMs: 50 });
    expect(await parser.parse('buy 1 btc', { catalog })).toEqual(OFFLINE_ANSWER);
    expect(logs.records().find((r) => r.level === 40)).toMatchObject({ reason: 'llm.timeout' });
  });

  it('answers "not understood" if even the fallback throws', async () => {
    const logs = capturedLogger();
    const broken = { parse: () => Promise.reject(new Error('boom')) };
    const parser = new FallbackParser(broken, broken, logs.logger, { timeoutMs: 50 });
    expect(await parser.parse('buy 1 btc', { catalog })).toEqual({ command: { intent: 'unknown' }, confidence: 0, parser: 'offline' });
  });

  it('never writes the API key or the message text to the log, even when the error body quotes the key', async () => {
    const { parser, lines } = chain();
    const text = 'sell my secret stash of 3 eth';
    fake.enqueue(
      { kind: 'http_error', status: 401, message: `Incorrect API key provided: ${API_KEY}. You can find your API key at https://platform.openai.com.` },
      { kind: 'http_error', status: 500, message: `upstream echoed the prompt: ${text}` },
      { kind: 'slow', delayMs: 10_000, answer: GOOD },
    );
    for (let i = 0; i < 3; i++) await parser.parse(text, { catalog });
    const all = lines.join('');
    expect(all).toContain('llm.unauthorized'); // the log is not simply empty
    expect(all).toContain('llm.timeout');
    expect(all).not.toContain(API_KEY);
    expect(all).not.toContain('SECRET');
    expect(all).not.toContain('secret stash');
  });
});

describe('FallbackParser with a circuit breaker', () => {
  it('skips the LLM after N consecutive outages and tries again after the cooldown', async () => {
    const clock = new ManualClock(1_000_000);
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 30_000, clock });
    const { parser, records } = chain({ breaker });
    fake.enqueue({ kind: 'http_error', status: 500 }, { kind: 'http_error', status: 502 }, { kind: 'reset' });

    for (let i = 0; i < 3; i++) expect(await parser.parse('buy 0.5 btc', { catalog })).toEqual(OFFLINE_ANSWER);
    expect(fake.requests).toHaveLength(3);
    expect(records().some((r) => r.msg === 'LLM circuit open; offline parser answers alone for a while')).toBe(true);

    // Open: answered offline without a request, however many messages come.
    fake.enqueue(GOOD);
    for (let i = 0; i < 5; i++) expect(await parser.parse('buy 0.5 btc', { catalog })).toEqual(OFFLINE_ANSWER);
    expect(fake.requests).toHaveLength(3);

    clock.advance(29_999);
    await parser.parse('buy 0.5 btc', { catalog });
    expect(fake.requests).toHaveLength(3);

    // Cooldown over: one trial; it succeeds, the circuit closes, the LLM answers again.
    clock.advance(1);
    expect((await parser.parse('buy 0.5 btc', { catalog })).parser).toBe('llm');
    expect(fake.requests).toHaveLength(4);
    expect(breaker.state()).toBe('closed');
    fake.enqueue(GOOD);
    expect((await parser.parse('buy 0.5 btc', { catalog })).parser).toBe('llm');
  });

  it('opens again when the trial fails', async () => {
    const clock = new ManualClock(0);
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 10_000, clock });
    const { parser } = chain({ breaker });
    fake.setDefault(() => ({ kind: 'http_error', status: 503 }));
    await parser.parse('a', { catalog });
    await parser.parse('b', { catalog });
    clock.advance(10_000);
    await parser.parse('c', { catalog }); // the trial, failing
    expect(fake.requests).toHaveLength(3);
    await parser.parse('d', { catalog });
    expect(fake.requests).toHaveLength(3);
    expect(breaker.state()).toBe('open');
  });

  it('does not count answers about the message itself (refusals, invalid arguments) as an outage', async () => {
    const clock = new ManualClock(0);
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 10_000, clock });
    const { parser } = chain({ breaker });
    fake.setDefault(() => ({ kind: 'refusal', refusal: 'no' }));
    for (let i = 0; i < 4; i++) await parser.parse('x', { catalog });
    expect(fake.requests).toHaveLength(4);
    expect(breaker.state()).toBe('closed');
  });

  it('stays away for as long as a 429’s retry-after asks', async () => {
    const clock = new ManualClock(0);
    const breaker = new CircuitBreaker({ failureThreshold: 5, cooldownMs: 1000, clock });
    const { parser } = chain({ breaker });
    fake.enqueue({ kind: 'http_error', status: 429, headers: { 'retry-after': '20' } }, GOOD);
    await parser.parse('buy 0.5 btc', { catalog });
    clock.advance(19_000);
    expect(await parser.parse('buy 0.5 btc', { catalog })).toEqual(OFFLINE_ANSWER);
    expect(fake.requests).toHaveLength(1);
    clock.advance(1000);
    expect((await parser.parse('buy 0.5 btc', { catalog })).parser).toBe('llm');
  });
});
