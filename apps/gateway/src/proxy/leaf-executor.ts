import { performance } from 'node:perf_hooks';
import { Observable } from 'rxjs';
import type { EndpointAdapter, Json, ProviderAdapter, ProviderOptions, TransformContext } from '@aigw/providers';
import { TokenFetchError, UnsupportedRequestError, messagesToChatRequest, responsesToChatRequest } from '@aigw/providers';
import type { HedgeRace, LeafExecutor, LeafTarget } from '@aigw/strategies';
import type { ControlPlaneLookup } from '../control-plane/control-plane.port.js';
import { EgressRefusedError, type EgressTrust } from '../egress/egress-policy.js';
import { openAiErrorBody } from '../errors/gateway-error.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { ResponseCache } from '../cache/response-cache.js';
import type { Guardrails } from '../guardrails/guardrails.js';
import type { GuardedRequest } from '../guardrails/guarded-request.js';
import { runBeforeHooks } from '../guardrails/before-hooks.js';
import type { RequestContext } from '../request/request-context.js';
import { AttemptAbort } from '../upstream/attempt-abort.js';
import type { TokenCache } from '../upstream/token-cache.js';
import type { UpstreamClient, UpstreamRequest } from '../upstream/upstream-client.js';
import { connectionTokens, mayForward } from './header-policy.js';
import { type LeafOutcome, syntheticOutcome } from './leaf-outcome.js';
import type { AttemptRecord } from './attempt-log.js';
import { firstChunk } from './first-chunk.js';
import { describeTransportError } from './transport-errors.js';
import { passthroughHeaders, upstreamPayload } from './upstream-body.js';

/** One upstream call, ready to send. */
interface PreparedCall {
  adapter: ProviderAdapter;
  endpoint: EndpointAdapter;
  translation?: 'messages' | 'responses';
  transform: TransformContext;
  url: string;
  method: UpstreamRequest['method'];
  headers: Record<string, string>;
  body: UpstreamRequest['body'];
  model: string;
  egress: EgressTrust;
  /** The body after override_params, before the provider's translation (the cache key's body). */
  params: Json;
  /** The target's guardrails, when it has hooks: the writer runs the after-request ones. */
  guarded?: GuardedRequest;
}

/** Config keys that steer routing; everything else on a leaf is a provider option. */
const ROUTING_KEYS = new Set([
  'strategy', 'targets', 'name', 'weight', 'overrideParams', 'retry', 'requestTimeout', 'cache',
  'forwardHeaders', 'strictOpenAiCompliance', 'virtualKey', 'beforeRequestHooks', 'afterRequestHooks',
  'inputGuardrails', 'outputGuardrails', 'inputMutators', 'outputMutators', 'onStatusCodes', 'customHost',
  'shadow',
]);

/**
 * Runs one attempt at one routing target: resolves the provider and its options, translates the
 * request, calls the upstream and reports the response head. The body is left unread so the
 * routing engine can decide (retry, fall back, or answer) before anything reaches the client.
 */
export class ProxyLeafExecutor implements LeafExecutor<LeafOutcome> {
  /** `race.onSent()` runs as a raced call leaves for its upstream (after a cache miss). */
  readonly reportsSent = true;

  constructor(
    private readonly ctx: RequestContext,
    private readonly upstream: UpstreamClient,
    private readonly lookup: ControlPlaneLookup,
    private readonly tokens: TokenCache,
    private readonly providers: ProviderRegistry,
    private readonly cache?: ResponseCache,
    private readonly guardrails?: Guardrails,
  ) {}

  execute(target: LeafTarget, retry = 0, race?: HedgeRace): Observable<LeafOutcome> {
    return new Observable<LeafOutcome>((subscriber) => {
      // A client that goes away unsubscribes the whole pipeline, which lands in the teardown below.
      const abort = new AttemptAbort();
      let settled = false;
      const record: AttemptRecord = { target: target.path, retry, startedAt: performance.now(), fate: 'answered' };
      if (race) record.raced = true;
      (this.ctx.attempts ??= []).push(record);

      this.attempt(target, abort, race, record).then(
        (outcome) => {
          settled = true;
          if (abort.aborted) return void outcome.upstream?.response.body.destroy();
          record.latencyMs = performance.now() - record.startedAt;
          record.status = outcome.status;
          record.provider = outcome.providerId;
          if (outcome.cached) record.cached = true;
          if (outcome.transportError) record.error = 'connection error';
          outcome.attempt = record;
          subscriber.next(outcome);
          subscriber.complete();
        },
        (error: unknown) => {
          settled = true;
          if (abort.aborted) return; // unsubscribed first: already recorded as aborted
          record.fate = 'failed';
          subscriber.error(error);
        },
      );

      return () => {
        // Unsubscribed before an answer (timeout, client gone, cancelled retry, a hedge's loser): abort the call.
        if (settled) return;
        abort.abort();
        record.fate = 'aborted';
        record.latencyMs = performance.now() - record.startedAt;
      };
    });
  }

