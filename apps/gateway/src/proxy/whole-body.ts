import type { ServerResponse } from 'node:http';

/**
 * Answers with a body the gateway holds in full, and its content-length. Headers handed to
 * `writeHead` are sent as given, so without a length Node frames even a whole body as chunked:
 * five pieces on the wire instead of two, and chunk framing for every client to parse.
 */
export function endWithWholeBody(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: Buffer | string): void {
  // 204 and 304 carry no body, and must not claim one.
  if (status !== 204 && status !== 304) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  res.writeHead(status, headers);
  res.end(body);
}
