import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { AssetCatalog, CommandParser, ParseResult } from '../contract.js';
import { commandTool } from './command-tool.js';
import { failureFromSdkError } from './llm-failure.js';
import { systemPrompt } from './system-prompt.js';
import { readToolAnswer } from './tool-answer.js';

/** The parse context, plus a signal the caller aborts to cancel the HTTP request (a deadline). */
export interface CancellableContext {
  catalog: AssetCatalog;
  signal?: AbortSignal;
}

export interface LlmClientOptions {
  apiKey: string;
  /** An OpenAI-compatible server (Ollama, vLLM, llama.cpp); default OpenAI. */
  baseURL?: string;
  timeoutMs: number;
}

export interface LlmParserOptions {
  /** A ready client (tests, or to share one); otherwise `clientOptions` builds one. */
  client?: OpenAI;
  clientOptions?: LlmClientOptions;
  model: string;
  /** Sent as given; `null` leaves it out (reasoning models reject `temperature`). Default 0. */
  temperature?: number | null;
  /**
   * The catalog's tickers go into the system prompt only up to this many. A full exchange
   * catalog (~600 tickers) would cost ~1.5k input tokens on every message while the model knows
   * the tickers anyway and every symbol is checked against the catalog afterwards. Default 50.
   */
  maxPromptAssets?: number;
}

const TICKER = /^[A-Z0-9]{1,20}$/;

/**
 * Builds the SDK client. No retries: one retry would already blow the parse's time budget, and
 * the offline parser is the retry. Every setting is explicit so the SDK reads no environment
 * variables (OPENAI_BASE_URL, OPENAI_ORG_ID, ...) behind the config's back, and its own console
 * logging is off: our logs go through pino, where secrets are redacted.
 */
export function createOpenAiClient(options: LlmClientOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? 'https://api.openai.com/v1',
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: options.timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
  });
}

/**
 * Reads a chat message with an LLM through tool calling. It throws an `LlmFailure` for every way
 * the model can fail to give a contract-valid answer; `FallbackParser` turns those into the
 * offline parser's answer. On its own it never decides anything: see tool-answer.ts.
 */
export class LlmParser implements CommandParser {
  private readonly client: OpenAI;
  private readonly tool = commandTool();

  constructor(private readonly options: LlmParserOptions) {
    if (options.client !== undefined) this.client = options.client;
    else if (options.clientOptions !== undefined) this.client = createOpenAiClient(options.clientOptions);
    else throw new TypeError('LlmParser needs a client or clientOptions');
  }

  async parse(text: string, context: CancellableContext): Promise<ParseResult> {
    let completion;
    try {
      completion = await this.client.chat.completions.create(this.request(text, context.catalog), { signal: context.signal });
    } catch (error) {
      throw failureFromSdkError(error);
    }
    return readToolAnswer(completion, context.catalog);
  }

  /** The request body; public so tests and the report can show exactly what is sent. */
  request(text: string, catalog: AssetCatalog): ChatCompletionCreateParamsNonStreaming {
    const temperature = this.options.temperature === undefined ? 0 : this.options.temperature;
    return {
      model: this.options.model,
      messages: [
        { role: 'system', content: systemPrompt(this.promptAssets(catalog)) },
        // The message itself, only ever as the user's turn: never concatenated into the system prompt.
        { role: 'user', content: text },
      ],
      tools: [this.tool],
      // With one tool, 'required' forces that tool, and more OpenAI-compatible servers accept it
      // than a named tool_choice. "Not a command" is expressed as intent "unknown", not as prose.
      tool_choice: 'required',
      parallel_tool_calls: false,
      ...(temperature === null ? {} : { temperature }),
    };
  }

  private promptAssets(catalog: AssetCatalog): readonly string[] | undefined {
    const assets = catalog.assets();
    if (assets.length > (this.options.maxPromptAssets ?? 50)) return undefined;
    // Exchange data, but still only tickers reach the prompt.
    return assets.filter((asset) => TICKER.test(asset));
  }
}
