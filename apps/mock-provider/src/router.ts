import type { IncomingHttpHeaders } from 'node:http';
import type { ParsedBody } from './body.js';
import { isObject } from './content.js';
import type { Endpoint, Flavour, Route } from './types.js';

/**
 * Maps a request to a flavour and endpoint. Matching is by path SUFFIX so any provider's base
 * URL prefix works (`/v1`, `/openai/v1`, `/inference/v1`, `/api/v1`, none at all, …): the gateway
 * can be pointed at the mock by swapping only the host. Where two providers share a suffix the
 * more specific pattern is tried first (Vertex before Gemini, AI21 and Workers AI before
 * OpenAI); the few that share a whole path are told apart by headers or body (see the README).
 */

// Vertex AI publisher models; tried before GEMINI, which would also match their suffix.
const VERTEX = /\/projects\/[^/]+\/locations\/[^/]+\/publishers\/(google|anthropic|mistralai)\/models\/([^/:]+):([A-Za-z]+)$/;
const VERTEX_METHODS: Record<string, Record<string, Endpoint>> = {
  google: { generateContent: 'generateContent', streamGenerateContent: 'streamGenerateContent', countTokens: 'countTokens', predict: 'predict' },
  anthropic: { rawPredict: 'rawPredict', streamRawPredict: 'streamRawPredict' },
};
// Gemini: `…/models/{model}:{method}` or `…/tunedModels/{model}:{method}`; the captured model
// keeps the `tunedModels/` prefix (as the body names it) but not `models/`.
const GEMINI = /(?:\/models\/([^/:]+)|\/(tunedModels\/[^/:]+)):(generateContent|streamGenerateContent|embedContent|batchEmbedContents|countTokens)$/;
// Bedrock runtime: the model id is one percent-encoded segment (`:` and ARN `/` encoded), so this
// runs on the path as received and decodes only the id.
const BEDROCK = /\/model\/([^/]+)\/(converse|converse-stream|invoke)$/;
const BEDROCK_ENDPOINTS: Record<string, Endpoint> = { converse: 'converse', 'converse-stream': 'converse_stream', invoke: 'invoke' };
// Azure classic: `/openai/deployments/{deployment}/{operation}?api-version=…`.
const AZURE_DEPLOYMENT =
  /\/openai\/deployments\/([^/]+)\/(chat\/completions|completions|embeddings|images\/generations|images\/edits|audio\/speech|audio\/transcriptions|audio\/translations)$/;
// Cloudflare Workers AI: OpenAI-compatible `ai/v1/…` and native `ai/run/{model}` (model has `/`).
const WORKERS_AI = /\/client\/v4\/accounts\/[^/]+\/ai\/(?:v1\/(chat\/completions|embeddings)|run\/(.+))$/;
const STABILITY_V1 = /\/v1\/generation\/([^/]+)\/text-to-image$/;
const STABILITY_V2 = /\/v2beta\/stable-image\/generate\/(sd3|core|ultra)$/;
const REPLICATE_MODEL = /\/v1\/(?:models|deployments)\/([^/]+\/[^/]+)\/predictions$/;
const REPLICATE_GET = /\/v1\/predictions\/([^/]+)$/;
const SEGMIND = /\/v1\/([^/]+)$/;

/** Provider-specific suffixes, tried before the OpenAI ones. */
const SUFFIXES: [suffix: string, flavour: Flavour, endpoint: Endpoint][] = [
  ['/studio/v1/chat/completions', 'ai21', 'chat'],
  ['/studio/v1/embed', 'ai21', 'embed'],
  ['/v2/chat', 'cohere', 'chat'],
  ['/v2/embed', 'cohere', 'embed'],
  ['/v2/rerank', 'cohere', 'rerank'],
  ['/v1/generate', 'cohere', 'generate'],
  ['/api/chat', 'ollama', 'chat'],
  ['/api/embed', 'ollama', 'embed'],
  ['/v1/embedding/text', 'nomic', 'embed'],
  ['/messages/count_tokens', 'anthropic', 'count_tokens'],
  ['/messages', 'anthropic', 'messages'],
  ['/complete', 'anthropic', 'complete'],
];

const OPENAI_SUFFIXES: [string, Endpoint][] = [
  ['/chat/completions', 'chat'],
  ['/completions', 'completions'],
  ['/embeddings', 'embeddings'],
  ['/images/generations', 'image_generation'],
  ['/images/edits', 'image_edit'],
  ['/audio/speech', 'speech'],
  ['/audio/transcriptions', 'transcription'],
  ['/audio/translations', 'translation'],
  ['/moderations', 'moderation'],
];

