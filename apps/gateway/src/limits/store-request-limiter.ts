/**
 * RequestLimiter over a LimitStore (Redis or memory) and the cached limits: estimates a request's
 * tokens and cost, reserves them in every scope that applies in one atomic store call, answers 429
 * with the gateway's error body and OpenAI's headers, and settles with the real usage afterwards.
 */
import { Logger } from '@nestjs/common';
import type { PricingTable } from '../control-plane/request-logs/pricing.js';
import { GatewayError } from '../errors/gateway-error.js';
import { isCacheHit } from '../control-plane/request-logs/request-log.row.js';
import { usageFromBytes } from '../proxy/request-log-recorder.js';
import type { RequestContext } from '../request/request-context.js';
import {
  type AdmissionResult,
  type Dimension,
  type LimitStore,
  type Reservation,
  type ScopeCheck,
  msToNextDay,
  msToNextMonth,
} from './limit-rules.js';
import type { LimitsCache } from './limits.cache.js';
import { allowanceHeaders, formatDuration, retryAfterSeconds } from './rate-limit-headers.js';
import { type LimitRefusal, type LimitState, RequestLimiter } from './request-limiter.js';

/** What happens to a request when the store (Redis) cannot answer. */
export type LimitsFailureMode = 'open' | 'closed';

/** Observers for metrics and alerts; the limiter itself stays free of prom-client. */
export interface LimitEvents {
  rejected?(dimension: Dimension, scope: ScopeCheck['label']): void;
  storeFailed?(): void;
  alert?(message: string): void;
}

const DIMENSION_TEXT: Record<Dimension, string> = {
  requests: 'requests per minute',
  tokens: 'tokens per minute',
  concurrent: 'concurrent requests',
  'cost-day': 'cost budget per day',
  'cost-month': 'cost budget per month',
};

export class StoreRequestLimiter extends RequestLimiter {
  private readonly logger = new Logger('Limits');
  private lastStoreWarning = 0;
  private counter = 0;

  constructor(
    private readonly cache: LimitsCache,
    private readonly store: LimitStore,
    private readonly pricing: PricingTable,
    private readonly failureMode: LimitsFailureMode,
    readonly events: LimitEvents = {},
  ) {
    super();
  }

  admit(ctx: RequestContext): Promise<void> | undefined {
    if (!ctx.workspaceId) return undefined;
    const limits = this.cache.forWorkspace(ctx.workspaceId);
    if (!limits) return undefined;
    // All of a request's own scopes in one decision (one store call, one Redis round trip).
    const scopes: ScopeCheck[] = [];
    if (limits.workspace) scopes.push(limits.workspace);
    const key = ctx.apiKeyId ? limits.apiKeys.get(ctx.apiKeyId) : undefined;
    if (key) scopes.push(key);
    const config = ctx.configId ? limits.configs.get(ctx.configId) : undefined;
    if (config) scopes.push(config);
    this.stateOf(ctx);
    if (!scopes.length) return undefined;
    return this.reserve(ctx, scopes, ctx.headers.provider, ctx.model).then((refusal) => {
      if (refusal) throw refusal;
    });
  }

  admitVirtualKey(ctx: RequestContext, slug: string, providerId: string, model: string | undefined): Promise<LimitRefusal | undefined> | undefined {
    const scope = ctx.workspaceId ? this.cache.forWorkspace(ctx.workspaceId)?.virtualKeys.get(slug) : undefined;
    if (!scope) return undefined;
    return this.reserve(ctx, [scope], providerId, model, slug).then((refusal) =>
      refusal ? { status: refusal.status as 429 | 503, body: refusal.toBody() as LimitRefusal['body'] } : undefined,
    );
  }

  settle(ctx: RequestContext): void {
    const state = ctx.limits;
    if (!state?.reservations.length) return;
    const usage = ctx.usage ?? usageFromBytes(ctx.responseBytes);
    let lastVirtualKey = -1;
    state.reservations.forEach((r, i) => {
      if (r.virtualKey) lastVirtualKey = i;
    });
    // A cached answer called no provider: it costs no tokens and no money against any budget.
    const fromCache = isCacheHit(ctx.cacheStatus);
    // A hedge's aborted loser was sent and may be billed: its estimate stands, in its key and in the
    // request-wide scopes (which admitted the request once) alike.
    const lost = ctx.hedges > 0 ? state.reservations.filter((r) => r.attempt?.fate === 'aborted').length : 0;
    state.reservations.forEach(({ reservation, virtualKey, attempt }, i) => {
      // Earlier targets (failed attempts, fallbacks) used no tokens; the answering one did.
      const answered = !fromCache && (!virtualKey || (attempt ? attempt.fate === 'answered' : i === lastVirtualKey));
      let actual = answered ? this.actualUsage(ctx, reservation, usage) : { tokens: 0, costNanoUsd: 0 };
      if (lost && !fromCache) {
        const times = !virtualKey ? lost : attempt?.fate === 'aborted' ? 1 : 0;
        actual = { tokens: actual.tokens + times * reservation.estimatedTokens, costNanoUsd: actual.costNanoUsd + times * reservation.estimatedCostNanoUsd };
      }
      this.store.settle(reservation, actual).catch((error: unknown) => this.storeFailure(error));
    });
  }

