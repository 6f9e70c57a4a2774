import type { Json } from '../../core/types.js';
import { asRecord, asString } from '../shared/json.js';
import { unsupported } from './unsupported.js';

/**
 * Responses tools and tool_choice → chat function tools and tool_choice.
 *
 * Responses function tools are flat (`{type, name, parameters…}`), chat ones nest under
 * `function`. OpenAI's built-in tools (web_search, file_search, code_interpreter, computer use,
 * image generation, MCP, shell…) run on OpenAI's side and are refused by name: dropping them would
 * leave the model without a capability the client relies on.
 */

export function toChatTools(tools: unknown): Json[] | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) throw unsupported('tools must be an array');
  if (tools.length === 0) return undefined;
  return tools.map((tool) => {
    const t = asRecord(tool);
    if (t.type !== 'function') {
      throw unsupported(`tool type "${String(t.type)}" is an OpenAI built-in tool and is not supported for this provider; only function tools are`);
    }
    const name = asString(t.name);
    if (!name) throw unsupported('function tools need a name');
    return {
      type: 'function',
      function: {
        name,
        ...(typeof t.description === 'string' ? { description: t.description } : {}),
        ...(t.parameters && typeof t.parameters === 'object' ? { parameters: t.parameters } : {}),
        ...(typeof t.strict === 'boolean' ? { strict: t.strict } : {}),
      },
    };
  });
}

/**
 * tool_choice: the string modes map one to one, `{type: "function", name}` nests its name.
 * `allowed_tools` restricts the tools the model may call this turn: sending only those tools with
 * the given mode says the same to a chat provider. Chat providers reject tool_choice and
 * parallel_tool_calls without tools, so neither is set then.
 */
export function toChatToolChoice(toolChoice: unknown, tools: Json[] | undefined): { tools?: Json[]; tool_choice?: unknown } {
  if (!tools) return {};
  if (toolChoice === undefined || toolChoice === null) return { tools };
  if (toolChoice === 'auto' || toolChoice === 'none' || toolChoice === 'required') return { tools, tool_choice: toolChoice };
  const choice = asRecord(toolChoice);
  if (choice.type === 'function') {
    const name = asString(choice.name);
    if (!name) throw unsupported('tool_choice of type "function" needs a name');
    return { tools, tool_choice: { type: 'function', function: { name } } };
  }
  if (choice.type === 'allowed_tools') {
    const allowed = new Set(
      (Array.isArray(choice.tools) ? choice.tools : []).map((t) => {
        const entry = asRecord(t);
        if (entry.type !== 'function' || typeof entry.name !== 'string') throw unsupported('allowed_tools may only list function tools ({type: "function", name})');
        return entry.name;
      }),
    );
    const mode = choice.mode === 'required' ? 'required' : 'auto';
    const kept = tools.filter((t) => allowed.has(asString(asRecord(t.function).name) ?? ''));
    return kept.length > 0 ? { tools: kept, tool_choice: mode } : {};
  }
  throw unsupported(`tool_choice type "${String(choice.type ?? toolChoice)}" is not supported for this provider (auto, none, required, function or allowed_tools)`);
}
