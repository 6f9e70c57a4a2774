/**
 * The response cache on the request path. Per attempt at a target whose config has `cache`, the
 * leaf executor asks `lookup` before calling the upstream: a hit is served instead of the call;
 * a miss hands back a ticket, and the outcome writer stores the answer with it only when that
 * attempt's answer was the final, successful one (complete JSON, or a stream that ended normally).
 * Failed attempts, fallbacks' failed targets and broken streams are never written, because they
 * never reach the writer's success paths.
 *
 * A store that fails (Redis down, slow) costs a MISS and a warning, never an error.
 */
import { Logger } from '@nestjs/common';
import type { Endpoint, Json } from '@aigw/providers';
import type { LeafTarget } from '@aigw/strategies';
import type { RequestContext, UsageCounts } from '../request/request-context.js';
import type { ChunkSink } from '../streaming/chunk-sinks.js';
import { type CacheEntry, chunksToCompletion, completionToChunks } from './cache-entry.js';
import { cacheKey, sha256 } from './cache-key.js';
import type { CacheStore } from './cache-store.js';
import { CapturingSink } from './capturing-sink.js';
import { RawStreamCapture } from './raw-stream-capture.js';
import type { EmbeddingClient } from './embedding-client.js';
import { cosine, DEFAULT_THRESHOLD, MAX_CANDIDATES, semanticScopeFor, userTurns } from './semantic.js';

export type CacheStatus = 'HIT' | 'MISS' | 'REFRESH' | 'SEMANTIC HIT' | 'SEMANTIC MISS';

/** `max_age` when the config gives none: 24 hours, in seconds (the reference's default). */
export const DEFAULT_MAX_AGE_SECONDS = 24 * 60 * 60;

const CACHEABLE: ReadonlySet<Endpoint> = new Set(['chatComplete', 'complete', 'embed', 'messages', 'responses']);

/** What the leaf executor knows about the call it is about to make. */
export interface CacheCall {
  providerId: string;
  url: string;
  model: string;
  /** The body after override_params (for Messages/Responses sent to a chat provider: the chat body). */
  params: Json;
  /** The endpoint the provider is called on (chat completions for a translated Messages call). */
  providerEndpoint: Endpoint;
  translation?: 'messages' | 'responses';
  /** The provider key: scopes the answers of requests that belong to no workspace. */
  credential?: string;
}

type ScopeParts = { workspace: string; namespace: string; provider: string; url: string; model: string; endpoint: string };

/** A stored answer, ready for the outcome writer in the shape this request needs. */
export type CachedAnswer =
  | { kind: 'bytes'; body: string; contentType: string; usage?: UsageCounts; model: string }
  | { kind: 'completion'; completion: Json; usage?: UsageCounts; model: string }
  | { kind: 'chunks'; chunks: Json[]; usage?: UsageCounts; model: string };

export interface CacheLookup {
  answer?: CachedAnswer;
  ticket?: CacheTicket;
}

export class ResponseCache {
  private readonly logger = new Logger('ResponseCache');
  private lastWarning = 0;

  constructor(
    private readonly store: CacheStore,
    private readonly embeddings: EmbeddingClient | undefined,
    /** Largest answer kept (bytes); also bounds what a stream capture holds in memory. */
    readonly maxEntryBytes: number,
  ) {}

  get storeName(): string {
    return this.store.name;
  }

  async lookup(ctx: RequestContext, target: LeafTarget, call: CacheCall): Promise<CacheLookup | undefined> {
    const settings = target.cache!;
    if (!CACHEABLE.has(ctx.endpoint)) return undefined;
    const chatLike = call.providerEndpoint === 'chatComplete' || call.providerEndpoint === 'complete';
    // Embeddings never stream; a native Messages/Responses stream is kept and replayed byte for byte.
    if (ctx.stream && ctx.endpoint === 'embed') return undefined;

    const namespace = headerText(ctx.rawHeaders['x-portkey-cache-namespace']);
    // Without a workspace (no gateway key), answers are shared only by callers holding the same
    // provider key: an invalid or foreign key must not read answers the provider never gave it.
    const workspace = ctx.workspaceId ?? `anonymous:${sha256(call.credential ?? '')}`;
    const parts = { workspace, namespace, provider: call.providerId, url: call.url, model: call.model, endpoint: ctx.endpoint };
    const key = cacheKey({ ...parts, body: call.params });
    const ttl = settings.maxAge ?? DEFAULT_MAX_AGE_SECONDS;
    const semantic = settings.mode === 'semantic' && this.embeddings !== undefined && settings.embedding !== undefined && ctx.endpoint !== 'embed';
    const ticket = new CacheTicket(this, key, ttl, call);

    if (headerText(ctx.rawHeaders['x-portkey-cache-force-refresh']).toLowerCase() === 'true') {
      ctx.cacheStatus = 'REFRESH';
      if (semantic) ticket.semantic = await this.vectorFor(ctx, settings.embedding!, call, parts);
      return { ticket };
    }

    const exact = await this.read(() => this.store.get(key));
    const exactAnswer = exact && answerFor(exact, ctx, call, chatLike);
    if (exactAnswer) {
      ctx.cacheStatus = 'HIT';
      return { answer: exactAnswer };
    }
    if (!semantic) {
      ctx.cacheStatus = 'MISS';
      return { ticket };
    }

    ctx.cacheStatus = 'SEMANTIC MISS';
    const probe = await this.vectorFor(ctx, settings.embedding!, call, parts);
    if (!probe) return { ticket };
    ticket.semantic = probe;
    const candidates = await this.read(() => this.store.vectors(probe.scope, MAX_CANDIDATES));
    const threshold = settings.threshold ?? DEFAULT_THRESHOLD;
    const close = (candidates ?? [])
      .map((c) => ({ key: c.key, score: cosine(probe.vector, c.vector) }))
      .filter((c) => c.key !== key && c.score >= threshold)
      .sort((a, b) => b.score - a.score);
    // The closest few, in order: an answer may have expired (or been evicted) since its vector was kept.
    let answer: CachedAnswer | undefined;
    for (const candidate of close.slice(0, 3)) {
      const similar = await this.read(() => this.store.get(candidate.key));
      answer = similar && answerFor(similar, ctx, call, chatLike);
      if (answer) break;
    }
    if (!answer) return { ticket };
    ctx.cacheStatus = 'SEMANTIC HIT';
    return { answer };
  }

