import type { Json, ResponseContext } from '../core/types.js';

/**
 * watsonx.ai chat result → OpenAI chat completion. The choices and usage are OpenAI's shapes
 * already; the envelope differs (`model_id`, `created_at`, `model_version`, `system` warnings),
 * so it is rebuilt with OpenAI's fields only.
 */
export function toOpenAiChatCompletion(body: Json, ctx: Pick<ResponseContext, 'model'>): Json {
  const choices = Array.isArray(body.choices) ? (body.choices as Json[]) : [];
  return {
    id: typeof body.id === 'string' ? body.id : `chatcmpl-watsonx-${Date.now().toString(36)}`,
    object: 'chat.completion',
    created: typeof body.created === 'number' ? body.created : Math.floor(Date.now() / 1000),
    model: typeof body.model_id === 'string' ? body.model_id : ctx.model,
    choices: choices.map((c, i) => ({
      index: typeof c.index === 'number' ? c.index : i,
      message: { role: 'assistant', content: null, ...((c.message ?? {}) as Json) },
      finish_reason: c.finish_reason ?? 'stop',
      logprobs: c.logprobs ?? null,
    })),
    ...(isUsage(body.usage) ? { usage: openAiUsage(body.usage) } : {}),
  };
}

export function openAiUsage(usage: Json): Json {
  const prompt = typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : 0;
  const completion = typeof usage.completion_tokens === 'number' ? usage.completion_tokens : 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: typeof usage.total_tokens === 'number' ? usage.total_tokens : prompt + completion };
}

export function isUsage(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && ('prompt_tokens' in value || 'completion_tokens' in value);
}
