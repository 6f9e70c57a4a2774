import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';

/** OpenAI `tools` / `tool_choice` / `parallel_tool_calls` → Anthropic `tools` / `tool_choice`. */

/**
 * Function tools become `{name, description, input_schema}`. Anthropic requires an object schema,
 * so a tool without `parameters` gets an empty one. OpenAI's `strict` has no counterpart in the
 * basic Messages API and is dropped. Tools of other types are Anthropic-native (web search,
 * computer use, text editor, …) and are forwarded unchanged.
 */
export function toAnthropicTools(tools: unknown): Json[] | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) throw new UnsupportedRequestError('anthropic: tools must be an array');
  if (tools.length === 0) return undefined;
  return tools.map((tool: Json) => {
    if (tool?.type !== 'function') return tool;
    const fn = (tool.function ?? {}) as Json;
    if (typeof fn.name !== 'string' || !fn.name) throw new UnsupportedRequestError('anthropic: every function tool needs a name');
    const schema = fn.parameters && typeof fn.parameters === 'object' ? fn.parameters : { type: 'object', properties: {} };
    return {
      name: fn.name,
      ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
      input_schema: schema,
      ...(tool.cache_control ? { cache_control: tool.cache_control } : {}),
    };
  });
}

/**
 * `auto`→auto, `required`→any, `none`→none, a named function→tool. `parallel_tool_calls: false`
 * becomes `disable_parallel_tool_use: true` (the reference ignores it); with no explicit choice
 * that needs an `auto` choice to carry it, and only when there are tools to call.
 */
export function toAnthropicToolChoice(toolChoice: unknown, parallelToolCalls: unknown, hasTools: boolean): Json | undefined {
  const choice = mapChoice(toolChoice) ?? (parallelToolCalls === false && hasTools ? { type: 'auto' } : undefined);
  if (!choice) return undefined;
  if (parallelToolCalls === false && choice.type !== 'none') return { ...choice, disable_parallel_tool_use: true };
  return choice;
}

function mapChoice(toolChoice: unknown): Json | undefined {
  if (toolChoice === undefined || toolChoice === null) return undefined;
  if (toolChoice === 'auto') return { type: 'auto' };
  if (toolChoice === 'required') return { type: 'any' };
  if (toolChoice === 'none') return { type: 'none' };
  if (typeof toolChoice === 'object') {
    const c = toolChoice as Json;
    const name = (c.function as Json | undefined)?.name;
    if (c.type === 'function' && typeof name === 'string') return { type: 'tool', name };
  }
  throw new UnsupportedRequestError(`anthropic: unsupported tool_choice ${JSON.stringify(toolChoice)}`);
}
