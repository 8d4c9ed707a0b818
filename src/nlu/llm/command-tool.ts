import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { zodFunction } from 'openai/helpers/zod';
import { z } from 'zod';
import { commandSchema } from '../contract.js';

/**
 * The one function the model may call. Its JSON schema is generated from the parse contract's
 * zod schema (src/nlu/contract.ts), so the LLM parser and the offline parser cannot drift: a new
 * intent or entity in the contract reaches the model's tool definition without an edit here.
 */
export const COMMAND_TOOL_NAME = 'record_command';

/**
 * What a tool call's arguments must satisfy: the contract's fields and nothing else. Extra keys
 * ("user_id", "confirm", "account") are rejected rather than stripped: an answer that tries to
 * carry them was steered by the message, so none of it is trusted and the offline parser answers.
 */
export const toolArgumentsSchema = z.strictObject(commandSchema.shape);

/**
 * Keywords OpenAI's strict mode does not accept in a function schema (it answers 400 "Invalid
 * schema"). Removing them from what is SENT loses nothing: `toolArgumentsSchema` still enforces
 * them on what comes back.
 */
const UNSUPPORTED_IN_STRICT_MODE = new Set(['minLength', 'maxLength']);

function withoutKeywords(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutKeywords);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!UNSUPPORTED_IN_STRICT_MODE.has(key)) out[key] = withoutKeywords(value);
  }
  return out;
}

const DESCRIPTION = 'Record the command the chat message asks for. Call it exactly once; use intent "unknown" when the message asks for nothing the bot offers.';

/** The tool definition sent with every request (strict: every key present, null when unstated). */
export function commandTool(): ChatCompletionFunctionTool {
  // zodFunction (openai/helpers/zod) converts zod 4 schemas into OpenAI's strict subset:
  // every property required, optional ones as `anyOf [T, null]`, additionalProperties false.
  const generated = zodFunction({ name: COMMAND_TOOL_NAME, parameters: toolArgumentsSchema, description: DESCRIPTION });
  return {
    type: 'function',
    function: {
      name: COMMAND_TOOL_NAME,
      description: DESCRIPTION,
      strict: true,
      parameters: withoutKeywords(generated.function.parameters) as Record<string, unknown>,
    },
  };
}
