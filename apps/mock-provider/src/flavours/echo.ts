import type { IncomingHttpHeaders } from 'node:http';
import { sha256Hex } from '../body.js';
import { sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';

/**
 * Passthrough echo for anything else under `/v1/…`, any method: answers what arrived so a test
 * can check the gateway forwarded method, path, headers and body bytes untouched.
 *
 *   {"echo":{"method","path","headers","contentType","bodySize","bodySha256"}}
 */

/** RFC 9110 §7.6.1 connection-specific fields, plus the ones `Connection` names. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) {
    // node:http already lower-cases names.
    if (v !== undefined && !HOP_BY_HOP.has(k) && !named.has(k)) out[k] = v;
  }
  return out;
}

export function handleEcho(ctx: RequestContext): void {
  const { req, raw } = ctx;
  sendBody(ctx, 200, {
    echo: {
      method: req.method,
      path: req.url,
      headers: endToEnd(req.headers),
      contentType: req.headers['content-type'] ?? null,
      bodySize: raw.length,
      bodySha256: sha256Hex(raw),
    },
  });
}
