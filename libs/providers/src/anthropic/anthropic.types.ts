/**
 * The slice of Anthropic's Messages API wire format this adapter reads
 * (https://docs.anthropic.com/en/api/messages, .../messages-streaming, .../errors).
 * Only what the transforms touch is typed; everything else stays `unknown` so new fields from
 * Anthropic never break parsing.
 */

export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** One response content block: text, tool_use, thinking, redacted_thinking, server tool blocks… */
export interface AnthropicContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  thinking?: string;
  signature?: string;
  data?: string;
  [key: string]: unknown;
}

export interface AnthropicMessage {
  id?: string;
  type?: string;
  role?: string;
  model?: string;
  content?: AnthropicContentBlock[];
  stop_reason?: string | null;
  stop_sequence?: string | null;
  usage?: AnthropicUsage;
}

/** `{"type":"error","error":{"type":"invalid_request_error","message":"…"}}`, in bodies and in `event: error`. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
}
