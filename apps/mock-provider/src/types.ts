import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** The wire dialects the mock speaks. Every OpenAI-compatible provider uses `openai`. */
export type Flavour = 'openai' | 'azure' | 'anthropic' | 'gemini';

/** Which operation a request asked for, named after the provider's own method. */
export type Endpoint =
  | 'chat' // OpenAI …/chat/completions
  | 'completions' // OpenAI …/completions (legacy text completions)
  | 'embeddings' // OpenAI …/embeddings
  | 'models' // OpenAI GET …/models
  | 'messages' // Anthropic …/v1/messages
  | 'count_tokens' // Anthropic …/v1/messages/count_tokens
  | 'complete' // Anthropic …/v1/complete (legacy Text Completions)
  | 'generateContent'
  | 'streamGenerateContent'
  | 'embedContent'
  | 'batchEmbedContents'
  | 'countTokens';

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
  /** Date.now() at arrival. */
  time: number;
  method: string;
  /** Path including the query string, exactly as received. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  body: unknown;
  /** The model the request is keyed by: path model/deployment (Gemini, Azure) else body `model`. */
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
  /** Model named in the path (Gemini `models/{model}:…`, Azure `deployments/{d}/…`). */
  pathModel?: string;
}

/** Everything a flavour handler needs to answer one request. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  route: Route;
  /** Parsed JSON body (undefined when empty, the raw string when not JSON). */
  body: unknown;
  /** True when the body was present but not valid JSON. */
  badJson: boolean;
  /** Query string without `?` ('' when none). */
  search: string;
  /** Model used for the reply (`model` field of responses). */
  model: string;
  /** The scripted step for this request, if any (headers and stream faults still apply). */
  step?: MockStep;
}
