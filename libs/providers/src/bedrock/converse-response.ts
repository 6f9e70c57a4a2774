import { randomUUID } from 'node:crypto';
import type { Json } from '../core/types.js';
import { converseUsage, finishReason, isObject } from './converse-common.js';

/**
 * Converse response → OpenAI `chat.completion`. Text blocks are concatenated into `content`
 * (consecutive pieces of one answer), `toolUse` blocks become `tool_calls`. Converse sends no
 * response id (only the x-amzn-requestid header), so one is made up. Without strict OpenAI
 * compliance, reasoning blocks are reported as `content_blocks` (our Anthropic adapter's shape),
 * so a client can send thinking back.
 */
export function toOpenAiChatCompletion(
  body: Json,
  ctx: { model: string; strictOpenAiCompliance: boolean },
  createdSeconds: number = Math.floor(Date.now() / 1000),
): Json {
  const output = isObject(body.output) ? body.output : {};
  const message = isObject(output.message) ? output.message : {};
  const blocks = Array.isArray(message.content) ? message.content.filter(isObject) : [];

  const texts = blocks.filter((b) => typeof b.text === 'string').map((b) => b.text as string);
  const toolCalls = blocks.filter((b) => isObject(b.toolUse)).map((b) => toolCall(b.toolUse as Json));
  const reasoning = ctx.strictOpenAiCompliance ? [] : blocks.filter((b) => isObject(b.reasoningContent)).map((b) => reasoningBlock(b.reasoningContent as Json));

  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: createdSeconds,
    model: ctx.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          // OpenAI's convention: null content when the turn is only tool calls.
          content: texts.length > 0 ? texts.join('') : toolCalls.length > 0 ? null : '',
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          ...(reasoning.length > 0 ? { content_blocks: reasoning } : {}),
        },
        finish_reason: finishReason(body.stopReason, ctx.strictOpenAiCompliance),
        logprobs: null,
      },
    ],
    usage: converseUsage(body.usage),
  };
}

function toolCall(toolUse: Json): Json {
  return {
    id: toolUse.toolUseId,
    type: 'function',
    function: { name: toolUse.name, arguments: JSON.stringify(toolUse.input ?? {}) },
  };
}

/** `{reasoningText:{text, signature}}` or `{redactedContent}` → Anthropic-style thinking blocks. */
export function reasoningBlock(reasoning: Json): Json {
  if (typeof reasoning.redactedContent === 'string') return { type: 'redacted_thinking', data: reasoning.redactedContent };
  const text = isObject(reasoning.reasoningText) ? reasoning.reasoningText : {};
  return { type: 'thinking', thinking: text.text ?? '', ...(typeof text.signature === 'string' ? { signature: text.signature } : {}) };
}
