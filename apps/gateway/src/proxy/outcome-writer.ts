import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import type { Endpoint, Json } from '@aigw/providers';
import {
  ProviderResponseError,
  chatErrorToMessagesError,
  chatErrorToResponsesError,
  chatResponseToMessages,
  chatResponseToResponses,
} from '@aigw/providers';
import { AnthropicMessagesSink, type ChunkSink, OpenAiSseSink, ResponsesSink } from '../streaming/chunk-sinks.js';
import type { RequestContext } from '../request/request-context.js';
import { relayStream } from '../streaming/stream-relay.js';
import { writeCachedAnswer } from './cached-answer.writer.js';
import { guardedSink } from '../guardrails/guarded-stream.js';
import { capturingStreamText } from '../shadow/stream-text.js';
import { usageFromBytes } from './request-log-recorder.js';
import { usageCounts } from '../streaming/usage.js';
import type { LeafOutcome } from './leaf-outcome.js';
import { responseHeaders } from './response-headers.js';
import { endWithWholeBody } from './whole-body.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Writes the routing engine's final outcome to the client: a synthesised error, a provider error
 * in the unified shape, a JSON response (translated or passed through), or a stream.
 */
export class OutcomeWriter {
  constructor(private readonly streamIdleTimeoutMs: number) {}

  async write(ctx: RequestContext, outcome: LeafOutcome, res: ServerResponse): Promise<void> {
    // The guardrails of the attempt that answered (undefined when its target has no hooks).
    ctx.guardrails = outcome.guardrails;
    ctx.provider = outcome.providerId === 'unknown' ? ctx.provider : outcome.providerId;
    ctx.status = outcome.status;
    const upstream = outcome.upstream;
    // override_params (or a fallback target) may send another model than the client named: log what was served.
    if (upstream?.model) ctx.upstreamModel = upstream.model;
    if (outcome.cached) return writeCachedAnswer(ctx, outcome, res, this);
    if (!upstream) {
      // Clients of the Messages and Responses APIs get the gateway's own errors in their API's shape.
      const inbound = ctx.endpoint === 'messages' || ctx.endpoint === 'responses' ? ctx.endpoint : undefined;
      const body = inbound ? translateError(inbound, outcome.status, asUnified(outcome.synthetic?.body)) : outcome.synthetic?.body;
      // The request log names why the gateway answered for the upstream (refused virtual key, timeout, unreachable host).
      if (outcome.status >= 400) ctx.errorMessage = errorMessageOf(outcome.synthetic?.body);
      // A guardrail's 446 keeps hook_results whatever shape the client's API gives the error.
      return this.writeJson(ctx, res, outcome.status, outcome.status === 446 && ctx.guardrails ? ctx.guardrails.attach(body) : body, undefined);
    }

    const { response, adapter, endpoint, transform } = upstream;
    const translation = outcome.translation;

    if (outcome.status < 200 || outcome.status >= 300) {
      const text = await this.readBody(ctx, response.body, adapter.id);
      if (!text) return this.writeBrokenBody(ctx, res, adapter.id);
      if (ctx.endpoint === 'passthrough') return this.relayProviderError(ctx, res, outcome.status, response.headers, text);
      const body = adapter.error(outcome.status, errorPayload(text, headerValue(response.headers['content-type'])), transform);
      ctx.errorMessage = body.error.message;
      return this.writeJson(ctx, res, outcome.status, translateError(translation, outcome.status, body), response.headers);
    }

    const upstreamType = headerValue(response.headers['content-type']) ?? '';
    const chatLike = transform.endpoint === 'chatComplete' || transform.endpoint === 'complete';
    if (ctx.stream && chatLike) return this.writeStream(ctx, outcome, res);
    // These answer JSON whatever content type the upstream claims (text/plain from some proxies).
    const jsonExpected = chatLike || transform.endpoint === 'embed';

    if (!endpoint.response && !jsonExpected && !upstreamType.includes('json')) {
      // Audio, images, native event streams, files: relayed as they arrive, with backpressure.
      res.writeHead(outcome.status, responseHeaders(ctx, response.headers, upstreamType || 'application/octet-stream'));
      ctx.ttfbMs = ctx.elapsedMs();
      const ticket = outcome.cacheTicket;
      let relayed = true;
      await (ticket ? pipeline(response.body, ticket.captureRaw(), res) : pipeline(response.body, res)).catch((error: unknown) => {
        relayed = false;
        ctx.errorMessage = `relay failed: ${(error as Error).message}`;
        res.destroy();
      });
      ticket?.rawStreamEnded(relayed, upstreamType);
      return;
    }

    const bytes = await this.readBody(ctx, response.body, adapter.id);
    if (!bytes) return this.writeBrokenBody(ctx, res, adapter.id);
    // After-request hooks need the parsed answer: only a target with hooks leaves this fast path.
    if (!ctx.guardrails && !endpoint.response && !translation && looksLikeJson(bytes)) {
      // Passed through untouched; usage is read off the hot path by the request log, if one runs.
      ctx.responseBytes = bytes;
      const headers = responseHeaders(ctx, response.headers, upstreamType.includes('json') ? upstreamType : JSON_TYPE);
      ctx.ttfbMs = ctx.elapsedMs();
      endWithWholeBody(res, outcome.status, headers, bytes);
      outcome.cacheTicket?.storeJson(bytes.toString('utf8'), JSON_TYPE, chatLike, usageFromBytes(bytes));
      return;
    }

    const parsed = parseMaybeJson(bytes.toString('utf8'));
    if (!parsed || typeof parsed !== 'object') {
      const message = `Invalid response received from ${adapter.id}: ${truncate(bytes.toString('utf8'), 200)}`;
      ctx.errorMessage = message;
      return this.writeJson(ctx, res, 502, { error: { message, type: 'invalid_response', param: null, code: null }, provider: adapter.id }, undefined);
    }
    let openAi: Json;
    try {
      openAi = endpoint.response ? endpoint.response(parsed as Json, { ...transform, model: upstream.model, request: ctx.chatBody ?? ctx.body }) : (parsed as Json);
    } catch (error) {
      if (!(error instanceof ProviderResponseError)) throw error;
      ctx.errorMessage = error.message;
      return this.writeJson(ctx, res, error.status, translateError(translation, error.status, error.body), response.headers);
    }
    ctx.usage = usageCounts(openAi.usage);
    if (ctx.guardrails) {
      const guarded = await ctx.guardrails.runAfter(openAi, outcome.status);
      if (guarded.denied) {
        ctx.errorMessage = errorMessageOf(guarded.denied);
        return this.writeJson(ctx, res, 446, ctx.guardrails.attach(gatewayErrorFor(ctx.endpoint, 446, guarded.denied)), response.headers);
      }
      openAi = guarded.answer as Json;
    }
    // Kept before translation: a Messages or Responses client is served by translating it again.
    outcome.cacheTicket?.storeJson(JSON.stringify(openAi), JSON_TYPE, chatLike, ctx.usage);
    const answer =
      translation === 'messages'
        ? chatResponseToMessages(openAi, requestedModel(ctx, upstream.model))
        : translation === 'responses'
          ? chatResponseToResponses(openAi, ctx.body)
          : openAi;
    if (ctx.guardrails) return this.writeJson(ctx, res, ctx.guardrails.status(outcome.status), ctx.guardrails.attach(answer), response.headers);
    return this.writeJson(ctx, res, outcome.status, answer, response.headers);
  }

