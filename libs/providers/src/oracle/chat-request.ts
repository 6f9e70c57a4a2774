import type { Json, TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';

/**
 * OpenAI chat → OCI Generative AI `ChatDetails` with a GENERIC chat request (the format of the
 * Meta, xAI, OpenAI and Google models on OCI; Cohere models use their own format and are not
 * translated here). Roles and content part types are upper-case; tool calls are flat
 * `{id, type: FUNCTION, name, arguments}`; fields are camelCase. The model is an on-demand model
 * name, or the OCID of a dedicated endpoint (`ocid1.generativeaiendpoint…`).
 */
export function toOciChatRequest(body: Json, ctx: TransformContext): Json {
  const compartmentId = ctx.options.oracleCompartmentId;
  if (typeof compartmentId !== 'string' || !compartmentId) {
    throw new UnsupportedRequestError('oracle needs the compartment OCID: oracle_compartment_id (x-portkey-oracle-compartment-id)');
  }
  const model = typeof body.model === 'string' ? body.model : '';
  if (!model) throw new UnsupportedRequestError('oracle: model is required');
  const chatRequest: Json = { apiFormat: 'GENERIC', messages: toOciMessages(body.messages) };
  copy(body, chatRequest, [
    ['max_tokens', 'maxTokens'],
    ['max_completion_tokens', 'maxCompletionTokens'],
    ['temperature', 'temperature'],
    ['top_p', 'topP'],
    ['top_k', 'topK'],
    ['frequency_penalty', 'frequencyPenalty'],
    ['presence_penalty', 'presencePenalty'],
    ['seed', 'seed'],
    ['n', 'numGenerations'],
    ['logprobs', 'logProbs'],
    ['reasoning_effort', 'reasoningEffort'],
  ]);
  if (body.stop !== undefined) chatRequest.stop = Array.isArray(body.stop) ? body.stop : [body.stop];
  if (Array.isArray(body.tools)) chatRequest.tools = (body.tools as Json[]).map(toOciTool);
  if (body.tool_choice !== undefined) chatRequest.toolChoice = toOciToolChoice(body.tool_choice);
  if (isObject(body.response_format)) chatRequest.responseFormat = toOciResponseFormat(body.response_format);
  if (ctx.stream) {
    chatRequest.isStream = true;
    // Usage arrives only when asked for; the gateway always wants it for the request log.
    chatRequest.streamOptions = { isIncludeUsage: true };
  }
  const dedicated = ctx.options.oracleServingMode === 'DEDICATED' || model.startsWith('ocid1.generativeaiendpoint');
  const servingMode = dedicated
    ? { servingType: 'DEDICATED', endpointId: model }
    : { servingType: 'ON_DEMAND', modelId: model };
  return { compartmentId, servingMode, chatRequest };
}

function toOciMessages(messages: unknown): Json[] {
  if (!Array.isArray(messages)) return [];
  return (messages as Json[]).map((m) => {
    const role = m.role === 'developer' ? 'SYSTEM' : String(m.role ?? 'user').toUpperCase();
    const out: Json = { role, content: toOciContent(m.content) };
    if (Array.isArray(m.tool_calls) && m.tool_calls.length) {
      out.toolCalls = (m.tool_calls as Json[]).map((call) => {
        const fn = (call.function ?? {}) as Json;
        return { id: call.id, type: 'FUNCTION', name: fn.name, arguments: typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {}) };
      });
    }
    if (typeof m.tool_call_id === 'string') out.toolCallId = m.tool_call_id;
    return out;
  });
}

function toOciContent(content: unknown): Json[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return [{ type: 'TEXT', text: content }];
  if (!Array.isArray(content)) return [];
  return (content as Json[]).flatMap((part): Json[] => {
    if (part.type === 'text') return [{ type: 'TEXT', text: part.text }];
    if (part.type === 'image_url') {
      const image = (typeof part.image_url === 'string' ? { url: part.image_url } : part.image_url) as Json;
      return [{ type: 'IMAGE', imageUrl: { url: image.url, ...(image.detail ? { detail: String(image.detail).toUpperCase() } : {}) } }];
    }
    throw new UnsupportedRequestError(`oracle: content parts of type "${String(part.type)}" are not supported`);
  });
}

function toOciTool(tool: Json): Json {
  const fn = (tool.function ?? {}) as Json;
  return { type: 'FUNCTION', name: fn.name, ...(fn.description ? { description: fn.description } : {}), parameters: fn.parameters ?? { type: 'object', properties: {} } };
}

function toOciToolChoice(choice: unknown): Json {
  if (choice === 'none') return { type: 'NONE' };
  if (choice === 'required') return { type: 'REQUIRED' };
  if (isObject(choice) && isObject(choice.function)) return { type: 'FUNCTION', name: choice.function.name };
  return { type: 'AUTO' };
}

function toOciResponseFormat(format: Json): Json {
  if (format.type === 'json_object') return { type: 'JSON_OBJECT' };
  if (format.type === 'json_schema' && isObject(format.json_schema)) {
    const s = format.json_schema;
    return { type: 'JSON_SCHEMA', jsonSchema: { name: s.name, schema: s.schema, ...(s.strict !== undefined ? { isStrict: s.strict } : {}), ...(s.description ? { description: s.description } : {}) } };
  }
  return { type: 'TEXT' };
}

function copy(from: Json, to: Json, pairs: [string, string][]): void {
  for (const [source, target] of pairs) if (from[source] !== undefined && from[source] !== null) to[target] = from[source];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
