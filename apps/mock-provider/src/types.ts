import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { MultipartPart } from './multipart.js';
import type { MockState } from './state.js';

/**
 * The wire dialects the mock speaks. Every OpenAI-compatible provider (Jina, Voyage embeddings,
 * Groq, …) uses `openai`; `echo` answers passthrough calls; `oauth` is the token endpoint.
 */
export type Flavour =
  | 'openai'
  | 'azure'
  | 'anthropic'
  | 'gemini'
  | 'vertex'
  | 'bedrock'
  | 'cohere'
  | 'stability'
  | 'ollama'
  | 'voyage'
  | 'nomic'
  | 'ai21'
  | 'replicate'
  | 'segmind'
  | 'workers-ai'
  | 'oci'
  | 'watsonx'
  | 'oauth'
  | 'echo';

/** Which operation a request asked for, named after the provider's own method. */
export type Endpoint =
  | 'chat' // OpenAI …/chat/completions
  | 'completions' // OpenAI …/completions (legacy text completions)
  | 'embeddings' // OpenAI …/embeddings
  | 'models' // OpenAI (and Anthropic) GET …/models
  | 'messages' // Anthropic …/v1/messages
  | 'count_tokens' // Anthropic …/v1/messages/count_tokens
  | 'complete' // Anthropic …/v1/complete (legacy Text Completions)
  | 'generateContent'
  | 'streamGenerateContent'
  | 'embedContent'
  | 'batchEmbedContents'
  | 'countTokens'
  | 'image_generation' // OpenAI …/images/generations
  | 'image_edit' // OpenAI …/images/edits (multipart)
  | 'speech' // OpenAI …/audio/speech (binary audio out)
  | 'transcription' // OpenAI …/audio/transcriptions (multipart)
  | 'translation' // OpenAI …/audio/translations (multipart)
  | 'moderation' // OpenAI …/moderations
  | 'rerank' // …/rerank (Jina/OpenAI-compatible), Voyage /v1/rerank, Cohere /v2/rerank
  | 'embed' // Cohere /v2/embed, Ollama /api/embed, AI21 /studio/v1/embed, Nomic /v1/embedding/text
  | 'generate' // Cohere /v1/generate
  | 'converse' // Bedrock /model/{id}/converse
  | 'converse_stream' // Bedrock /model/{id}/converse-stream
  | 'invoke' // Bedrock /model/{id}/invoke
  | 'rawPredict' // Vertex publishers/anthropic …:rawPredict
  | 'streamRawPredict' // Vertex publishers/anthropic …:streamRawPredict
  | 'predict' // Vertex publishers/google …:predict (embeddings, Imagen)
  | 'text_to_image' // Stability /v1/generation/{engine}/text-to-image, Segmind /v1/{model}
  | 'stable_image' // Stability /v2beta/stable-image/generate/{sd3|core|ultra}
  | 'prediction' // Replicate POST predictions
  | 'get_prediction' // Replicate GET /v1/predictions/{id}
  | 'run' // Workers AI native /ai/run/{model}
  | 'token' // OAuth2 token endpoint
  | 'echo'; // anything else under /v1/…

/**
 * One scripted reaction to one upstream request. Every field is optional; an empty step behaves
 * like the default (successful) answer.
 */
export interface MockStep {
  /** HTTP status. Non-2xx answers with `body` or the flavour's real error body for that status. */
  status?: number;
  /** Response body: an error body for non-2xx, a verbatim success body for 2xx, or (with
   *  `errorEventAfterChunks`) the payload of the in-stream error event. Strings are sent as-is. */
  body?: unknown;
  /** Extra response headers, e.g. `retry-after`, `retry-after-ms`, rate-limit headers. */
  headers?: Record<string, string | number>;
  /** Wait this long before sending response headers. */
  delayMs?: number;
  /** Never answer; the socket is released only when the client aborts (or the mock closes). */
  hang?: boolean;
  /** Pause between stream chunks (SSE events). */
  chunkDelayMs?: number;
  /** Stream: send the response headers at once, then wait this long before the first event (an
   *  upstream that answers 200 and then stalls). */
  firstChunkDelayMs?: number;
  /** Stream: after N events end the socket without finishing the HTTP body. JSON: send half the
   *  body, then end the socket. */
  failAfterChunks?: number;
  /** Stream: after N events send the provider's in-stream error event, then end the stream. */
  errorEventAfterChunks?: number;
  /** Destroy the socket without writing any response. */
  dropConnection?: boolean;
}

