import type { Json, ResponseContext } from '../core/types.js';

/**
 * OCI `ChatResult` (GENERIC) → OpenAI chat completion. OCI answers `{modelId, modelVersion,
 * chatResponse: {timeCreated, choices: [{index, message: {role, content: [{type, text}],
 * toolCalls}, finishReason}], usage: {promptTokens, completionTokens, totalTokens}}}`. The body
 * carries no completion id, so the gateway's fallback id is used.
 */
export function toOpenAiChatCompletion(body: Json, ctx: Pick<ResponseContext, 'model'>, id = `chatcmpl-oci-${Date.now().toString(36)}`): Json {
  const response = (body.chatResponse ?? {}) as Json;
  const choices = Array.isArray(response.choices) ? (response.choices as Json[]) : [];
  const created = typeof response.timeCreated === 'string' ? Math.floor(Date.parse(response.timeCreated) / 1000) : Math.floor(Date.now() / 1000);
  return {
    id,
    object: 'chat.completion',
    created: Number.isFinite(created) ? created : Math.floor(Date.now() / 1000),
    model: typeof body.modelId === 'string' ? body.modelId : ctx.model,
    choices: choices.map((choice, i) => ({
      index: typeof choice.index === 'number' ? choice.index : i,
      message: toOpenAiMessage((choice.message ?? {}) as Json),
      finish_reason: finishReason(choice.finishReason, Array.isArray((choice.message as Json | undefined)?.toolCalls)),
      logprobs: null,
    })),
    ...(isObject(response.usage) ? { usage: openAiUsage(response.usage) } : {}),
  };
}

export function toOpenAiMessage(message: Json): Json {
  const out: Json = { role: 'assistant', content: textOf(message.content) };
  if (Array.isArray(message.toolCalls) && message.toolCalls.length) {
    out.tool_calls = (message.toolCalls as Json[]).map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}) } }));
  }
  return out;
}

export function textOf(content: unknown): string | null {
  if (!Array.isArray(content)) return typeof content === 'string' ? content : null;
  const texts = (content as Json[]).filter((p) => p.type === 'TEXT' && typeof p.text === 'string').map((p) => p.text as string);
  return texts.length ? texts.join('') : null;
}

/** OCI passes the model's own finish reason through (mostly OpenAI's words already). */
export function finishReason(reason: unknown, hasToolCalls: boolean): string {
  if (hasToolCalls) return 'tool_calls';
  if (reason === 'length' || reason === 'max_tokens' || reason === 'MAX_TOKENS') return 'length';
  if (reason === 'tool_calls') return 'tool_calls';
  if (reason === 'content_filter') return 'content_filter';
  return 'stop';
}

export function openAiUsage(usage: Json): Json {
  const prompt = num(usage.promptTokens);
  const completion = num(usage.completionTokens);
  const details = isObject(usage.promptTokensDetails) ? usage.promptTokensDetails : undefined;
  const reasoning = isObject(usage.completionTokensDetails) ? num(usage.completionTokensDetails.reasoningTokens) : 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: typeof usage.totalTokens === 'number' ? usage.totalTokens : prompt + completion,
    ...(details ? { prompt_tokens_details: { cached_tokens: num(details.cachedTokens) } } : {}),
    ...(reasoning ? { completion_tokens_details: { reasoning_tokens: reasoning } } : {}),
  };
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