const AZURE_OPERATIONS: Record<string, Endpoint> = Object.fromEntries(OPENAI_SUFFIXES.map(([s, e]) => [s.slice(1), e]));

/** Routes that carry no model anywhere get a fixed script key. */
export const TOKEN_KEY = 'oauth-token';
export const AI21_EMBED_KEY = 'ai21-embed';

export function resolveRoute(
  method: string,
  rawPath: string,
  search: string,
  headers: IncomingHttpHeaders,
  parsed?: ParsedBody,
): Route | undefined {
  const trimmed = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
  let path = trimmed;
  if (path.includes('%')) {
    try {
      path = decodeURIComponent(path); // e.g. `models/x%3AgenerateContent`, encoded deployment names
    } catch {
      /* keep as received */
    }
  }
  if (method === 'POST') return postRoute(trimmed, path, search, headers, parsed) ?? echoRoute(method, path, parsed);
  if (method === 'GET') {
    const r = REPLICATE_GET.exec(path);
    if (r) return { flavour: 'replicate', endpoint: 'get_prediction', pathModel: modelOfPredictionId(r[1]!) };
    // Anthropic's model list shares the path; its clients always send anthropic-version.
    if (path.endsWith('/models')) return { flavour: typeof headers['anthropic-version'] === 'string' ? 'anthropic' : 'openai', endpoint: 'models' };
  }
  return echoRoute(method, path, parsed);
}

function postRoute(rawPath: string, path: string, search: string, headers: IncomingHttpHeaders, parsed?: ParsedBody): Route | undefined {
  // Fast path for the benchmark's request: plain OpenAI-style chat (none of the more specific
  // chat routes below — Azure deployments, AI21, Workers AI — can match it).
  if (path.endsWith('/chat/completions') && !path.includes('/deployments/') && !path.includes('/studio/') && !path.includes('/client/v4/')) {
    return openaiRoute(path, search, headers, 'chat');
  }
  if (path.includes('/publishers/')) {
    const v = VERTEX.exec(path);
    // Mistral on Vertex: rawPredict / streamRawPredict carry Mistral's (OpenAI-shaped) chat body.
    if (v && v[1] === 'mistralai' && (v[3] === 'rawPredict' || v[3] === 'streamRawPredict')) return { flavour: 'openai', endpoint: 'chat', pathModel: v[2] };
    const endpoint = v ? VERTEX_METHODS[v[1]!]![v[3]!] : undefined;
    if (v && endpoint) return { flavour: 'vertex', endpoint, pathModel: v[2] };
  }
  // Cheap substring guards keep the hot OpenAI/Anthropic paths off the regexes (benchmark path).
  const g = path.includes(':') ? GEMINI.exec(path) : null;
  if (g) return { flavour: 'gemini', endpoint: g[3] as Endpoint, pathModel: g[1] ?? g[2] };

  if (rawPath.includes('/model/')) {
    const b = BEDROCK.exec(rawPath);
    if (b) return { flavour: 'bedrock', endpoint: BEDROCK_ENDPOINTS[b[2]!]!, pathModel: safeDecode(b[1]!) };
  }

  const a = path.includes('/deployments/') ? AZURE_DEPLOYMENT.exec(path) : null;
  if (a) return { flavour: 'azure', endpoint: AZURE_OPERATIONS[a[2]!]!, pathModel: a[1] };

  if (path.includes('/client/v4/')) {
    const w = WORKERS_AI.exec(path);
    if (w) return w[2] !== undefined ? { flavour: 'workers-ai', endpoint: 'run', pathModel: w[2] } : { flavour: 'workers-ai', endpoint: AZURE_OPERATIONS[w[1]!]! };
  }

  if (path.includes('/generation/') || path.includes('/stable-image/')) {
    const s1 = STABILITY_V1.exec(path);
    if (s1) return { flavour: 'stability', endpoint: 'text_to_image', pathModel: s1[1] };
    const s2 = STABILITY_V2.exec(path);
    if (s2) return { flavour: 'stability', endpoint: 'stable_image', pathModel: s2[1] };
  }

  if (path.endsWith('/predictions')) {
    const rep = REPLICATE_MODEL.exec(path);
    if (rep) return { flavour: 'replicate', endpoint: 'prediction', pathModel: rep[1] };
    if (path.endsWith('/v1/predictions')) {
      const version = isObject(parsed?.body) && typeof parsed.body.version === 'string' ? parsed.body.version : undefined;
      return { flavour: 'replicate', endpoint: 'prediction', pathModel: version };
    }
  }

  // OCI Generative AI and IBM watsonx.ai name the model in the body under their own keys.
  if (path.endsWith('/actions/chat')) return { flavour: 'oci', endpoint: 'chat', pathModel: ociModel(parsed?.body) };
  if (path.endsWith('/ml/v1/text/chat') || path.endsWith('/ml/v1/text/chat_stream')) {
    const model = isObject(parsed?.body) && typeof parsed.body.model_id === 'string' ? parsed.body.model_id : undefined;
    return { flavour: 'watsonx', endpoint: 'chat', pathModel: model };
  }

  for (const [suffix, flavour, endpoint] of SUFFIXES) {
    // OpenAI's Assistants API also ends in `/messages` (`/threads/{id}/messages`): not Anthropic.
    if (path.endsWith(suffix) && !(endpoint === 'messages' && path.includes('/threads/'))) {
      return endpoint === 'embed' && flavour === 'ai21' ? { flavour, endpoint, key: AI21_EMBED_KEY } : { flavour, endpoint };
    }
  }

  if (path.endsWith('/rerank')) return { flavour: isVoyageRerank(parsed?.body) ? 'voyage' : 'openai', endpoint: 'rerank' };

  for (const [suffix, endpoint] of OPENAI_SUFFIXES) if (path.endsWith(suffix)) return openaiRoute(path, search, headers, endpoint);

  // Google (`/token`) and Entra (`/{tenant}/oauth2/v2.0/token`) token endpoints.
  if (path.endsWith('/token')) return { flavour: 'oauth', endpoint: 'token', key: TOKEN_KEY };

  // Segmind is `POST /v1/{model}` with an `x-api-key`; a bearer call there is a passthrough.
  if (typeof headers['x-api-key'] === 'string' && headers['anthropic-version'] === undefined) {
    const sm = SEGMIND.exec(path);
    if (sm) return { flavour: 'segmind', endpoint: 'text_to_image', pathModel: sm[1] };
  }
  return undefined;
}

