import type { IncomingHttpHeaders } from 'node:http';
import type { Endpoint, Route } from './types.js';

/**
 * Maps a request to a flavour and endpoint. Matching is by path SUFFIX so any provider's base
 * URL prefix works (`/v1`, `/openai/v1`, `/inference/v1`, `/api/v1`, none at all, …): the gateway
 * can be pointed at the mock by swapping only the host.
 */

// Gemini / Vertex: `…/models/{model}:{method}` or `…/tunedModels/{model}:{method}`; the captured
// model keeps the `tunedModels/` prefix (as the body names it) but not `models/`.
const GEMINI = /(?:\/models\/([^/:]+)|\/(tunedModels\/[^/:]+)):(generateContent|streamGenerateContent|embedContent|batchEmbedContents|countTokens)$/;
// Azure classic: `/openai/deployments/{deployment}/{operation}?api-version=…`.
const AZURE_DEPLOYMENT = /\/openai\/deployments\/([^/]+)\/(chat\/completions|completions|embeddings)$/;

const OPENAI_SUFFIXES: [string, Endpoint][] = [
  ['/chat/completions', 'chat'],
  ['/completions', 'completions'],
  ['/embeddings', 'embeddings'],
];

const AZURE_OPERATIONS: Record<string, Endpoint> = {
  'chat/completions': 'chat',
  completions: 'completions',
  embeddings: 'embeddings',
};

export function resolveRoute(
  method: string,
  rawPath: string,
  search: string,
  headers: IncomingHttpHeaders,
): Route | undefined {
  let path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
  if (path.includes('%')) {
    try {
      path = decodeURIComponent(path); // e.g. `models/x%3AgenerateContent`, encoded deployment names
    } catch {
      /* keep as received */
    }
  }

  if (method === 'GET') {
    return path.endsWith('/models') ? { flavour: 'openai', endpoint: 'models' } : undefined;
  }
  if (method !== 'POST') return undefined;

  const g = GEMINI.exec(path);
  if (g) return { flavour: 'gemini', endpoint: g[3] as Endpoint, pathModel: g[1] ?? g[2] };

  const a = AZURE_DEPLOYMENT.exec(path);
  if (a) return { flavour: 'azure', endpoint: AZURE_OPERATIONS[a[2]!]!, pathModel: a[1] };

  if (path.endsWith('/messages/count_tokens')) return { flavour: 'anthropic', endpoint: 'count_tokens' };
  if (path.endsWith('/messages')) return { flavour: 'anthropic', endpoint: 'messages' };
  if (path.endsWith('/complete')) return { flavour: 'anthropic', endpoint: 'complete' };

  for (const [suffix, endpoint] of OPENAI_SUFFIXES) {
    if (path.endsWith(suffix)) {
      // `/openai/v1/…` is both Azure's v1 API and Groq's base path: the `api-key` header (Azure's
      // key auth) or an `api-version` query tells Azure apart; a bearer-only call is OpenAI-style.
      const azure = path.includes('/openai/v1/') && (headers['api-key'] !== undefined || /(^|&)api-version=/.test(search));
      return { flavour: azure ? 'azure' : 'openai', endpoint };
    }
  }
  return undefined;
}
