import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { cleanSchema } from './schema-cleaner.js';
import { isObject } from './util.js';

/**
 * OpenAI `tools` / `tool_choice` → Gemini `tools` / `toolConfig`. All function tools become one
 * `{functionDeclarations: [...]}` entry, as Gemini expects. Function names Gemini reserves for its
 * built-in tools (the reference gateway's convention, kept so configs written for it still work)
 * become those native tools instead.
 */

const NATIVE_TOOLS: Record<string, string> = {
  googleSearch: 'googleSearch',
  google_search: 'googleSearch',
  codeExecution: 'codeExecution',
  code_execution: 'codeExecution',
  urlContext: 'urlContext',
  url_context: 'urlContext',
};

export function mapTools(tools: unknown): Json[] | undefined {
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  const declarations: Json[] = [];
  const native: Json[] = [];
  for (const tool of tools as Json[]) {
    if (!isObject(tool) || tool.type !== 'function') {
      throw new UnsupportedRequestError(`google does not support tools of type ${JSON.stringify(isObject(tool) ? tool.type : tool)}`);
    }
    if (!isObject(tool.function) || typeof tool.function.name !== 'string') throw new UnsupportedRequestError('each function tool needs a name');
    const fn = tool.function;
    const name = fn.name as string;
    const nativeKey = NATIVE_TOOLS[name];
    if (nativeKey) {
      native.push({ [nativeKey]: {} });
      continue;
    }
    const declaration: Json = { name };
    if (typeof fn.description === 'string' && fn.description) declaration.description = fn.description;
    const parameters = fn.parameters === undefined ? undefined : cleanSchema(fn.parameters);
    // Gemini rejects an OBJECT schema with no properties ("should be non-empty for OBJECT type"):
    // a function without arguments is declared without `parameters`.
    if (parameters && isObject(parameters.properties) && Object.keys(parameters.properties).length > 0) {
      declaration.parameters = parameters;
    }
    declarations.push(declaration);
  }
  const out: Json[] = declarations.length > 0 ? [{ functionDeclarations: declarations }] : [];
  out.push(...native);
  return out.length > 0 ? out : undefined;
}

/** `tool_choice` → `toolConfig.functionCallingConfig`; undefined when absent or unknown (Gemini's default is AUTO). */
export function mapToolChoice(toolChoice: unknown): Json | undefined {
  let config: Json | undefined;
  if (toolChoice === 'auto') config = { mode: 'AUTO' };
  else if (toolChoice === 'none') config = { mode: 'NONE' };
  else if (toolChoice === 'required') config = { mode: 'ANY' };
  else if (isObject(toolChoice) && toolChoice.type === 'function' && isObject(toolChoice.function) && typeof toolChoice.function.name === 'string') {
    // A named function: "must call a function" restricted to that one.
    config = { mode: 'ANY', allowedFunctionNames: [toolChoice.function.name] };
  }
  return config ? { functionCallingConfig: config } : undefined;
}
