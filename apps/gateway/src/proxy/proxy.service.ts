import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Endpoint } from '@aigw/providers';
import type { RouteContext, RouteResult, Router } from '@aigw/strategies';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type GatewayConfig, GATEWAY_CONFIG } from '../config/gateway-config.js';
import { ControlPlaneLookup, RequestLogSink } from '../control-plane/control-plane.port.js';
import { ResponseCache } from '../cache/response-cache.js';
import { GatewayError } from '../errors/gateway-error.js';
import { Guardrails } from '../guardrails/guardrails.js';
import { RequestLimiter } from '../limits/request-limiter.js';
import { AccessLog } from '../logging/access-log.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { Tracer } from '../tracing/tracer.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { readPortkeyHeaders } from '../request/portkey-headers.js';
import { RequestContext } from '../request/request-context.js';
import { TokenCache } from '../upstream/token-cache.js';
import { UpstreamClient } from '../upstream/upstream-client.js';
import { ProxyLeafExecutor } from './leaf-executor.js';
import type { LeafOutcome } from './leaf-outcome.js';
import { OutcomeWriter, gatewayErrorFor } from './outcome-writer.js';
import { RequestLogRecorder } from './request-log-recorder.js';
import { validateBody } from './request-validation.js';
import { RoutePlanner } from './route-planner.js';
import { GATEWAY_ROUTER } from './router.provider.js';
import { InboundRules } from '../inbound/inbound-rules.js';
import { ShadowTraffic } from '../shadow/shadow-traffic.js';
import { endWithWholeBody } from './whole-body.js';

/**
 * The request path, top to bottom: read headers and body → plan the route (config, auth) → run
 * the routing pipeline (each attempt: provider transform → upstream) → write the outcome → log.
 */
