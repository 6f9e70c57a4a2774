import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { isObject } from './converse-common.js';
import { toConverseMessages } from './converse-messages.js';

/**
 * OpenAI chat completion request → Bedrock Converse / ConverseStream request. The model and the
 * streaming choice travel in the URL, so neither is in the body.
 *
 * - max_completion_tokens | max_tokens, temperature, top_p, stop → `inferenceConfig`;
 * - tools / tool_choice → `toolConfig` (see toConverseToolConfig);
 * - response_format json_schema → `outputConfig.textFormat` (Bedrock structured outputs; models
 *   without it answer 400, which is clearer than a schema silently ignored). json_object has no
 *   Converse counterpart and needs none: OpenAI already requires the prompt to ask for JSON;
 * - `top_k` and Anthropic's `thinking` → `additionalModelRequestFields` (model-specific fields);
 * - Converse's own fields (guardrailConfig, additionalModelRequestFields, requestMetadata…) pass
 *   through, in camelCase or snake_case, for clients that know Bedrock;
 * - other OpenAI fields (penalties, seed, logprobs, user…) have no Converse meaning and are left
 *   out: Converse rejects unknown top-level fields.
 */
const NATIVE_FIELDS: Record<string, string> = {
  guardrailConfig: 'guardrailConfig',
  guardrail_config: 'guardrailConfig',
  additionalModelResponseFieldPaths: 'additionalModelResponseFieldPaths',
  additional_model_response_field_paths: 'additionalModelResponseFieldPaths',
  performanceConfig: 'performanceConfig',
  performance_config: 'performanceConfig',
  promptVariables: 'promptVariables',
  prompt_variables: 'promptVariables',
  requestMetadata: 'requestMetadata',
  request_metadata: 'requestMetadata',
  // OpenAI's own `service_tier` means something else, so only the camelCase spelling is Bedrock's.
  serviceTier: 'serviceTier',
};

export function toConverseRequest(body: Json): Json {
  if (typeof body.n === 'number' && body.n !== 1) {
    throw new UnsupportedRequestError('bedrock: n > 1 is not supported (Converse returns one completion per request)');
  }
  if (body.functions !== undefined || body.function_call !== undefined) {
    throw new UnsupportedRequestError('bedrock: the deprecated functions/function_call fields are not supported; use tools/tool_choice');
  }

  const { system, messages, hasToolBlocks } = toConverseMessages(body.messages);
  const out: Json = { messages };
  if (system.length > 0) out.system = system;

  const inference = inferenceConfig(body);
  if (Object.keys(inference).length > 0) out.inferenceConfig = inference;

  const toolConfig = toConverseToolConfig(body.tools, body.tool_choice, hasToolBlocks);
  if (toolConfig) out.toolConfig = toolConfig;

  const outputConfig = toOutputConfig(body.response_format);
  if (outputConfig) out.outputConfig = outputConfig;

  const additional = additionalFields(body);
  if (additional) out.additionalModelRequestFields = additional;

  for (const [key, target] of Object.entries(NATIVE_FIELDS)) {
    if (body[key] !== undefined && body[key] !== null) out[target] = body[key];
  }
  return out;
}

function inferenceConfig(body: Json): Json {
  const config: Json = {};
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (typeof maxTokens === 'number') config.maxTokens = maxTokens;
  if (typeof body.temperature === 'number') config.temperature = body.temperature;
  if (typeof body.top_p === 'number') config.topP = body.top_p;
  const stop = typeof body.stop === 'string' ? [body.stop] : Array.isArray(body.stop) ? body.stop.filter((s): s is string => typeof s === 'string') : [];
  if (stop.length > 0) config.stopSequences = stop;
  return config;
}

/**
 * OpenAI function tools → `toolConfig.tools[].toolSpec`; `cache_control` on a tool adds a
 * cachePoint after it. tool_choice: auto → `{auto:{}}`, required → `{any:{}}`, a named function
 * → `{tool:{name}}`. Converse has no "none": tools are left out so the model cannot call them,
 * except when the conversation already holds tool calls or results, because Converse rejects
 * those without a toolConfig. Then the tools stay (without a choice), and "none" is best effort.
 */
export function toConverseToolConfig(tools: unknown, toolChoice: unknown, hasToolBlocks: boolean): Json | undefined {
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  const specs: Json[] = [];
  for (const tool of tools) {
    if (!isObject(tool) || tool.type !== 'function' || !isObject(tool.function) || typeof tool.function.name !== 'string') {
      throw new UnsupportedRequestError('bedrock: only function tools with a name are supported');
    }
    const fn = tool.function;
    specs.push({
      toolSpec: {
        name: fn.name,
        ...(typeof fn.description === 'string' && fn.description ? { description: fn.description } : {}),
        inputSchema: { json: isObject(fn.parameters) ? fn.parameters : { type: 'object', properties: {} } },
        ...(fn.strict === true ? { strict: true } : {}),
      },
    });
    if (tool.cache_control) specs.push({ cachePoint: { type: 'default' } });
  }

  if (toolChoice === 'none') return hasToolBlocks ? { tools: specs } : undefined;
  const choice = converseToolChoice(toolChoice);
  return { tools: specs, ...(choice ? { toolChoice: choice } : {}) };
}

function converseToolChoice(toolChoice: unknown): Json | undefined {
  if (toolChoice === undefined || toolChoice === null) return undefined;
  if (toolChoice === 'auto') return { auto: {} };
  if (toolChoice === 'required') return { any: {} };
  if (isObject(toolChoice) && isObject(toolChoice.function) && typeof toolChoice.function.name === 'string') {
    return { tool: { name: toolChoice.function.name } };
  }
  throw new UnsupportedRequestError('bedrock: tool_choice must be "auto", "required", "none" or a named function');
}

/** response_format json_schema → Converse structured output (the schema travels as a JSON string). */
function toOutputConfig(responseFormat: unknown): Json | undefined {
  if (!isObject(responseFormat) || responseFormat.type !== 'json_schema') return undefined;
  const spec = isObject(responseFormat.json_schema) ? responseFormat.json_schema : {};
  if (!isObject(spec.schema)) return undefined;
  return {
    textFormat: {
      type: 'json_schema',
      structure: {
        jsonSchema: {
          schema: JSON.stringify(spec.schema),
          ...(typeof spec.name === 'string' ? { name: spec.name } : {}),
          ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
        },
      },
    },
  };
}

function additionalFields(body: Json): Json | undefined {
  const native = body.additionalModelRequestFields ?? body.additional_model_request_fields;
  const fields: Json = isObject(native) ? { ...native } : {};
  if (typeof body.top_k === 'number') fields.top_k = body.top_k;
  if (isObject(body.thinking)) fields.thinking = body.thinking;
  return Object.keys(fields).length > 0 ? fields : undefined;
}
