import type { Json } from '../../core/types.js';
import { asRecord, isRecord } from '../shared/json.js';
import { unsupported } from './unsupported.js';

/**
 * Anthropic tools and tool_choice → chat function tools, tool_choice and parallel_tool_calls.
 *
 * Only client tools (no `type`, or `type: "custom"`) have a chat equivalent. Anthropic's
 * versioned tools (`bash_20250124`, `text_editor_…`, `computer_…`, `web_search_…`, `code_execution_…`)
 * carry no schema: the model knows them by training, or Anthropic runs them. They are refused by
 * name rather than dropped, since the model would otherwise silently lose a capability.
 */

export function toChatTools(tools: unknown): Json[] | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) throw unsupported('tools must be an array');
  if (tools.length === 0) return undefined;
  return tools.map((tool) => {
    const t = asRecord(tool);
    if (t.type !== undefined && t.type !== null && t.type !== 'custom') {
      throw unsupported(`Anthropic built-in tool "${String(t.type)}"${typeof t.name === 'string' ? ` (${t.name})` : ''} is not supported: only Anthropic models can use it; declare a custom tool with an input_schema instead`);
    }
    if (typeof t.name !== 'string' || !t.name) throw unsupported('tools need a name');
    if (!isRecord(t.input_schema)) throw unsupported(`tool "${t.name}" needs an input_schema object`);
    return {
      type: 'function',
      function: {
        name: t.name,
        ...(typeof t.description === 'string' ? { description: t.description } : {}),
        parameters: t.input_schema,
        ...(typeof t.strict === 'boolean' ? { strict: t.strict } : {}),
      },
    };
  });
}

/**
 * `{type: auto|any|tool|none}` → `auto | required | {function} | none`;
 * `disable_parallel_tool_use: true` → `parallel_tool_calls: false`. Chat providers reject both
 * fields without tools, so they are only set when there are tools.
 */
export function toChatToolChoice(toolChoice: unknown, hasTools: boolean): Json {
  if (toolChoice === undefined || toolChoice === null || !hasTools) return {};
  const choice = asRecord(toolChoice);
  const parallel = choice.disable_parallel_tool_use === true ? { parallel_tool_calls: false } : {};
  switch (choice.type) {
    case 'auto':
      return { tool_choice: 'auto', ...parallel };
    case 'any':
      return { tool_choice: 'required', ...parallel };
    case 'none':
      return { tool_choice: 'none' };
    case 'tool':
      if (typeof choice.name !== 'string' || !choice.name) throw unsupported('tool_choice of type "tool" needs a name');
      return { tool_choice: { type: 'function', function: { name: choice.name } }, ...parallel };
    default:
      throw unsupported(`tool_choice type "${String(choice.type)}" is not supported (auto, any, tool or none)`);
  }
}
