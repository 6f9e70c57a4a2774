import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { MockStep, RequestContext } from './types.js';

/**
 * Writing responses, including the scripted faults that happen after headers are sent
 * (chunk delays, mid-stream cuts, in-stream error events). Every timer is cleared when the
 * response closes, so an aborted client or a closing server leaves nothing behind.
 */

export const JSON_TYPE = 'application/json';
export const SSE_TYPE = 'text/event-stream; charset=utf-8';

/** Step headers are applied last so tests can override anything, content-type included. */
function withStepHeaders(base: OutgoingHttpHeaders, step: MockStep | undefined): OutgoingHttpHeaders {
  if (!step?.headers) return base;
  for (const [k, v] of Object.entries(step.headers)) base[k.toLowerCase()] = String(v);
  return base;
}

/** Plain JSON answer for the control API and for routes no flavour owns. */
export function writeJson(res: ServerResponse, status: number, body: unknown, headers?: OutgoingHttpHeaders): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * A complete (non-streamed) provider answer. Strings are sent verbatim (text/plain unless they
 * look like JSON) so tests can simulate proxies that answer with HTML or plain text.
 * `failAfterChunks` on a JSON answer sends the full content-length but only half the bytes.
 */
export function sendBody(ctx: RequestContext, status: number, body: unknown, headers?: OutgoingHttpHeaders): void {
  const { res, step } = ctx;
  let contentType = JSON_TYPE;
  let text: string;
  if (typeof body === 'string') {
    text = body;
    if (!/^\s*[[{]/.test(body)) contentType = 'text/plain; charset=utf-8';
  } else text = JSON.stringify(body);
  const length = Buffer.byteLength(text);
  res.writeHead(status, withStepHeaders({ 'content-type': contentType, 'content-length': length, ...headers }, step));
  if (step?.failAfterChunks !== undefined) {
    res.write(Buffer.from(text).subarray(0, length >> 1));
    cutConnection(res);
    return;
  }
  // A string (not a Buffer) lets node:http send headers and body in one write instead of a writev.
  res.end(text);
}

/**
 * A complete binary answer (images, audio). `failAfterChunks` sends half the bytes, then cuts.
 */
export function sendBinary(ctx: RequestContext, status: number, data: Buffer, contentType: string, headers?: OutgoingHttpHeaders): void {
  const { res, step } = ctx;
  res.writeHead(status, withStepHeaders({ 'content-type': contentType, 'content-length': data.length, ...headers }, step));
  if (step?.failAfterChunks !== undefined) {
    res.write(data.subarray(0, data.length >> 1));
    cutConnection(res);
    return;
  }
  res.end(data);
}

/** One stream frame: SSE/NDJSON text, or bytes (event-stream messages, audio chunks). */
export type Frame = string | Buffer;

export interface StreamOptions {
  contentType?: string;
  headers?: OutgoingHttpHeaders;
  /** The provider's in-stream error frame, given how many frames were already written. */
  errorFrame: (written: number) => Frame;
  /** Write frames on successive event-loop turns even without scripted faults (audio), so the
   *  body really arrives in several chunks. */
  paced?: boolean;
}

function joinFrames(frames: Frame[]): Frame {
  if (frames.every((f) => typeof f === 'string')) return (frames as string[]).join('');
  return Buffer.concat(frames.map((f) => (typeof f === 'string' ? Buffer.from(f) : f)));
}

/**
 * Streams pre-rendered frames. Without scripted faults the whole stream goes out in one write
 * (the fast path the benchmark measures); otherwise frames are written one by one.
 */
export function sendStream(ctx: RequestContext, frames: Frame[], opts: StreamOptions): void {
  const { res, step } = ctx;
  res.writeHead(
    200,
    withStepHeaders({ 'content-type': opts.contentType ?? SSE_TYPE, 'cache-control': 'no-cache', ...opts.headers }, step),
  );
  const failAt = step?.failAfterChunks;
  const errorAt = step?.errorEventAfterChunks;
  const delay = step?.chunkDelayMs ?? 0;
  const firstDelay = step?.firstChunkDelayMs ?? 0;
  if (failAt === undefined && errorAt === undefined && !(delay > 0) && !(firstDelay > 0) && !opts.paced) {
    res.end(joinFrames(frames));
    return;
  }

  let written = 0;
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let closed = false;
  // 'close' fires on completion and on client disconnect alike: either way stop and clear.
  res.once('close', () => {
    closed = true;
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  });
  const next = (): void => {
    timer = undefined;
    immediate = undefined;
    if (closed || res.destroyed) return;
    if (failAt !== undefined && written >= Math.min(failAt, frames.length)) return cutConnection(res);
    if (errorAt !== undefined && written >= Math.min(errorAt, frames.length)) {
      res.end(opts.errorFrame(written));
      return;
    }
    if (written >= frames.length) {
      res.end();
      return;
    }
    res.write(frames[written++]!);
    if (delay > 0) timer = setTimeout(next, delay);
    else if (opts.paced) immediate = setImmediate(next);
    else next();
  };
  // Headers go out now, so a client waiting on a delayed first chunk already sees the 200.
  if (delay > 0 || firstDelay > 0 || failAt === 0 || errorAt === 0) res.flushHeaders();
  if (firstDelay > 0) timer = setTimeout(next, firstDelay);
  else next();
}

/**
 * Ends the TCP connection without finishing the HTTP message (no final chunk / short body).
 * `end()` rather than an RST so the bytes already written reliably reach the client first:
 * what the client sees is a stream that stops mid-way, like a provider crashing.
 */
export function cutConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket) return;
  socket.end(() => socket.destroy());
}
