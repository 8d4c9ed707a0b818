import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeAnswer, type FakeOpenAi } from '../../../test/fakes/fake-openai.js';
import { commandSchema, INTENTS } from '../contract.js';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../known-assets.js';
import { COMMAND_TOOL_NAME } from './command-tool.js';
import { LlmFailure, type FallbackReason } from './llm-failure.js';
import { LlmParser } from './llm-parser.js';
import { systemPrompt } from './system-prompt.js';

const API_KEY = 'sk-test-llm-parser-0123456789';
const small = new StaticAssetCatalog(['BTC', 'ETH', 'SOL', 'DOGE', 'USDT', 'USDC']);

let fake: FakeOpenAi;
let parser: LlmParser;

beforeEach(async () => {
  fake = await startFakeOpenAi();
  parser = new LlmParser({ clientOptions: { apiKey: API_KEY, baseURL: fake.baseURL, timeoutMs: 5000 }, model: 'test-model' });
});
afterEach(() => fake.close());

interface JsonSchemaNode {
  properties: Record<string, { enum?: unknown[]; anyOf?: Record<string, unknown>[] }>;
  required: string[];
  additionalProperties: unknown;
}
interface ToolFunction {
  name: string;
  strict: boolean;
  parameters: JsonSchemaNode;
}

const toolCall = (args: Record<string, unknown>): FakeAnswer => ({ kind: 'tool_call', arguments: args });
const nulls = { symbol: null, amount: null, quote_amount: null, percentage: null, price: null, direction: null, order_id: null, timeframe: null };

describe('LlmParser, good answers', () => {
  it('returns the model’s reading, canonical, marked as the LLM’s', async () => {
    fake.enqueue(toolCall({ ...nulls, intent: 'buy_limit', symbol: 'ETH/USDT', amount: 2, price: 3100 }));
    const result = await parser.parse('pick up 2 ether if it drops to 3.1k', { catalog: small });
    expect(result).toEqual({ command: { intent: 'buy_limit', symbol: 'ETH/USDT', amount: 2, price: 3100 }, confidence: 0.85, parser: 'llm' });
  });

  it('sends the model, the generated tool, a forced tool choice and the text as the user’s turn', async () => {
    fake.enqueue(toolCall({ ...nulls, intent: 'get_price', symbol: 'BTC/USDT' }));
    await parser.parse('price of bitcoin', { catalog: small });

    const [request] = fake.requests;
    expect(request?.url).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    // The wire format, read loosely: the assertions below are the type.
    const body = request?.body as { model: string; tool_choice: unknown; parallel_tool_calls: unknown; temperature: unknown; messages: unknown; tools: { function: ToolFunction }[] };
    expect(body.model).toBe('test-model');
    expect(body.tool_choice).toBe('required');
    expect(body.parallel_tool_calls).toBe(false);
    expect(body.temperature).toBe(0);
    expect(body.messages).toEqual([
      { role: 'system', content: systemPrompt(['BTC', 'ETH', 'SOL', 'DOGE', 'USDT', 'USDC']) },
      { role: 'user', content: 'price of bitcoin' },
    ]);
    expect(body.tools).toHaveLength(1);
    const fn = body.tools[0]!.function;
    expect(fn.name).toBe(COMMAND_TOOL_NAME);
    expect(fn.strict).toBe(true);
    // Generated from the contract: the same keys, all required (strict mode), nothing else allowed.
    expect(Object.keys(fn.parameters.properties).sort()).toEqual(Object.keys(commandSchema.shape).sort());
    expect([...fn.parameters.required].sort()).toEqual(Object.keys(commandSchema.shape).sort());
    expect(fn.parameters.additionalProperties).toBe(false);
    expect(fn.parameters.properties.intent?.enum).toEqual([...INTENTS]);
    expect(fn.parameters.properties.percentage?.anyOf?.[0]).toMatchObject({ type: 'number', maximum: 100 });
    expect(JSON.stringify(fn.parameters)).not.toMatch(/minLength|maxLength/);
  });

  it('sends no asset list for a full exchange catalog (token cost), one for a small catalog', async () => {
    fake.setDefault(() => toolCall({ ...nulls, intent: 'help' }));
    await parser.parse('help', { catalog: new StaticAssetCatalog(KNOWN_ASSETS) });
    await parser.parse('help', { catalog: small });
    const system = (i: number) => (fake.requests[i]?.body as { messages: { content: string }[] }).messages[0]?.content;
    expect(system(0)).toBe(systemPrompt());
    expect(system(0)).not.toContain('Listed assets');
    expect(system(1)).toContain('Listed assets: BTC ETH SOL DOGE USDT USDC.');
  });

  it('upper-cases a lower-case symbol and drops entities the intent may not carry', async () => {
    fake.enqueue(toolCall({ ...nulls, intent: 'check_portfolio', symbol: 'sol/usdt', amount: 3 }));
    const result = await parser.parse('what is my sol balance', { catalog: small });
    expect(result.command).toEqual({ intent: 'check_portfolio' });
  });

  it('never names a market the catalog does not list: the symbol is dropped and the coin reported', async () => {
    fake.enqueue(toolCall({ ...nulls, intent: 'buy_market', symbol: 'PEPE/USDT', amount: 1000 }), toolCall({ ...nulls, intent: 'buy_market', symbol: 'BTC/XYZ', amount: 1 }));
    const pepe = await parser.parse('buy 1000 pepe', { catalog: small });
    expect(pepe).toEqual({ command: { intent: 'buy_market', amount: 1000 }, confidence: 0.5, parser: 'llm', unresolvedCoin: 'PEPE' });
    const xyz = await parser.parse('buy 1 btc with xyz', { catalog: small });
    expect(xyz.command.symbol).toBeUndefined();
    expect(xyz.unresolvedCoin).toBe('XYZ');
  });

  it('gives "unknown" a lower confidence than a command', async () => {
    fake.enqueue(toolCall({ ...nulls, intent: 'unknown' }));
    const result = await parser.parse('tell me a joke', { catalog: small });
    expect(result).toEqual({ command: { intent: 'unknown' }, confidence: 0.6, parser: 'llm' });
  });
});

