/**
 * Runs one request against a saved config with no client attached: the request path's own
 * planner, routing engine, provider transforms and outcome writer, but the answer is captured
 * instead of sent. Shadow traffic and replays both go through here, so both are, by construction:
 * never served from or stored in the response cache (no cache is given to the executor), never
 * counted against rate limits or budgets (the limiter is never asked), never streamed (the body
 * is sent with `stream: false`), and never shadowed again (`ctx.background`).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Endpoint, Json } from '@aigw/providers';
import type { RouteResult, Router } from '@aigw/strategies';
import { type GatewayConfig, GATEWAY_CONFIG } from '../config/gateway-config.js';
import { ControlPlaneLookup } from '../control-plane/control-plane.port.js';
import { GatewayError } from '../errors/gateway-error.js';
import { Guardrails } from '../guardrails/guardrails.js';
import { InboundRules } from '../inbound/inbound-rules.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { ProxyLeafExecutor } from '../proxy/leaf-executor.js';
import type { LeafOutcome } from '../proxy/leaf-outcome.js';
import { OutcomeWriter } from '../proxy/outcome-writer.js';
import { usageFromBytes } from '../proxy/request-log-recorder.js';
import { RoutePlanner } from '../proxy/route-planner.js';
import { GATEWAY_ROUTER } from '../proxy/router.provider.js';
import { RequestContext } from '../request/request-context.js';
import { TokenCache } from '../upstream/token-cache.js';
import { UpstreamClient } from '../upstream/upstream-client.js';
import { answerText } from './answer-text.js';
import { CaptureResponse } from './capture-response.js';
import { runOutcomeOf } from './run-outcome.js';
import type { RunOutcome } from './shadow.port.js';

export interface BackgroundRequest {
  workspaceId: string;
  apiKeyId?: string;
  /** The saved config to run against (`pc-…`). */
  configId: string;
  endpoint: Endpoint;
  method: string;
  path: string;
  body: Json;
  metadata?: Record<string, unknown>;
  traceId?: string;
  /** Gives up (and reports a 408) after this long; a shadow must not hold a slot forever. */
  timeoutMs?: number;
}

export interface BackgroundResult extends RunOutcome {
  /** The answer's text, when it has one (for the similarity). */
  text?: string;
}

/** The JSON endpoints a logged request can be run again on, by the path the log stored. */
const REPLAYABLE: Record<string, Endpoint> = {
  '/v1/chat/completions': 'chatComplete',
  '/v1/completions': 'complete',
  '/v1/embeddings': 'embed',
  '/v1/messages': 'messages',
  '/v1/responses': 'responses',
  '/v1/moderations': 'moderate',
  '/v1/rerank': 'rerank',
  '/v1/images/generations': 'imageGenerate',
};

export function replayableEndpoint(path: string): Endpoint | undefined {
  return REPLAYABLE[path.split('?')[0]];
}

@Injectable()
export class BackgroundRunner {
  private readonly planner: RoutePlanner;
  private readonly writer: OutcomeWriter;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(GATEWAY_ROUTER) private readonly router: Router,
    private readonly upstream: UpstreamClient,
    private readonly lookup: ControlPlaneLookup,
    private readonly tokens: TokenCache,
    private readonly providers: ProviderRegistry,
    private readonly guardrails: Guardrails,
  ) {
    this.planner = new RoutePlanner(lookup, false, providers, new InboundRules(config.inbound));
    this.writer = new OutcomeWriter(config.streamIdleTimeoutMs);
  }

  async run(request: BackgroundRequest): Promise<BackgroundResult> {
    // Never streamed: the comparison needs the whole answer, and there is no client to stream to.
    const body: Json = { ...request.body };
    delete body.stream;
    delete body.stream_options;
    const ctx = new RequestContext(request.endpoint, request.method, request.path, {}, { config: request.configId, metadata: request.metadata, traceId: request.traceId, providerOptions: {} }, body);
    ctx.background = true;
    ctx.workspaceId = request.workspaceId;
    ctx.apiKeyId = request.apiKeyId;
    ctx.rawBody = Buffer.from(JSON.stringify(body));
    const capture = new CaptureResponse();
    const timer = setTimeout(() => ctx.markClientGone(), request.timeoutMs ?? 60_000);
    try {
      const plan = await this.planner.plan(ctx);
      const result = await this.route(ctx, plan);
      if (!result) {
        ctx.status = 408;
        ctx.errorMessage = `no answer within ${request.timeoutMs ?? 60_000} ms`;
      } else {
        await this.writer.write(ctx, result.outcome, capture.asServerResponse());
      }
    } catch (error) {
      ctx.status = error instanceof GatewayError ? error.status : 500;
      ctx.errorMessage = (error as Error)?.message ?? String(error);
    } finally {
      clearTimeout(timer);
    }
    const bytes = capture.body();
    const usage = ctx.usage ?? usageFromBytes(ctx.responseBytes ?? bytes);
    return {
      ...runOutcomeOf(ctx, usage),
      // The config this run was asked to take (the context may not carry it for a replay).
      configId: request.configId,
      text: ctx.status >= 200 && ctx.status < 300 ? answerText(bytes) : undefined,
    };
  }

  private route(ctx: RequestContext, plan: Parameters<Router['route']>[0]): Promise<RouteResult<LeafOutcome> | undefined> {
    // No response cache: a shadow or replay must neither be answered from it nor fill it.
    const executor = new ProxyLeafExecutor(ctx, this.upstream, this.lookup, this.tokens, this.providers, undefined, this.guardrails);
    const context = { metadata: ctx.headers.metadata ?? {}, params: ctx.body, url: { pathname: ctx.path }, hedgeable: true };
    return new Promise((resolve, reject) => {
      const subscription = this.router.route(plan, context, executor).subscribe({ next: resolve, error: reject });
      if (subscription.closed) return;
      ctx.onClientGone(() => {
        subscription.unsubscribe();
        resolve(undefined);
      });
    });
  }
}