export interface ScenarioOptions {
  /** When the steps run out, keep replaying the last one instead of falling back to defaults. */
  repeatLast?: boolean;
}

/** What the mock saw of one upstream request (control-API calls are not recorded). */
export interface RecordedRequest {
  /** 1-based arrival number since the last reset. */
  seq: number;
  /** Set once the client closed the connection before the answer was complete (an aborted call). */
  closedEarly?: boolean;
  /** Date.now() at arrival. */
  time: number;
  method: string;
  /** Path including the query string, exactly as received. */
  path: string;
  headers: IncomingHttpHeaders;
  /**
   * Parsed JSON body; the raw text when it was not JSON; undefined when empty or binary.
   * Form bodies (`application/x-www-form-urlencoded`) are their fields as an object; multipart
   * bodies are `{ multipart: [{ name, filename?, contentType?, size, value? }] }` (`value` only
   * for text fields, file bytes are described by `size`).
   */
  body: unknown;
  /** Raw body length in bytes: recorded for echo routes and for every non-JSON body. */
  bodySize?: number;
  /** Hex sha256 of the raw body bytes, recorded alongside `bodySize`. */
  bodySha256?: string;
  /**
   * The key for scripts and counters: the route's model (path model/deployment for Gemini,
   * Vertex, Azure, Bedrock, Replicate, Segmind, Stability) else the body's `model` (JSON, form or
   * multipart field) else, for routes that carry no model at all, the route's fixed key
   * (`oauth-token`, `ai21-embed`) or, for echo routes, the path without its query.
   */
  model?: string;
  /** `model` from the JSON body when it differs from `model` (Azure deployments). */
  bodyModel?: string;
  /** Undefined when no provider route matched (the mock answered 404). */
  flavour?: Flavour;
  endpoint?: Endpoint;
}

export interface MockProvider {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Stops listening and destroys open sockets (hung requests included). */
  close(): Promise<void>;
  /** Clears scenarios, recorded requests and counters. */
  reset(): void;
  /** Scripts the next requests for `model` (replaces an earlier script for that model). */
  scenario(model: string, steps: MockStep[], opts?: ScenarioOptions): void;
  /** Recorded requests, oldest first (the last 1,000 overall), optionally for one model. */
  requests(model?: string): RecordedRequest[];
  /** How many requests arrived since the last reset (not bounded by the ring), optionally per model. */
  count(model?: string): number;
}

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the mock accepts any key, so it stays off external interfaces. */
  host?: string;
}

/** A resolved provider route. */
export interface Route {
  flavour: Flavour;
  endpoint: Endpoint;
  /** Model named by the route itself: in the path (Gemini `models/{model}:…`, Azure
   *  `deployments/{d}/…`, Bedrock `model/{id}/…`, …) or a provider-specific field (Replicate
   *  `version`). Wins over the body's `model` as the script key. */
  pathModel?: string;
  /** Script key for requests that name no model at all (token endpoint, echo, AI21 embed). */
  key?: string;
}

/** Everything a flavour handler needs to answer one request. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  route: Route;
  /** Parsed JSON body (undefined when empty, the raw string when not JSON); form fields as an
   *  object; `{ multipart: […] }` for multipart bodies (the parts themselves are in `parts`). */
  body: unknown;
  /** True when the body was present but not valid JSON (nor a form or multipart body). */
  badJson: boolean;
  /** The body bytes exactly as received. */
  raw: Buffer;
  /** Multipart parts with their bytes; undefined unless the body was valid multipart/form-data. */
  parts?: MultipartPart[];
  /** Per-server state (token counter, Replicate predictions). */
  state: MockState;
  /** Query string without `?` ('' when none). */
  search: string;
  /** Model used for the reply (`model` field of responses). */
  model: string;
  /** The scripted step for this request, if any (headers and stream faults still apply). */
  step?: MockStep;
}
