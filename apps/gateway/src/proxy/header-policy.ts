/**
 * Which headers cross the gateway, in each direction. Hop-by-hop headers (RFC 9110 §7.6.1) describe
 * one connection and never travel on; the gateway's own credentials and the caller's cookies never
 * reach a provider, whatever `x-portkey-forward-headers` or `forward_headers` asks for.
 */
const HOP_BY_HOP = [
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade',
  'proxy-authenticate', 'proxy-authorization',
];

/** Never sent upstream from the client's headers: hop-by-hop, framing, and credentials the gateway replaces. */
export const NEVER_FORWARDED = new Set([
  ...HOP_BY_HOP, 'host', 'content-length', 'expect', 'accept-encoding',
  'authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'cookie',
]);

/** Never relayed from the upstream's answer to the client. */
export const NEVER_RELAYED = new Set([
  ...HOP_BY_HOP, 'content-length', 'content-encoding', 'content-type', 'date', 'server', 'set-cookie',
  'alt-svc', 'via',
  // The gateway never follows an upstream redirect, and relaying its target would hand the client
  // an address chosen by whatever answered (an internal one, say) to chase on its own.
  'location',
]);

/** A request header the client may pass on to the provider (passthrough or forward_headers). */
export function mayForward(name: string, connectionTokens?: Set<string>): boolean {
  return !NEVER_FORWARDED.has(name) && !name.startsWith('x-portkey-') && !connectionTokens?.has(name);
}

/** The header names a `Connection: close, x-foo` header declares hop-by-hop for this hop. */
export function connectionTokens(value: string | string[] | undefined): Set<string> | undefined {
  const text = Array.isArray(value) ? value.join(',') : value;
  if (!text) return undefined;
  return new Set(text.split(',').map((token) => token.trim().toLowerCase()).filter(Boolean));
}
