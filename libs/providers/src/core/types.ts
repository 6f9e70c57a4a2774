/**
 * The one interface every provider implements. Transforms are pure functions of their inputs:
 * no I/O, no framework, so each is unit-tested against the provider's documented wire format.
 * The gateway owns HTTP, retries, streaming I/O and logging; a provider only says how to
 * translate.
 */

/** The gateway's unified endpoints (the reference gateway's names, so docs and configs line up). */
export type Endpoint =
  | 'chatComplete'
  | 'complete'
  | 'embed'
  | 'imageGenerate'
  | 'imageEdit'
  | 'createSpeech'
  | 'createTranscription'
  | 'createTranslation'
  | 'moderate'
  | 'rerank'
  | 'messages'
  | 'responses'
  | 'listModels'
  /** Any other `/v1/*` path, proxied to the provider's base URL with the body untouched. */
  | 'passthrough';

export type Json = Record<string, unknown>;

/**
 * Everything needed to reach one upstream target: the provider id, the credential and the
 * provider-specific settings, resolved by the gateway from headers, a routing config or a
 * virtual key. Names are the camelCase forms of the reference's config keys.
 */
export interface ProviderOptions {
  provider: string;
  apiKey?: string;
  /** Replaces the provider's base URL; the endpoint path is appended as usual. */
  customHost?: string;
  openaiOrganization?: string;
  openaiProject?: string;
  openaiBeta?: string;
  resourceName?: string;
  deploymentId?: string;
  apiVersion?: string;
  azureAdToken?: string;
  azureAuthMode?: string;
  anthropicVersion?: string;
  anthropicBeta?: string;
  awsAccessKeyId?: string;
  awsSecretAccessKey?: string;
  awsSessionToken?: string;
  awsRegion?: string;
  vertexProjectId?: string;
  vertexRegion?: string;
  vertexServiceAccountJson?: unknown;
  /** A fetched OAuth/Entra token (see ProviderAdapter.tokens), set by the gateway. */
  accessToken?: string;
  [key: string]: unknown;
}

/** What a transform may know about the request it is translating. */
export interface TransformContext {
  endpoint: Endpoint;
  options: ProviderOptions;
  /** The client asked for a stream (`stream: true`). */
  stream: boolean;
  /** `strict_open_ai_compliance` (default true): only OpenAI fields and finish reasons in responses. */
  strictOpenAiCompliance: boolean;
}

/** What a response transform knows: the request's context, its model and the client's request body. */
export interface ResponseContext extends TransformContext {
  model: string;
  /** The OpenAI-format request as the client sent it (e.g. `encoding_format` for embeddings). */
  request?: Json;
}

/** The unified provider error body, identical to the reference gateway's. */
export interface UnifiedError {
  error: { message: string; type: string | null; param: string | null; code: string | null };
  provider: string;
}

/** Per-stream facts the gateway fixes before the first event (ids the provider may not send). */
export interface StreamContext extends TransformContext {
  /** Fallback chunk id, used when the provider sends none. */
  id: string;
  /** The requested model, used when the provider does not echo one. */
  model: string;
  /** Unix seconds. */
  created: number;
}

/** One upstream stream event. SSE: the `event:` name and the `data:` text; JSON framings: one element. */
export interface StreamEvent {
  event?: string;
  data: string;
}

/**
 * A per-stream state machine turning upstream events into OpenAI `chat.completion.chunk` objects.
 * It must always report usage when the provider gives it (as the last chunk, `choices: []`): the
 * gateway strips it when the client did not ask, and logs it either way.
 */
export interface StreamTransformer {
  /** Chunks to emit for this event (often zero or one). Throws ProviderStreamError for in-stream errors. */
  onEvent(event: StreamEvent): Json[];
  /** The upstream ended cleanly: any final chunks (finish reason, usage). `[DONE]` is the gateway's job. */
  onEnd(): Json[];
}

export interface StreamAdapter {
  /**
   * How the upstream frames its stream: `sse` (text/event-stream), `json-array` (a streamed JSON
   * array, Gemini without alt=sse), `ndjson` (one JSON object per line), `aws-eventstream` (binary).
   */
  framing: 'sse' | 'json-array' | 'ndjson' | 'aws-eventstream';
  create(ctx: StreamContext): StreamTransformer;
  /** For binary framings: a fresh parser per stream (events carry the JSON payload as `data`). */
  binaryParser?(): BinaryEventParser;
}