@Injectable()
export class ProxyService {
  private readonly logger = new Logger(ProxyService.name);
  private readonly planner: RoutePlanner;
  private readonly writer: OutcomeWriter;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(GATEWAY_ROUTER) private readonly router: Router,
    private readonly upstream: UpstreamClient,
    private readonly lookup: ControlPlaneLookup,
    private readonly recorder: RequestLogRecorder,
    private readonly tokens: TokenCache,
    private readonly providers: ProviderRegistry,
    // Present with a control plane (limits live there); a stateless gateway has nothing to limit.
    @Optional() @Inject(RequestLimiter) private readonly limiter: RequestLimiter | null,
    @Optional() @Inject(GatewayMetrics) private readonly metrics: GatewayMetrics | null,
    @Optional() @Inject(AccessLog) private readonly accessLog: AccessLog | null,
    @Optional() @Inject(Tracer) private readonly tracer: Tracer | null,
    private readonly cache: ResponseCache,
    private readonly guardrails: Guardrails,
    private readonly shadows: ShadowTraffic,
  ) {
    this.planner = new RoutePlanner(lookup, config.requireApiKey, providers, new InboundRules(config.inbound));
    this.writer = new OutcomeWriter(config.streamIdleTimeoutMs);
  }

  async handle(endpoint: Endpoint, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.hijack();
    const res = reply.raw;
    let ctx: RequestContext | undefined;
    try {
      const headers = readPortkeyHeaders(req.headers);
      const jsonBody = req.body !== undefined && req.body !== null;
      const body = jsonBody ? validateBody(endpoint, req.body) : requireNoJson(endpoint, req.method);
      ctx = new RequestContext(endpoint, req.method, req.url, req.headers, headers, body);
      ctx.rawBody = req.rawBody;
      ctx.incoming = req.raw;
      if (endpoint === 'passthrough') ctx.passthroughPath = req.url.replace(/^\/v1(?=\/|\?|$)/, '') || '/';
      ctx.trace = this.tracer?.start(ctx);
      const context = ctx;
      res.on('close', () => {
        if (!res.writableFinished) context.markClientGone();
      });
      const config = await this.planner.plan(ctx);
      const admission = this.limiter?.admit(ctx);
      if (admission) await admission;
      const result = await this.route(ctx, config);
      if (!result) return; // the client went away first
      ctx.targetPath = result.target.path;
      ctx.requestTimeoutMs = ctx.headers.requestTimeoutMs ?? result.target.requestTimeout;
      ctx.retryCount = result.retryAttemptCount;
      ctx.routeAttempts = result.attempts;
      ctx.hedges = result.hedges;
      await this.writer.write(ctx, result.outcome, res);
    } catch (error) {
      this.writeError(endpoint, ctx, req, res, error);
    } finally {
      if (ctx?.limits) this.limiter?.settle(ctx);
      if (ctx) this.recorder.record(ctx);
      if (ctx) this.metrics?.record(ctx);
      if (ctx) this.accessLog?.record(ctx);
      if (ctx?.shadow) this.shadows.offer(ctx);
      ctx?.trace?.finish(ctx);
    }
  }

  private routeContext(ctx: RequestContext): RouteContext {
    return {
      metadata: ctx.headers.metadata ?? {},
      params: ctx.body,
      url: { pathname: ctx.path },
      requestTimeout: ctx.headers.requestTimeoutMs,
      // Passthrough calls may not be idempotent (files, batches, fine-tuning), and a streamed upload
      // can be read only once: neither is ever sent twice at the same time.
      hedgeable: ctx.endpoint !== 'passthrough' && ctx.rawBody !== undefined,
    };
  }

  private route(ctx: RequestContext, config: Parameters<Router['route']>[0]): Promise<RouteResult<LeafOutcome> | undefined> {
    const executor = new ProxyLeafExecutor(ctx, this.upstream, this.lookup, this.tokens, this.providers, this.cache, this.guardrails);
    return new Promise((resolve, reject) => {
      let unregister: (() => void) | undefined;
      const subscription = this.router
        .route(config, this.routeContext(ctx), executor)
        .subscribe({
          next: (result) => {
            unregister?.();
            resolve(result);
          },
          error: (error: unknown) => {
            unregister?.();
            reject(error);
          },
        });
      if (subscription.closed) return;
      if (ctx.clientGone) {
        subscription.unsubscribe();
        return resolve(undefined);
      }
      unregister = ctx.onClientGone(() => {
        subscription.unsubscribe();
        resolve(undefined);
      });
    });
  }

  private writeError(endpoint: Endpoint, ctx: RequestContext | undefined, req: FastifyRequest, res: ServerResponse, error: unknown): void {
    const known = error instanceof GatewayError ? error : routerError(error);
    if (!known) this.logger.error(`Unhandled error on ${req.method} ${req.url}: ${(error as Error)?.stack ?? String(error)}`);
    const status = known?.status ?? 500;
    const body = known?.toBody() ?? { status: 'failure', message: 'Something went wrong in the gateway' };
    if (ctx) ctx.errorMessage = String(body.message);
    if (res.headersSent) {
      // A failure after the answer began: end it rather than write a second head.
      if (!res.writableEnded) res.end();
      return;
    }
    if (ctx) {
      this.writer.writeJson(ctx, res, status, gatewayErrorFor(endpoint, status, body), undefined);
    } else {
      const traceId = req.headers['x-portkey-trace-id'];
      const headers = { 'content-type': 'application/json; charset=utf-8', ...(typeof traceId === 'string' ? { 'x-portkey-trace-id': traceId } : {}) };
      endWithWholeBody(res, status, headers, JSON.stringify(gatewayErrorFor(endpoint, status, body)));
    }
  }
}

/** Endpoints that take JSON must get it; uploads and GETs carry none (the body stays unread). */
function requireNoJson(endpoint: Endpoint, method: string): Record<string, unknown> {
  const bodiless = method === 'GET' || method === 'DELETE' || method === 'HEAD';
  const upload = endpoint === 'imageEdit' || endpoint === 'createTranscription' || endpoint === 'createTranslation' || endpoint === 'passthrough';
  if (!bodiless && !upload) throw new GatewayError('bad-request', 'Invalid request body: expected a JSON object');
  return {};
}

function routerError(error: unknown): GatewayError | undefined {
  if (error instanceof Error && error.name === 'RouterError') return new GatewayError('bad-request', error.message);
  return undefined;
}
