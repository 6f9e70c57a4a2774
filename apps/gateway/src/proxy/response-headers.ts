import type { RequestContext } from '../request/request-context.js';
import { connectionTokens, NEVER_RELAYED } from './header-policy.js';


/**
 * The headers of the gateway's answer: the upstream's own useful headers (request ids, rate-limit
 * counters), then the reference gateway's `x-portkey-*` headers, then the gateway overhead.
 */
export function responseHeaders(
  ctx: RequestContext,
  upstream: Record<string, string | string[] | undefined> | undefined,
  contentType: string,
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  if (upstream) {
    const perHop = connectionTokens(upstream.connection);
    for (const name in upstream) {
      const value = upstream[name];
      if (value !== undefined && !NEVER_RELAYED.has(name) && !perHop?.has(name)) headers[name] = value;
    }
  }
  // The gateway's own allowance wins over the provider's x-ratelimit-* (which the client cannot act on).
  if (ctx.limits?.headers) Object.assign(headers, ctx.limits.headers);
  headers['content-type'] = contentType;
  headers['x-portkey-trace-id'] = ctx.traceId;
  if (ctx.provider) headers['x-portkey-provider'] = ctx.provider;
  if (ctx.targetPath) headers['x-portkey-last-used-option-index'] = ctx.targetPath;
  headers['x-portkey-retry-attempt-count'] = String(ctx.retryCount);
  // Our extension: how many hedged (extra, concurrent) requests this answer took.
  if (ctx.hedges > 0) headers['x-portkey-hedge-count'] = String(ctx.hedges);
  headers['x-portkey-cache-status'] = ctx.cacheStatus ?? 'DISABLED';
  if (ctx.configVersion !== undefined) headers['x-portkey-config-version'] = String(ctx.configVersion);
  ctx.gatewayOverheadMs = ctx.overheadMs();
  headers['x-portkey-gateway-overhead-ms'] = ctx.gatewayOverheadMs.toFixed(3);
  return headers;
}