  /** Stores an answer; failures are logged, never thrown (the client already has its answer). */
  save(ticket: CacheTicket, entry: CacheEntry): void {
    const { key, ttl, semantic } = ticket;
    if (ttl <= 0) return; // max_age 0: look up, never keep
    void Promise.resolve()
      .then(() => this.store.set(key, entry, ttl))
      .then(() => (semantic ? this.store.addVector(semantic.scope, { key, vector: semantic.vector }, ttl) : undefined))
      .catch((error: unknown) => this.warn(`could not store an answer in the ${this.store.name} cache: ${(error as Error).message}`));
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** Nest calls this at shutdown: the Redis connection must not hold the process open. */
  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  private async vectorFor(ctx: RequestContext, embedding: Record<string, unknown>, call: CacheCall, parts: ScopeParts) {
    const text = userTurns(ctx.endpoint, call.params);
    if (!text) return undefined;
    try {
      const vector = await this.embeddings!.embed(ctx, embedding, text);
      const config = ctx.configId ?? (ctx.headers.config ? sha256(ctx.headers.config) : '');
      return { vector, scope: semanticScopeFor({ ...parts, config }, ctx.endpoint, call.params) };
    } catch (error) {
      this.warn(`semantic cache: could not embed the request: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async read<T>(op: () => T | Promise<T>): Promise<T | undefined> {
    try {
      return await op();
    } catch (error) {
      this.warn(`the ${this.store.name} cache is unavailable, answering as a MISS: ${(error as Error).message}`);
      return undefined;
    }
  }

  warn(message: string): void {
    // A store that is down fails every request: one line per 10 s says it without flooding.
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(message);
  }
}

/** What a miss carries to the outcome writer: where to store the answer, if it ends well. */
export class CacheTicket {
  semantic?: { vector: Float32Array; scope: string };
  private capture?: CapturingSink;
  private raw?: RawStreamCapture;

  constructor(
    private readonly cache: ResponseCache,
    readonly key: string,
    readonly ttl: number,
    private readonly call: CacheCall,
  ) {}

  /** A JSON answer. `openAi`: a chat/text completion (translatable, replayable as a stream). */
  storeJson(body: string, contentType: string, openAi: boolean, usage: UsageCounts | undefined): void {
    if (body.length > this.cache.maxEntryBytes) return;
    this.cache.save(this, { v: 1, provider: this.call.providerId, model: this.call.model, usage, json: { body, shape: openAi ? 'openai' : 'client', contentType } });
  }

  /** A native Messages/Responses stream, relayed byte for byte: a tee that keeps a copy. */
  captureRaw(): RawStreamCapture {
    return (this.raw = new RawStreamCapture(this.cache.maxEntryBytes));
  }

  /** After a native stream: stores it when it was relayed whole and ended with its completion event. */
  rawStreamEnded(ok: boolean, contentType: string): void {
    const text = ok ? this.raw?.completedText(this.call.providerEndpoint) : undefined;
    if (text === undefined) return;
    this.cache.save(this, { v: 1, provider: this.call.providerId, model: this.call.model, stream: { body: text, contentType } });
  }

  /** Wraps a stream's sink so its chunks can be stored once it completed. */
  captureStream(sink: ChunkSink): ChunkSink {
    return (this.capture = new CapturingSink(sink, this.cache.maxEntryBytes));
  }

  /** After the stream: stores it when it ended normally and was captured whole. */
  streamEnded(ok: boolean, usage: UsageCounts | undefined): void {
    const capture = this.capture;
    if (!ok || !capture || capture.failed || capture.chunks.length === 0) return;
    this.cache.save(this, { v: 1, provider: this.call.providerId, model: this.call.model, usage, chunks: capture.chunks });
  }
}

/**
 * A stored answer in the form this request needs, or undefined when it cannot be given in that
 * form (then it is a miss and the fresh answer replaces it).
 */
function answerFor(entry: CacheEntry, ctx: RequestContext, call: CacheCall, chatLike: boolean): CachedAnswer | undefined {
  const { usage, model } = entry;
  // A native event stream serves only streamed requests, as it was; the next JSON request replaces it.
  if (entry.stream) return ctx.stream ? { kind: 'bytes', body: entry.stream.body, contentType: entry.stream.contentType, usage, model } : undefined;
  if (ctx.stream) {
    if (entry.chunks) return { kind: 'chunks', chunks: entry.chunks, usage, model };
    if (entry.json?.shape === 'openai') return { kind: 'chunks', chunks: completionToChunks(JSON.parse(entry.json.body) as Json), usage, model };
    return undefined;
  }
  if (entry.json) {
    if (entry.json.shape === 'openai' && call.translation) return { kind: 'completion', completion: JSON.parse(entry.json.body) as Json, usage, model };
    return { kind: 'bytes', body: entry.json.body, contentType: entry.json.contentType, usage, model };
  }
  if (entry.chunks && chatLike) return { kind: 'completion', completion: chunksToCompletion(entry.chunks), usage, model };
  return undefined;
}

function headerText(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