  private actualUsage(ctx: RequestContext, reservation: Reservation, usage: ReturnType<typeof usageFromBytes>): { tokens: number; costNanoUsd: number } {
    if (!usage) {
      // A stream cut short (client gone) before the provider reported usage: the provider may
      // still bill it, so the estimate stands. An error answer with no usage cost nothing.
      const cut = ctx.status >= 200 && ctx.status < 300;
      return cut ? { tokens: reservation.estimatedTokens, costNanoUsd: reservation.estimatedCostNanoUsd } : { tokens: 0, costNanoUsd: 0 };
    }
    const tokens = (usage.promptTokens ?? 0) + (usage.completionTokens ?? 0);
    // Priced exactly as the request log prices it (billed units when the provider reports them).
    const billed = usage.billedPromptTokens !== undefined || usage.billedCompletionTokens !== undefined;
    const priced = billed
      ? { promptTokens: usage.billedPromptTokens ?? 0, completionTokens: usage.billedCompletionTokens ?? 0 }
      : { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, cachedTokens: usage.cachedTokens };
    const usd = this.pricing.cost(ctx.provider, ctx.upstreamModel ?? ctx.model, priced) ?? 0;
    return { tokens: Math.round(tokens), costNanoUsd: Math.round(usd * 1e9) };
  }

  private stateOf(ctx: RequestContext): LimitState {
    if (ctx.limits) return ctx.limits;
    const body = ctx.body;
    const max = body.max_tokens ?? body.max_completion_tokens ?? body.max_output_tokens;
    // About four bytes of JSON per token: cheap, and the settlement corrects it with real usage.
    const state: LimitState = {
      estimatedPromptTokens: Math.ceil((ctx.rawBody?.length ?? 0) / 4),
      estimatedCompletionTokens: typeof max === 'number' && max > 0 ? Math.floor(max) : 0,
      reservations: [],
    };
    if (this.cache.forWorkspace(ctx.workspaceId!)?.virtualKeys.size) {
      state.admitVirtualKey = (slug, providerId) => this.admitVirtualKey(ctx, slug, providerId, ctx.model);
    }
    ctx.limits = state;
    return state;
  }

  private async reserve(ctx: RequestContext, scopes: ScopeCheck[], provider: string | undefined, model: string | undefined, virtualKey?: string): Promise<GatewayError | undefined> {
    const state = this.stateOf(ctx);
    const estimatedTokens = state.estimatedPromptTokens + state.estimatedCompletionTokens;
    const usd = this.pricing.cost(provider, model, { promptTokens: state.estimatedPromptTokens, completionTokens: state.estimatedCompletionTokens }) ?? 0;
    const now = Date.now();
    let result: AdmissionResult;
    try {
      result = await this.store.admit({
        workspaceId: ctx.workspaceId!,
        id: `${ctx.traceId}:${this.counter++}`,
        scopes,
        estimatedTokens,
        estimatedCostNanoUsd: Math.round(usd * 1e9),
        nowMs: now,
      });
    } catch (error) {
      this.storeFailure(error);
      if (this.failureMode === 'open') return undefined;
      return new GatewayError('unavailable', 'Rate limits and budgets cannot be checked right now (their store is unreachable); retry shortly');
    }
    if (result.ok) {
      state.reservations.push({ reservation: result.reservation, virtualKey });
      state.headers = allowanceHeaders(result.allowance, state.headers ?? {});
      for (const alert of result.alerts) this.events.alert?.(`Cost alert threshold crossed: ${alert}`);
      return undefined;
    }
    const { dimension, scope, allowance } = result;
    this.events.rejected?.(dimension, scope.label);
    state.refused = dimension;
    const headers = allowanceHeaders({ [dimension]: allowance }, state.headers ?? {});
    headers['retry-after'] = String(retryAfterSeconds(allowance.resetMs));
    state.headers = headers;
    return new GatewayError('rate-limited', refusalMessage(dimension, scope, allowance.limit, allowance.resetMs, now));
  }

  private storeFailure(error: unknown): void {
    this.events.storeFailed?.();
    if (Date.now() - this.lastStoreWarning < 10_000) return;
    this.lastStoreWarning = Date.now();
    this.logger.warn(`Limits store failed (${this.failureMode === 'open' ? 'requests pass unlimited' : 'requests are refused'}): ${(error as Error)?.message ?? String(error)}`);
  }
}

function refusalMessage(dimension: Dimension, scope: ScopeCheck, limit: number, resetMs: number, now: number): string {
  if (dimension === 'cost-day' || dimension === 'cost-month') {
    const resetsAt = new Date(now + (dimension === 'cost-day' ? msToNextDay(now) : msToNextMonth(now))).toISOString();
    return `The ${DIMENSION_TEXT[dimension]} of ${scope.label} ($${(limit / 1e9).toFixed(2)}) is exhausted; it resets at ${resetsAt}`;
  }
  return `Rate limit reached: ${DIMENSION_TEXT[dimension]} of ${scope.label} (limit ${limit}); retry in ${formatDuration(resetMs)}`;
}
