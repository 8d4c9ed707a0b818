import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers to one `POST /v1/chat/completions`. */
export type FakeAnswer =
  /** A tool call; `arguments` as a string is sent verbatim (malformed JSON), an object is JSON-encoded. */
  | { kind: 'tool_call'; arguments: string | Record<string, unknown>; name?: string }
  /** Several tool calls in one message. */
  | { kind: 'tool_calls'; calls: { name: string; arguments: string }[] }
  /** A plain assistant text, no tool call. */
  | { kind: 'text'; content: string }
  | { kind: 'refusal'; refusal: string }
  /** An HTTP error in OpenAI's error shape (or `body` as given). */
  | { kind: 'http_error'; status: number; message?: string; headers?: Record<string, string>; body?: unknown }
  /** A 200 whose body is not JSON. */
  | { kind: 'garbage'; body: string }
  /** `answer`, after `delayMs` (a server slower than the client's deadline). */
  | { kind: 'slow'; delayMs: number; answer: FakeAnswer }
  /** The TCP connection is destroyed without an answer. */
  | { kind: 'reset' };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: unknown;
  /** How the exchange ended: 'answered', or 'closed' when the client hung up before the answer. */
  outcome: Promise<'answered' | 'closed'>;
}

export interface FakeOpenAi {
  /** For the SDK's `baseURL`. */
  readonly baseURL: string;
  readonly requests: readonly RecordedRequest[];
  /** Queues answers, one per coming request, in order. */
  enqueue(...answers: FakeAnswer[]): void;
  /** Answers every request the queue does not cover (default: a 500 saying nothing is scripted). */
  setDefault(answer: (body: unknown) => FakeAnswer): void;
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible chat completions server on loopback, scriptable per test and recording
 * every request, so tests reach it through the real SDK (`baseURL`) exactly as production reaches
 * OpenAI, Ollama or vLLM.
 */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const queue: FakeAnswer[] = [];
  const requests: RecordedRequest[] = [];
  let fallbackAnswer: (body: unknown) => FakeAnswer = () => ({ kind: 'http_error', status: 500, message: 'fake-openai: no answer scripted' });
  let counter = 0;

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    let settle: (outcome: 'answered' | 'closed') => void = () => undefined;
    const outcome = new Promise<'answered' | 'closed'>((resolve) => (settle = resolve));
    res.on('close', () => settle(res.writableFinished ? 'answered' : 'closed'));
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, outcome });

    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      sendJson(res, 404, { error: { message: `fake-openai: no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
      return;
    }
    counter += 1;
    respond(res, queue.shift() ?? fallbackAnswer(body), body, counter);
  }

  function respond(res: ServerResponse, answer: FakeAnswer, body: unknown, n: number): void {
    const model = typeof body === 'object' && body !== null && 'model' in body ? String(body.model) : 'fake';
    switch (answer.kind) {
      case 'slow': {
        const timer = setTimeout(() => respond(res, answer.answer, body, n), answer.delayMs);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'reset':
        res.socket?.destroy();
        return;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' }).end(answer.body);
        return;
      case 'http_error':
        sendJson(res, answer.status, answer.body ?? { error: { message: answer.message ?? 'error', type: 'fake_error', code: null } }, answer.headers);
        return;
      default:
        sendJson(res, 200, completion(model, n, message(answer)));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...answers) => void queue.push(...answers),
    setDefault: (answer) => void (fallbackAnswer = answer),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

type Message = Record<string, unknown>;

function message(answer: Extract<FakeAnswer, { kind: 'tool_call' | 'tool_calls' | 'text' | 'refusal' }>): Message {
  const base = { role: 'assistant', content: null, refusal: null };
  switch (answer.kind) {
    case 'text':
      return { ...base, content: answer.content };
    case 'refusal':
      return { ...base, refusal: answer.refusal };
    case 'tool_call': {
      const args = typeof answer.arguments === 'string' ? answer.arguments : JSON.stringify(answer.arguments);
      return { ...base, tool_calls: [toolCall(answer.name ?? 'record_command', args, 0)] };
    }
    case 'tool_calls':
      return { ...base, tool_calls: answer.calls.map((call, i) => toolCall(call.name, call.arguments, i)) };
  }
}

function toolCall(name: string, args: string, i: number): Message {
  return { id: `call_fake_${i}`, type: 'function', function: { name, arguments: args } };
}

function completion(model: string, n: number, msg: Message): unknown {
  const finish = Array.isArray(msg.tool_calls) ? 'tool_calls' : 'stop';
  return {
    id: `chatcmpl-fake-${n}`,
    object: 'chat.completion',
    created: 1_700_000_000 + n,
    model,
    choices: [{ index: 0, message: msg, finish_reason: finish, logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