  private async writeStream(ctx: RequestContext, outcome: LeafOutcome, res: ServerResponse): Promise<void> {
    const { response, adapter, endpoint, transform, model } = outcome.upstream!;
    // A before-request hook that failed without deny makes the stream a 246.
    res.writeHead(ctx.guardrails ? ctx.guardrails.status(outcome.status) : outcome.status, {
      ...responseHeaders(ctx, response.headers, 'text/event-stream; charset=utf-8'),
      'cache-control': 'no-cache',
    });
    ctx.ttfbMs = ctx.elapsedMs();
    const result = await relayStream({
      body: response.body,
      res,
      adapter: endpoint.stream,
      streamContext: { ...transform, id: `chatcmpl-${ctx.traceId}`, model, created: Math.floor(Date.now() / 1000) },
      sink: shadowed(ctx, guardedSink(ctx, outcome.cacheTicket ? outcome.cacheTicket.captureStream(sinkFor(ctx, outcome.translation, model)) : sinkFor(ctx, outcome.translation, model), transform.strictOpenAiCompliance)),
      // A request timeout also bounds the silence between two chunks of the stream it started.
      idleTimeoutMs: ctx.requestTimeoutMs ?? this.streamIdleTimeoutMs,
      providerId: adapter.id,
    });
    ctx.usage = result.usage;
    if (result.error) ctx.errorMessage = result.error;
    outcome.cacheTicket?.streamEnded(!result.error && !result.clientGone, result.usage);
  }

  /**
   * A passthrough call speaks the provider's own API, so its client expects the provider's own
   * error: status, content type and body exactly as the provider sent them (no unified reshaping,
   * no "<provider> error:" prefix). The request log still gets the message.
   */
  private relayProviderError(ctx: RequestContext, res: ServerResponse, status: number, upstreamHeaders: LeafOutcome['headers'], bytes: Buffer): void {
    ctx.status = status;
    const parsed = parseMaybeJson(bytes);
    ctx.errorMessage = errorMessageOf(parsed) ?? (truncate(bytes.toString('utf8'), 200) || `HTTP ${status}`);
    const headers = responseHeaders(ctx, upstreamHeaders, headerValue(upstreamHeaders['content-type']) ?? 'application/octet-stream');
    ctx.ttfbMs = ctx.elapsedMs();
    endWithWholeBody(res, status, headers, bytes);
  }

