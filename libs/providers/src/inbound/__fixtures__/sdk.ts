import { Stream as AnthropicStream } from '@anthropic-ai/sdk/core/streaming';
import { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import { Stream as OpenAiStream } from 'openai/core/streaming';
import { ResponseStream } from 'openai/lib/responses/ResponseStream';
import type { Response as OpenAiResponse } from 'openai/resources/responses/responses';
import type { Json } from '../../core/types.js';
import { toSse } from './chat-chunks.js';

/**
 * Feeds translated events to the official SDKs as SSE bytes, through the same parsers and
 * accumulators an SDK client uses on a live stream: if the grammar or a field name is off, these
 * throw or come out wrong.
 */

function sseResponse(events: Array<{ event: string; data: Json }>): Response {
  return new Response(toSse(events), { headers: { 'content-type': 'text/event-stream' } });
}

export async function anthropicFinalMessage(events: Array<{ event: string; data: Json }>): Promise<Message> {
  const stream = AnthropicStream.fromSSEResponse(sseResponse(events), new AbortController());
  return MessageStream.fromReadableStream(stream.toReadableStream()).finalMessage();
}

export async function openAiFinalResponse(events: Array<{ event: string; data: Json }>): Promise<OpenAiResponse> {
  const stream = OpenAiStream.fromSSEResponse(sseResponse(events), new AbortController());
  return ResponseStream.fromReadableStream(stream.toReadableStream()).finalResponse();
}