export interface EndpointAdapter {
  /** Path and query appended to the base URL (the reference's cut, see REFERENCE.md). */
  path(body: Json, ctx: TransformContext): string;
  /** HTTP method; POST when absent. */
  method?: 'GET' | 'POST' | 'DELETE';
  /**
   * `json` (default): the gateway parses the client's JSON body and sends `request(body)` as JSON.
   * `raw`: the client's body (multipart uploads, audio) is streamed to the upstream untouched,
   * with its own content type; `request` is not called and `body` is `{}` in `path`.
   */
  bodyKind?: 'json' | 'raw';
  /** Provider body from the OpenAI-format body. Absent: the body is forwarded unchanged. */
  request?(body: Json, ctx: TransformContext): Json;
  /**
   * The wire encoding of the translated body, for providers that do not take JSON (multipart image
   * APIs). Undefined (or absent): the body is sent as JSON.
   */
  encode?(body: Json, ctx: TransformContext): { contentType: string; body: Buffer } | undefined;
  /**
   * OpenAI-format body from the provider's JSON response. Absent: the response bytes pass through.
   * Throws ProviderResponseError when a 2xx body actually reports a failure (a failed prediction).
   */
  response?(body: Json, ctx: ResponseContext): Json;
  /** Stream translation. Absent: the upstream SSE is already OpenAI's and passes through. */
  stream?: StreamAdapter;
}

export interface ProviderAdapter {
  /** The id used in `x-portkey-provider` and configs (the reference's ids). */
  id: string;
  displayName: string;
  /** Base URL that `custom_host` replaces; undefined when the provider has none (custom host required). */
  baseUrl(options: ProviderOptions): string | undefined;
  /** Auth and provider headers for the upstream request (content-type is the gateway's). */
  headers(ctx: TransformContext): Record<string, string>;
  endpoints: Partial<Record<Endpoint, EndpointAdapter>>;
  /** The unified error from a non-2xx upstream response (`body` is parsed JSON when it parsed, else text). */
  error(status: number, body: unknown, ctx: TransformContext): UnifiedError;
  /**
   * Request signing that needs the final bytes (AWS SigV4): called after the body is serialised,
   * returns headers to add. `now` is passed in so signing stays a pure function.
   */
  sign?(request: SignableRequest, ctx: TransformContext, now: Date): Record<string, string>;
  /**
   * Credentials that must be fetched first (Vertex service-account JSON → OAuth token, Azure Entra
   * client credentials). The gateway calls `fetchToken` through its own HTTP client, caches the
   * token under `cacheKey` until shortly before it expires, and puts it in `options.accessToken`
   * before calling `headers`.
   */
  tokens?: TokenSource;
}

export interface SignableRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The gateway's HTTP client as seen by a token source: one form or JSON POST, parsed JSON back. */
export type TokenHttp = (request: { url: string; headers: Record<string, string>; body: string }) => Promise<{ status: number; json: unknown }>;

export interface TokenSource {
  /** A cache key for this credential (derived, never the secret itself); undefined: no token needed. */
  cacheKey(options: ProviderOptions): string | undefined;
  fetchToken(options: ProviderOptions, http: TokenHttp, now: Date): Promise<{ accessToken: string; expiresInSeconds: number }>;
}

/** A parser for binary stream framings (AWS event stream): bytes in, events out. */
export interface BinaryEventParser {
  push(chunk: Uint8Array): StreamEvent[];
}

/** An error reported by the provider inside a stream that had already started (e.g. Anthropic `event: error`). */
export class ProviderStreamError extends Error {
  constructor(readonly body: UnifiedError) {
    super(body.error.message);
    this.name = 'ProviderStreamError';
  }
}

/** A 2xx response whose body reports a failure: the gateway answers `status` with `body`. */
export class ProviderResponseError extends Error {
  constructor(
    readonly status: number,
    readonly body: UnifiedError,
  ) {
    super(body.error.message);
    this.name = 'ProviderResponseError';
  }
}

/** A request the provider cannot express (e.g. a feature it lacks): the gateway answers 400 with this message. */
export class UnsupportedRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedRequestError';
  }
}
