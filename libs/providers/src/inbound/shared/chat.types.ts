/**
 * The slice of OpenAI's chat completion wire format the inbound translators read and write.
 * Fields are optional because chat providers differ in what they send; readers check types.
 */

export interface ChatToolCall {
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

/** A streamed tool-call fragment: `index` says which call of the turn it belongs to. */
export interface ChatToolCallDelta extends ChatToolCall {
  index?: number;
}

export interface ChatUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
  /** Cache writes, reported by the gateway's Anthropic-family adapters (see anthropic/usage.ts). */
  cache_creation_input_tokens?: number;
}

export interface ChatAssistantMessage {
  role?: string;
  content?: string | Array<{ type?: string; text?: string }> | null;
  refusal?: string | null;
  tool_calls?: ChatToolCall[];
}

export interface ChatCompletion {
  id?: string;
  created?: number;
  model?: string;
  choices?: Array<{ index?: number; message?: ChatAssistantMessage; finish_reason?: string | null }>;
  usage?: ChatUsage | null;
}

export interface ChatChunk {
  id?: string;
  model?: string;
  choices?: Array<{
    index?: number;
    delta?: { role?: string; content?: string | null; refusal?: string | null; tool_calls?: ChatToolCallDelta[] };
    finish_reason?: string | null;
  }>;
  usage?: ChatUsage | null;
}

/** The assistant text of a chat message: a string, or text parts concatenated. */
export function messageText(message: ChatAssistantMessage | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part?.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('');
  return '';
}