  timeoutOutcome(target: LeafTarget, timeoutMs: number): LeafOutcome {
    // The engine has just aborted this target's call for its timeout: that attempt failed, not lost a race.
    const records = this.ctx.attempts;
    for (let i = (records?.length ?? 0) - 1; i >= 0; i--) {
      const record = records![i]!;
      if (record.target !== target.path || record.fate !== 'aborted') continue;
      Object.assign(record, { fate: 'failed', status: 408, error: 'timeout' });
      break;
    }
    return syntheticOutcome(
      this.providerIdOf(target),
      408,
      openAiErrorBody(`Request exceeded the timeout sent in the request: ${timeoutMs}ms`, 'timeout_error'),
      true,
    );
  }

  discard(outcome: LeafOutcome): void {
    if (outcome.attempt) outcome.attempt.fate = 'failed';
    outcome.upstream?.response.body.dump().catch(() => undefined);
  }

  /**
   * The provider's adapter for this request's endpoint. Passthrough works for every provider; the
   * Anthropic Messages and Responses APIs go natively where the provider speaks them, and are
   * otherwise translated onto its chat completions.
   */
  private endpointOf(adapter: ProviderAdapter): { endpoint: EndpointAdapter; translation?: 'messages' | 'responses' } | undefined {
    const name = this.ctx.endpoint;
    if (name === 'passthrough') {
      const path = this.ctx.passthroughPath ?? '/';
      return { endpoint: { path: () => path } };
    }
    const native = adapter.endpoints[name];
    if (native) return { endpoint: native };
    if ((name === 'messages' || name === 'responses') && adapter.endpoints.chatComplete) {
      return { endpoint: adapter.endpoints.chatComplete, translation: name };
    }
    return undefined;
  }

  private chatBody(translation: 'messages' | 'responses'): Json {
    this.ctx.chatBody ??= translation === 'messages' ? messagesToChatRequest(this.ctx.body) : responsesToChatRequest(this.ctx.body);
    return this.ctx.chatBody;
  }

  private providerIdOf(target: LeafTarget): string {
    return (target.node.provider as string | undefined) ?? this.ctx.headers.provider ?? 'unknown';
  }

  private async attempt(target: LeafTarget, signal: AttemptAbort, race: HedgeRace | undefined, record: AttemptRecord): Promise<LeafOutcome> {
    let prepared: PreparedCall | LeafOutcome;
    try {
      prepared = await this.prepare(target, record);
    } catch (error) {
      // A request the provider cannot express, or a credential it cannot obtain: the caller's 400/401.
      if (error instanceof UnsupportedRequestError) return syntheticOutcome(this.providerIdOf(target), 400, { status: 'failure', message: error.message });
      if (error instanceof TokenFetchError) return syntheticOutcome(this.providerIdOf(target), error.status, error.body);
      // A token endpoint (a service account's token_uri, say) the egress policy refuses.
      if (error instanceof EgressRefusedError) return refusedOutcome(this.providerIdOf(target), error);
      // JSON nested deeper than a translation can walk (JSON.parse itself copes): the caller's 400.
      if (error instanceof RangeError && /call stack/i.test(error.message)) {
        return syntheticOutcome(this.providerIdOf(target), 400, { status: 'failure', message: 'Invalid request: the body is nested too deeply' }, false, true);
      }
      throw error;
    }
    if (!('url' in prepared)) return prepared;
    // The only cache work on the path when no config sets `cache`: this property check. After-request
    // hooks bypass the cache: a stored answer may come from a config without them (unredacted, unjudged).
    const cacheable = target.cache && this.cache && !prepared.guarded?.plan.after.length;
    record.provider = prepared.adapter.id;
    record.model = prepared.model;
    const outcome = cacheable ? await this.sendThroughCache(target, prepared, signal, race) : await this.send(prepared, signal, race);
    // Carried by the outcome, not the request: a fallback or hedged attempt has its own target's hooks.
    if (prepared.guarded) outcome.guardrails = prepared.guarded;
    return outcome;
  }