describe('LlmParser, failures become LlmFailure with a reason', () => {
  const cases: [string, FakeAnswer, FallbackReason][] = [
    ['malformed JSON arguments', { kind: 'tool_call', arguments: '{"intent": "buy_market", "symbol": ' }, 'malformed_arguments'],
    ['arguments that are not an object', { kind: 'tool_call', arguments: '["buy_market"]' }, 'malformed_arguments'],
    ['an intent outside the contract', toolCall({ ...nulls, intent: 'transfer' }), 'invalid_arguments'],
    ['percentage 500', toolCall({ ...nulls, intent: 'sell_market', symbol: 'ETH/USDT', percentage: 500 }), 'invalid_arguments'],
    ['an extra key', toolCall({ ...nulls, intent: 'check_portfolio', user_id: 42 }), 'invalid_arguments'],
    ['a number as a string', toolCall({ ...nulls, intent: 'buy_market', symbol: 'BTC/USDT', amount: '0.5' }), 'invalid_arguments'],
    ['a pair of one asset', toolCall({ ...nulls, intent: 'get_price', symbol: 'BTC/BTC' }), 'invalid_arguments'],
    ['two tool calls', { kind: 'tool_calls', calls: [{ name: COMMAND_TOOL_NAME, arguments: '{"intent":"help"}' }, { name: COMMAND_TOOL_NAME, arguments: '{"intent":"help"}' }] }, 'invalid_arguments'],
    ['a call to another function', { kind: 'tool_call', name: 'execute_trade', arguments: { intent: 'buy_market' } }, 'no_tool_call'],
    ['a refusal', { kind: 'refusal', refusal: 'I can’t help with that.' }, 'refusal'],
    ['plain text without a tool call', { kind: 'text', content: 'Sure! Buying 0.5 BTC for you now.' }, 'no_tool_call'],
    ['a body that is not JSON', { kind: 'garbage', body: '<html>gateway</html>' }, 'bad_response'],
    ['429', { kind: 'http_error', status: 429, headers: { 'retry-after': '7' } }, 'rate_limited'],
    ['500', { kind: 'http_error', status: 500 }, 'server_error'],
    ['503', { kind: 'http_error', status: 503 }, 'server_error'],
    ['401', { kind: 'http_error', status: 401 }, 'unauthorized'],
    ['400 (a model rejecting a parameter)', { kind: 'http_error', status: 400 }, 'http_error'],
    ['a connection reset', { kind: 'reset' }, 'network'],
  ];

  it.each(cases)('%s', async (_name, answer, reason) => {
    fake.enqueue(answer);
    const error = await parser.parse('buy 0.5 btc', { catalog: small }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LlmFailure);
    expect((error as LlmFailure).reason).toBe(reason);
  });

  it('reads retry-after from a 429', async () => {
    fake.enqueue({ kind: 'http_error', status: 429, headers: { 'retry-after': '7' } });
    const error = await parser.parse('buy 0.5 btc', { catalog: small }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'rate_limited', status: 429, retryAfterMs: 7000 });
  });

  it('cancels the HTTP request when the signal aborts', async () => {
    fake.enqueue({ kind: 'slow', delayMs: 10_000, answer: toolCall({ ...nulls, intent: 'help' }) });
    const controller = new AbortController();
    const pending = parser.parse('help', { catalog: small, signal: controller.signal }).catch((e: unknown) => e);
    await expect.poll(() => fake.requests.length).toBe(1);
    controller.abort();
    expect(await pending).toMatchObject({ reason: 'timeout' });
    expect(await fake.requests[0]?.outcome).toBe('closed');
  });
});
