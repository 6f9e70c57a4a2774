import type { Endpoint, EndpointAdapter, Json, ProviderAdapter, ProviderOptions, TransformContext } from '../core/types.js';
import { unifiedError } from '../shared/errors.js';

/**
 * Most providers speak OpenAI's API and differ only in base URL, paths and auth. One factory
 * builds them all, so a fix lands once. Request bodies are forwarded whole (unknown fields
 * included, unlike the reference's whitelist); responses and streams pass through untouched.
 */
export interface OpenAiCompatibleSpec {
  id: string;
  displayName: string;
  /** Base URL replaced by `custom_host`; undefined means a custom host is required. */
  baseUrl: string | undefined;
  /** Path appended to the base URL per endpoint. Defaults: OPENAI_PATHS. */
  paths?: Partial<Record<Endpoint, string>>;
  /** Endpoints this provider serves. Default: chat only. */
  endpoints?: Endpoint[];
  /** Auth headers. Default: `Authorization: Bearer <apiKey>` when a key is set. */
  auth?: (options: ProviderOptions) => Record<string, string>;
  /** Rewrite `developer` messages to `system` for servers that do not know the role. */
  developerAsSystem?: boolean;
  /** Ask for usage in streams (`stream_options.include_usage`). Default true. */
  streamUsage?: boolean;
}

/** OpenAI's endpoint paths, below a base URL that ends in `/v1` (or its equivalent). */
export const OPENAI_PATHS: Partial<Record<Endpoint, string>> = {
  chatComplete: '/chat/completions',
  complete: '/completions',
  embed: '/embeddings',
  imageGenerate: '/images/generations',
  imageEdit: '/images/edits',
  createSpeech: '/audio/speech',
  createTranscription: '/audio/transcriptions',
  createTranslation: '/audio/translations',
  moderate: '/moderations',
  rerank: '/rerank',
  responses: '/responses',
  listModels: '/models',
};

/** Uploads (images to edit, audio to transcribe) arrive as multipart and are streamed through untouched. */
export const MULTIPART_ENDPOINTS: ReadonlySet<Endpoint> = new Set<Endpoint>(['imageEdit', 'createTranscription', 'createTranslation']);

export function bearerAuth(options: ProviderOptions): Record<string, string> {
  return options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
}

export function openAiCompatible(spec: OpenAiCompatibleSpec): ProviderAdapter {
  const auth = spec.auth ?? bearerAuth;
  const paths = { ...OPENAI_PATHS, ...spec.paths };
  const endpoints: Partial<Record<Endpoint, EndpointAdapter>> = {};
  for (const endpoint of spec.endpoints ?? ['chatComplete']) {
    const path = paths[endpoint];
    if (!path) throw new Error(`${spec.id}: no path for ${endpoint}`);
    endpoints[endpoint] = {
      path: () => path,
      ...(endpoint === 'listModels' ? { method: 'GET' as const } : {}),
      ...(MULTIPART_ENDPOINTS.has(endpoint) ? { bodyKind: 'raw' as const } : {}),
      ...(endpoint === 'chatComplete' || endpoint === 'complete'
        ? { request: (body: Json, ctx: TransformContext) => prepareTextRequest(body, ctx, spec) }
        : {}),
    };
  }
  return {
    id: spec.id,
    displayName: spec.displayName,
    baseUrl: () => spec.baseUrl,
    headers: (ctx) => auth(ctx.options),
    endpoints,
    error: (status, body) => unifiedError(spec.id, status, body),
  };
}

/**
 * Streams always ask for usage so the gateway can log tokens; the gateway strips the usage chunk
 * again when the client did not ask for it. Everything else is forwarded as sent.
 */
export function prepareTextRequest(body: Json, ctx: TransformContext, spec: Pick<OpenAiCompatibleSpec, 'developerAsSystem' | 'streamUsage'>): Json {
  let out = body;
  if (ctx.stream && spec.streamUsage !== false) {
    const streamOptions = (body.stream_options as Json | undefined) ?? {};
    if (streamOptions.include_usage !== true) {
      out = { ...out, stream_options: { ...streamOptions, include_usage: true } };
    }
  }
  if (spec.developerAsSystem && Array.isArray(body.messages)) {
    const messages = body.messages as Json[];
    if (messages.some((m) => m.role === 'developer')) {
      out = { ...out, messages: messages.map((m) => (m.role === 'developer' ? { ...m, role: 'system' } : m)) };
    }
  }
  return out;
}
