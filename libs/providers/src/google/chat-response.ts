import type { Json, TransformContext } from '../core/types.js';
import { mapLogprobs, readParts } from './candidate.js';
import { mapFinishReason } from './finish-reason.js';
import type { GeminiCandidate, GeminiGenerateContentResponse } from './gemini.types.js';
import { mapUsage } from './usage.js';
import { newCompletionId, nowSeconds } from './util.js';

/**
 * Gemini GenerateContentResponse → OpenAI `chat.completion`: one choice per candidate; text parts
 * joined (all of them: the reference keeps only the last); functionCall parts as tool calls.
 * Thought parts never reach `content`; with strict compliance off they are reported, with the
 * other parts, as the reference's `content_blocks`.
 */
export function toOpenAiChatResponse(body: Json, ctx: TransformContext & { model: string }): Json {
  const response = body as GeminiGenerateContentResponse;
  const strict = ctx.strictOpenAiCompliance;
  const candidates = response.candidates ?? [];
  const choices = candidates.length > 0 ? candidates.map((c, i) => choice(c, i, strict)) : [blockedPromptChoice(response)];
  return {
    id: response.responseId || newCompletionId(),
    object: 'chat.completion',
    created: nowSeconds(),
    model: response.modelVersion || ctx.model,
    choices,
    usage: mapUsage(response.usageMetadata),
  };
}

function choice(candidate: GeminiCandidate, position: number, strict: boolean): Json {
  const parts = readParts(candidate.content?.parts, strict);
  const message: Json = { role: 'assistant', content: parts.hasText ? parts.text : null };
  if (parts.toolCalls.length > 0) message.tool_calls = parts.toolCalls;
  if (!strict && parts.contentBlocks.length > 0) message.content_blocks = parts.contentBlocks;
  const out: Json = {
    index: candidate.index ?? position,
    message,
    logprobs: mapLogprobs(candidate),
    finish_reason: mapFinishReason(candidate.finishReason, parts.toolCalls.length > 0, strict),
  };
  if (!strict && candidate.groundingMetadata) out.groundingMetadata = candidate.groundingMetadata;
  return out;
}

/**
 * A prompt Gemini refused outright comes back with `promptFeedback.blockReason` and no
 * candidates. OpenAI clients expect a choice, so the refusal is one empty choice ended by the
 * content filter rather than an empty `choices` array that clients index into and crash on.
 */
function blockedPromptChoice(response: GeminiGenerateContentResponse): Json {
  const blocked = Boolean(response.promptFeedback?.blockReason);
  return {
    index: 0,
    message: { role: 'assistant', content: null },
    logprobs: null,
    finish_reason: blocked ? 'content_filter' : 'stop',
  };
}
