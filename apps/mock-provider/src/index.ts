/**
 * @aigw/mock-provider — a fake LLM provider speaking OpenAI (and every OpenAI-compatible
 * provider, including images, audio, moderations and rerank), Azure OpenAI, Anthropic, Gemini,
 * Vertex AI, AWS Bedrock (with the binary event stream), Cohere, Stability, Ollama, Voyage,
 * Nomic, AI21, Replicate, Segmind and Workers AI wire formats, plus an OAuth2 token endpoint and a
 * passthrough echo; scriptable per model name.
 */
export { startMockProvider } from './server.js';
export { parseSse, type SseEvent } from './sse.js';
export { replyText, countTokens, ECHO_CHARS, DEFAULT_DIMENSIONS } from './content.js';
export { RING_SIZE } from './recorder.js';
export { AI21_EMBED_KEY, TOKEN_KEY } from './router.js';
export type {
  Endpoint,
  Flavour,
  MockProvider,
  MockStep,
  RecordedRequest,
  ScenarioOptions,
  StartOptions,
} from './types.js';
