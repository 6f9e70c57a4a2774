import type { Json } from '../core/types.js';
import type { AnthropicContentBlock, AnthropicMessage } from './anthropic.types.js';
import { finishReason } from './finish-reason.js';
import { openAiUsage } from './usage.js';

/**
 * Anthropic Message → OpenAI `chat.completion`. One choice; text blocks are concatenated into
 * `content` (they are consecutive pieces of one answer, split e.g. around citations), `tool_use`
 * blocks become `tool_calls`. Without strict OpenAI compliance, blocks OpenAI cannot express
 * (thinking, redacted thinking, server tool results) are added as `content_blocks`, so a client
 * can send thinking back on the next turn.
 */
export function toOpenAiChatCompletion(
  body: Json,
  ctx: { model: string; strictOpenAiCompliance: boolean },
  createdSeconds: number = Math.floor(Date.now() / 1000),
): Json {
  const message = body as AnthropicMessage;
  const blocks = Array.isArray(message.content) ? message.content : [];
  const texts = blocks.filter((b) => b.type === 'text').map((b) => b.text ?? '');
  const toolCalls = blocks.filter((b) => b.type === 'tool_use').map(toolCall);
  const extraBlocks = !ctx.strictOpenAiCompliance && blocks.some((b) => b.type !== 'text' && b.type !== 'tool_use');

  return {
    id: message.id,
    object: 'chat.completion',
    created: createdSeconds,
    model: message.model ?? ctx.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          // OpenAI's convention: null content when the turn is only tool calls.
          content: texts.length > 0 ? texts.join('') : toolCalls.length > 0 ? null : '',
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          ...(extraBlocks ? { content_blocks: blocks.filter((b) => b.type !== 'tool_use') } : {}),
        },
        finish_reason: finishReason(message.stop_reason, ctx.strictOpenAiCompliance),
        logprobs: null,
      },
    ],
    usage: openAiUsage(message.usage),
  };
}

function toolCall(block: AnthropicContentBlock): Json {
  return {
    id: block.id,
    type: 'function',
    function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
  };
}
