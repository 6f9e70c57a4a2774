import type { EndpointAdapter, Json, TransformContext } from '@aigw/providers';
import type { RequestContext } from '../request/request-context.js';
import { connectionTokens, mayForward } from './header-policy.js';


export type UpstreamPayload =
  | { kind: 'none' }
  | { kind: 'bytes'; body: string | Buffer; contentType: string }
  | { kind: 'stream'; stream: NodeJS.ReadableStream; contentType: string; contentLength?: string };

/**
 * What goes over the wire for one attempt: nothing (GET), the translated JSON, the client's JSON
 * bytes untouched (passthrough), or the client's upload stream untouched (multipart, audio).
 */
export function upstreamPayload(ctx: RequestContext, endpoint: EndpointAdapter, body: Json, transform: TransformContext, overridden: boolean): UpstreamPayload {
  const method = endpoint.method ?? (ctx.endpoint === 'passthrough' ? ctx.method : 'POST');
  if (method === 'GET' || method === 'HEAD') return { kind: 'none' };
  const incoming = ctx.incoming;
  const contentType = headerOf(incoming?.headers['content-type']) ?? 'application/json';
  if (endpoint.bodyKind === 'raw' || (ctx.endpoint === 'passthrough' && !ctx.rawBody)) {
    if (!incoming || incoming.readableEnded || incoming.readableDidRead) return { kind: 'none' };
    return { kind: 'stream', stream: incoming, contentType, contentLength: headerOf(incoming.headers['content-length']) };
  }
  // Passthrough and native Messages/Responses calls send the client's bytes exactly as received.
  const byteExact = ctx.endpoint === 'passthrough' || ((ctx.endpoint === 'messages' || ctx.endpoint === 'responses') && !endpoint.request && transform.endpoint === ctx.endpoint);
  if (byteExact && ctx.rawBody && !overridden) return { kind: 'bytes', body: ctx.rawBody, contentType };
  const translated = endpoint.request ? endpoint.request(body, transform) : body;
  const encoded = endpoint.encode?.(translated, transform);
  if (encoded) return { kind: 'bytes', body: encoded.body, contentType: encoded.contentType };
  // The transform changed nothing (OpenAI-compatible, no overrides): send the bytes as received
  // instead of serialising the same JSON again.
  if (translated === ctx.body && ctx.rawBody) return { kind: 'bytes', body: ctx.rawBody, contentType: 'application/json' };
  return { kind: 'bytes', body: JSON.stringify(translated), contentType: 'application/json' };
}

/** Passthrough carries the client's own headers (minus the gateway's and hop-by-hop ones). */
export function passthroughHeaders(ctx: RequestContext): Record<string, string> {
  const out: Record<string, string> = {};
  const perHop = connectionTokens(ctx.rawHeaders.connection);
  for (const name in ctx.rawHeaders) {
    if (!mayForward(name, perHop)) continue;
    const value = headerOf(ctx.rawHeaders[name]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