  /** A hit answers instead of the call; a miss's answer is stored by the writer if it is final and good. */
  private async sendThroughCache(target: LeafTarget, call: PreparedCall, signal: AttemptAbort, race: HedgeRace | undefined): Promise<LeafOutcome> {
    const found = await this.cache!.lookup(this.ctx, target, {
      providerId: call.adapter.id,
      url: call.url,
      model: call.model,
      params: call.params,
      providerEndpoint: call.transform.endpoint,
      translation: call.translation,
      credential: call.transform.options.apiKey,
    });
    if (found?.answer) return { status: 200, headers: {}, providerId: call.adapter.id, translation: call.translation, cached: found.answer };
    const outcome = await this.send(call, signal, race);
    if (found?.ticket) outcome.cacheTicket = found.ticket;
    return outcome;
  }

  /** Everything up to the wire: provider, endpoint, translated body, URL, headers, credentials. */
  private async prepare(target: LeafTarget, record: AttemptRecord): Promise<PreparedCall | LeafOutcome> {
    const resolved = await this.resolveTarget(target, record);
    if ('failure' in resolved) return resolved.failure;
    const { adapter, egress } = resolved;
    let { options } = resolved;
    const route = this.endpointOf(adapter);
    if (!route) return syntheticOutcome(adapter.id, 400, { status: 'failure', message: `${this.ctx.endpoint} is not supported by ${adapter.id}` });
    const { endpoint, translation } = route;

    const transform: TransformContext = {
      endpoint: translation ? 'chatComplete' : this.ctx.endpoint,
      options,
      stream: this.ctx.stream,
      strictOpenAiCompliance: target.strictOpenAiCompliance ?? this.ctx.headers.strictOpenAiCompliance ?? true,
    };
    const clientBody = translation ? this.chatBody(translation) : this.ctx.body;
    let overridden = hasKeys(target.overrideParams);
    let params = overridden ? { ...clientBody, ...target.overrideParams } : clientBody;
    // The only guardrail work on the path when no config sets hooks: this property check.
    let guarded: GuardedRequest | undefined;
    if (target.hasHooks && this.guardrails) {
      const before = await runBeforeHooks(this.ctx, this.guardrails, target, adapter.id, params);
      guarded = before.guarded;
      if (before.denied) return { ...syntheticOutcome(adapter.id, 446, before.denied, false, true), guardrails: guarded };
      if (before.params) [params, overridden] = [before.params as Json, true];
    }

    const baseUrl = options.customHost ?? adapter.baseUrl(options);
    if (!baseUrl) return syntheticOutcome(adapter.id, 400, { status: 'failure', message: `${adapter.id} needs a custom host (x-portkey-custom-host or custom_host)` });
    // Literal addresses and names refused before any work; what names resolve to is checked at connect.
    const refused = this.upstream.refusal(baseUrl, egress);
    if (refused) return refusedOutcome(adapter.id, refused);
    const url = joinUrl(baseUrl, endpoint.path(params, transform));
    const payload = upstreamPayload(this.ctx, endpoint, params, transform, overridden);
    if (payload.kind === 'none' && (endpoint.bodyKind === 'raw' || (this.ctx.endpoint === 'passthrough' && this.ctx.method !== 'GET' && this.ctx.incoming?.readableDidRead))) {
      // An upload is streamed once, never buffered: a second attempt has nothing left to send.
      return syntheticOutcome(adapter.id, 400, { status: 'failure', message: 'A streamed upload cannot be retried or sent to a fallback target' }, false, true);
    }

    if (adapter.tokens) {
      const accessToken = await this.tokens.accessToken(adapter.tokens, options);
      if (accessToken) transform.options = options = { ...options, accessToken };
    }

    const headers: Record<string, string> = {
      ...(this.ctx.endpoint === 'passthrough' ? passthroughHeaders(this.ctx) : {}),
      ...(payload.kind === 'none' ? {} : { 'content-type': payload.contentType }),
      ...(payload.kind === 'stream' && payload.contentLength ? { 'content-length': payload.contentLength } : {}),
      ...adapter.headers(transform),
    };
    this.copyForwardedHeaders(target, headers);
    const method = endpoint.method ?? (this.ctx.endpoint === 'passthrough' ? (this.ctx.method as UpstreamRequest['method']) : 'POST');
    const body = payload.kind === 'bytes' ? payload.body : payload.kind === 'stream' ? payload.stream : undefined;
    if (adapter.sign) {
      // SigV4 signs the exact bytes sent, so it runs last, on the final body.
      const signed = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
      Object.assign(headers, adapter.sign({ method, url, headers, body: signed }, transform, new Date()));
    }
    const model = typeof params.model === 'string' ? params.model : '';
    return { adapter, endpoint, translation, transform, url, method, headers, body, model, egress, params, guarded };
  }