  writeJson(ctx: RequestContext, res: ServerResponse, status: number, body: unknown, upstreamHeaders: LeafOutcome['headers'] | undefined): void {
    ctx.status = status;
    const text = JSON.stringify(body);
    // A request drawn for shadow traffic keeps the answer it got, for the agreement score.
    if (ctx.shadow) ctx.shadow.answer = text;
    const headers = responseHeaders(ctx, upstreamHeaders, JSON_TYPE);
    ctx.ttfbMs = ctx.elapsedMs();
    endWithWholeBody(res, status, headers, text);
  }

  /**
   * Buffers an upstream body, counting the wait as upstream time, not gateway overhead. Undefined
   * when the connection broke before the body was complete (reset, truncated): the reason is kept.
   */
  private async readBody(ctx: RequestContext, body: { arrayBuffer(): Promise<ArrayBuffer> }, providerId: string): Promise<Buffer | undefined> {
    const startedAt = performance.now();
    try {
      // undici collects the chunks itself: cheaper than an async iterator per response.
      return Buffer.from(await body.arrayBuffer());
    } catch (error) {
      ctx.errorMessage = `The connection to ${providerId} broke while its answer was being read: ${(error as Error).message}`;
      return undefined;
    } finally {
      ctx.upstreamMs += performance.now() - startedAt;
    }
  }

  private writeBrokenBody(ctx: RequestContext, res: ServerResponse, providerId: string): void {
    const body = { error: { message: ctx.errorMessage, type: 'connection_error', param: null, code: null }, provider: providerId };
    this.writeJson(ctx, res, 502, body, undefined);
  }
}

/** A stream drawn for shadow traffic keeps its text for the agreement score; others are untouched. */
function shadowed(ctx: RequestContext, sink: ChunkSink): ChunkSink {
  return ctx.shadow ? capturingStreamText(sink, ctx.shadow) : sink;
}

/** The client's API decides the stream's wire format. */
export function sinkFor(ctx: RequestContext, translation: LeafOutcome['translation'], model: string): ChunkSink {
  if (translation === 'messages') return new AnthropicMessagesSink(`msg_${ctx.traceId.replace(/-/g, '')}`, requestedModel(ctx, model));
  if (translation === 'responses') return new ResponsesSink(`resp_${ctx.traceId.replace(/-/g, '')}`, requestedModel(ctx, model), ctx.body);
  return new OpenAiSseSink(ctx.includeUsage);
}

/** Errors in the shape of the API the client called. */
export function translateError(translation: LeafOutcome['translation'], status: number, body: unknown): unknown {
  if (translation === 'messages') return chatErrorToMessagesError(status, body);
  if (translation === 'responses') return chatErrorToResponsesError(status, body);
  return body;
}

/** Clients of the Messages and Responses APIs get the gateway's own errors in their API's shape. */
export function gatewayErrorFor(endpoint: Endpoint, status: number, body: unknown): unknown {
  if (endpoint !== 'messages' && endpoint !== 'responses') return body;
  return translateError(endpoint, status, asUnified(body));
}

/** The gateway's `{status:'failure', message}` as a unified error, for translation. */
function asUnified(body: unknown): unknown {
  const b = body as { error?: unknown; message?: unknown } | undefined;
  if (!b || b.error !== undefined || typeof b.message !== 'string') return body;
  return { error: { message: b.message, type: 'invalid_request_error', param: null, code: null } };
}

/** The message of a gateway error body, in either of its shapes (`{message}` or `{error:{message}}`). */
function errorMessageOf(body: unknown): string | undefined {
  const b = body as { message?: unknown; error?: { message?: unknown } } | undefined;
  const message = b?.error?.message ?? b?.message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * A body relayed without parsing must at least be shaped like JSON (the parse itself is left to
 * the request log, off the hot path); a truncated or HTML body is answered as an invalid response.
 */
function looksLikeJson(bytes: Buffer): boolean {
  let first = 0;
  let last = bytes.length - 1;
  while (first <= last && isSpace(bytes[first])) first++;
  while (last >= first && isSpace(bytes[last])) last--;
  if (first > last) return false;
  return (bytes[first] === 0x7b && bytes[last] === 0x7d) || (bytes[first] === 0x5b && bytes[last] === 0x5d);
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * What a provider error body says, for the unified error: parsed JSON, or for an HTML error page
 * (a proxy or load balancer in front of the provider) its title instead of the whole page.
 */
function errorPayload(text: Buffer, contentType: string | undefined): unknown {
  const parsed = parseMaybeJson(text);
  if (typeof parsed !== 'string') return parsed;
  const html = contentType?.includes('html') || /^\s*<(!doctype|html)/i.test(parsed);
  if (!html) return parsed;
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(parsed)?.[1]?.trim() || /<h1[^>]*>([^<]*)<\/h1>/i.exec(parsed)?.[1]?.trim();
  return `the provider answered with an HTML page${title ? ` ("${truncate(title, 120)}")` : ''} instead of an API error`;
}

export function requestedModel(ctx: RequestContext, fallback: string): string {
  return ctx.model ?? fallback;
}

function parseMaybeJson(text: string | Buffer): unknown {
  const s = typeof text === 'string' ? text : text.toString('utf8');
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