/**
 * `/openai/v1/…` is both Azure's v1 API and Groq's base path: the `api-key` header (Azure's key
 * auth) or an `api-version` query tells Azure apart; a bearer-only call is OpenAI-style.
 */
function openaiRoute(path: string, search: string, headers: IncomingHttpHeaders, endpoint: Endpoint): Route {
  const azure = path.includes('/openai/v1/') && (headers['api-key'] !== undefined || /(^|&)api-version=/.test(search));
  return { flavour: azure ? 'azure' : 'openai', endpoint };
}

/**
 * Anything else under `/v1/` is echoed so passthrough tests can check what arrived, except a
 * POST whose JSON body names a `model`: that is an inference call to an endpoint the mock does
 * not know, and answering it 404 makes a wrong provider path fail loudly.
 */
function echoRoute(method: string, path: string, parsed?: ParsedBody): Route | undefined {
  if (!path.includes('/v1/')) return undefined;
  if (method === 'POST' && parsed?.kind === 'json' && parsed.bodyModel !== undefined) return undefined;
  return { flavour: 'echo', endpoint: 'echo', key: path };
}

function ociModel(body: unknown): string | undefined {
  const mode = isObject(body) && isObject(body.servingMode) ? body.servingMode : undefined;
  const model = mode?.modelId ?? mode?.endpointId;
  return typeof model === 'string' ? model : undefined;
}

/** Voyage shares `/v1/rerank` with Jina: its `top_k` field or its model names tell it apart. */
function isVoyageRerank(body: unknown): boolean {
  if (!isObject(body)) return false;
  if (body.top_k !== undefined) return true;
  return typeof body.model === 'string' && /^(voyage|rerank-(\d|lite))/.test(body.model);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Replicate prediction ids carry their model (`mock-<base64url(model)>-<n>`) so polls key by it. */
export function predictionId(model: string, n: number): string {
  return `mock-${Buffer.from(model).toString('base64url')}-${n.toString(36)}`;
}

function modelOfPredictionId(id: string): string | undefined {
  const m = /^mock-([A-Za-z0-9_-]+)-[0-9a-z]+$/.exec(id);
  return m ? Buffer.from(m[1]!, 'base64url').toString('utf8') : undefined;
}