  /** The call itself: the response head, or a transport failure as a retryable outcome. */
  private async send(call: PreparedCall, signal: AttemptAbort, race: HedgeRace | undefined): Promise<LeafOutcome> {
    const { adapter, url } = call;
    const startedAt = performance.now();
    // A traced request gives each attempt its own span, whose context goes upstream in traceparent.
    const span = this.ctx.trace?.startAttempt(adapter.id, call.model, call.headers);
    race?.onSent();
    try {
      const response = await this.upstream.request({ url, method: call.method, headers: call.headers, body: call.body, signal, egress: call.egress });
      // A raced stream is decided by its first chunk: headers alone (then a stall) must not win.
      if (race && this.ctx.stream && response.statusCode >= 200 && response.statusCode < 300 && !(await firstChunk(response.body))) {
        response.body.destroy();
        throw signal.aborted ? signal.reason : new Error('the stream ended before its first chunk');
      }
      this.ctx.upstreamMs += performance.now() - startedAt;
      if (span) this.ctx.trace!.endAttempt(span, response.statusCode);
      return {
        status: response.statusCode,
        headers: response.headers,
        providerId: adapter.id,
        translation: call.translation,
        upstream: { response, adapter, endpoint: call.endpoint, transform: call.transform, model: call.model },
      };
    } catch (error) {
      this.ctx.upstreamMs += performance.now() - startedAt;
      if (span) this.ctx.trace!.endAttempt(span, 0, signal.aborted ? 'aborted' : ((error as Error)?.name ?? 'error'));
      if (signal.aborted) throw error;
      if (error instanceof EgressRefusedError) return refusedOutcome(adapter.id, error);
      const { status, message } = describeTransportError(error, adapter.id, url);
      return syntheticOutcome(adapter.id, status, { ...openAiErrorBody(message, 'connection_error'), provider: adapter.id }, true);
    }
  }

