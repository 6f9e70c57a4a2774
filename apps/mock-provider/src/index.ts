/**
 * @aigw/mock-provider — a fake LLM provider speaking OpenAI (and every OpenAI-compatible
 * provider), Azure OpenAI, Anthropic and Gemini wire formats, scriptable per model name.
 */
export { startMockProvider } from './server.js';
export { parseSse, type SseEvent } from './sse.js';
export { replyText, countTokens, ECHO_CHARS, DEFAULT_DIMENSIONS } from './content.js';
export { RING_SIZE } from './recorder.js';
export type {
  Endpoint,
  Flavour,
  MockProvider,
  MockStep,
  RecordedRequest,
  ScenarioOptions,
  StartOptions,
} from './types.js';