  private async resolveTarget(target: LeafTarget, record: AttemptRecord): Promise<{ adapter: ProviderAdapter; options: ProviderOptions; egress: EgressTrust } | { failure: LeafOutcome }> {
    const node = target.node as Record<string, unknown>;
    const fromHeaders = target.path === 'config' && node.provider === undefined;
    const virtualKeySlug = (node.virtualKey as string | undefined) ?? (fromHeaders ? this.ctx.headers.virtualKey : undefined);

    let options: ProviderOptions;
    if (virtualKeySlug) {
      this.ctx.virtualKeySlug = virtualKeySlug;
      const found = await this.lookup.virtualKey(this.ctx.workspaceId ?? '', virtualKeySlug);
      if (!found.ok) {
        const status = found.reason === 'not-found' ? 404 : 403;
        return { failure: syntheticOutcome('unknown', status, { status: 'failure', message: virtualKeyMessage(virtualKeySlug, found.reason) }) };
      }
      // Counted against the key actually called: each retry and each fallback target on its own.
      const limited = this.ctx.limits && (await this.ctx.limits.admitVirtualKey?.(virtualKeySlug, found.value.provider));
      if (limited) return { failure: syntheticOutcome(found.value.provider, limited.status, limited.body) };
      if (this.ctx.limits?.admitVirtualKey) claimReservation(this.ctx.limits.reservations, virtualKeySlug, record);
      // The stored credential wins: a config may tune provider settings, never swap the key.
      const { apiKey: _ignored, ...settings } = providerOptionsOf(node);
      options = { ...found.value.options, ...settings, provider: found.value.provider };
    } else {
      const provider = (node.provider as string | undefined) ?? this.ctx.headers.provider;
      if (!provider) {
        return { failure: syntheticOutcome('unknown', 400, { status: 'failure', message: 'Either x-portkey-provider needs to be passed. Or the x-portkey-config header should have a valid config with provider details in it.' }) };
      }
      options = fromHeaders
        ? { ...this.ctx.headers.providerOptions, ...providerOptionsOf(node), provider, apiKey: (node.apiKey as string | undefined) ?? this.ctx.headers.bearer }
        : { ...providerOptionsOf(node), provider };
    }
    const requested = this.ctx.headers.customHost ?? target.customHost ?? (node.customHost as string | undefined);
    if (virtualKeySlug && requested && requested !== options.customHost) {
      // A stored credential goes only where its admins said: a caller-chosen host (header or
      // inline config) would let an app holding a gateway key send the decrypted key anywhere.
      // Saved configs are written by workspace admins and may set one.
      if (this.ctx.headers.customHost !== undefined || !this.ctx.configId) {
        return { failure: syntheticOutcome(options.provider, 400, { status: 'failure', message: `A custom host cannot be combined with virtual key ${virtualKeySlug}; set it in the virtual key or a saved config` }) };
      }
    }
    // Only a host an admin stored in the virtual key may reach the private ranges the operator opened.
    const egress: EgressTrust = virtualKeySlug && options.customHost && (!requested || requested === options.customHost) ? 'virtual-key' : 'caller';
    if (requested) options.customHost = requested;

    const adapter = this.providers.get(options.provider);
    if (!adapter) {
      return { failure: syntheticOutcome(options.provider, 400, { status: 'failure', message: 'Invalid provider passed' }) };
    }
    return { adapter, options, egress };
  }

  /**
   * `x-portkey-forward-headers` / `forward_headers`: the named client headers, except the ones that
   * must never reach a provider (the gateway's and the provider's credentials, cookies, hop-by-hop).
   */
  private copyForwardedHeaders(target: LeafTarget, headers: Record<string, string>): void {
    const names = this.ctx.headers.forwardHeaders ?? target.forwardHeaders;
    if (!names) return;
    const perHop = connectionTokens(this.ctx.rawHeaders.connection);
    for (const raw of names) {
      const name = raw.toLowerCase();
      const value = this.ctx.rawHeaders[name];
      if (typeof value === 'string' && mayForward(name, perHop)) headers[name] = value;
    }
  }
}

/**
 * Ties the reservation just taken for `slug` to this attempt, so settlement charges each attempt by
 * its fate (a hedge's aborted loser, a failed fallback, the answer). Reservations of one key are
 * alike, so when two racers' admissions interleave either may take either.
 */
function claimReservation(reservations: NonNullable<RequestContext['limits']>['reservations'], slug: string, record: AttemptRecord): void {
  for (let i = reservations.length - 1; i >= 0; i--) {
    const entry = reservations[i]!;
    if (entry.virtualKey === slug && !entry.attempt) return void (entry.attempt = record);
  }
}

function providerOptionsOf(node: Record<string, unknown>): Partial<ProviderOptions> {
  const options: Record<string, unknown> = {};
  for (const key in node) if (!ROUTING_KEYS.has(key) && node[key] !== undefined) options[key] = node[key];
  return options as Partial<ProviderOptions>;
}

/** The gateway's own refusal, not a provider error: never retried, and fallback stops here. */
function refusedOutcome(providerId: string, error: EgressRefusedError): LeafOutcome {
  return syntheticOutcome(providerId, 403, { status: 'failure', message: error.message }, false, true);
}

function virtualKeyMessage(slug: string, reason: string): string {
  if (reason === 'not-found') return `Virtual key ${slug} was not found in this workspace`;
  return `Virtual key ${slug} is ${reason}`;
}

function hasKeys(value: Record<string, unknown> | undefined): value is Record<string, unknown> {
  if (!value) return false;
  for (const _ in value) return true;
  return false;
}

function joinUrl(base: string, path: string): string {
  return base.endsWith('/') ? base.slice(0, -1) + path : base + path;
}
