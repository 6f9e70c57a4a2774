import {
  type HookContext,
  type HookPlan,
  type HookResult,
  type HookResults,
  type JsonObject,
  StreamRedactor,
  deniedBody,
  guardedStatus,
  runHooks,
  verdictOf,
} from '@aigw/guardrails';
import type { Guardrails } from './guardrails.js';

/**
 * One request's guardrails: the plan of the target that served it, the before-request results,
 * then the after-request results. Lives on the RequestContext only when the target has hooks.
 */
export class GuardedRequest {
  private before: HookResult[] = [];
  private after: HookResult[] = [];
  private request: JsonObject = {};

  constructor(
    private readonly engine: Guardrails,
    readonly plan: HookPlan,
    private readonly base: Pick<HookContext, 'endpoint' | 'provider' | 'metadata'>,
    /** Told each event's results (the request's trace makes a span per hook of them). */
    private readonly onRun?: (event: 'before_request' | 'after_request', results: HookResult[]) => void,
  ) {}

  /** Runs before-request hooks on the body about to be sent: the body to send instead, or the 446 body. */
  async runBefore(params: JsonObject): Promise<{ denied?: unknown; params?: JsonObject }> {
    this.request = params;
    if (this.plan.before.length === 0) return {};
    const run = await runHooks(this.plan.before, { ...this.base, event: 'beforeRequestHook', request: { json: params } }, this.engine.runner);
    this.before = run.results;
    this.onRun?.('before_request', run.results);
    if (verdictOf(run.results) === 'deny') return { denied: deniedBody(this.results()) };
    if (run.transformed) this.request = run.transformed;
    return run.transformed ? { params: run.transformed } : {};
  }

  /** Runs after-request hooks on a successful JSON answer: the answer to send, or the 446 body. */
  async runAfter(answer: JsonObject, status: number): Promise<{ denied?: unknown; answer: JsonObject }> {
    // As in the reference: after-request hooks judge only a successful answer.
    if (this.plan.after.length === 0 || status !== 200) return { answer };
    const run = await runHooks(this.plan.after, { ...this.base, event: 'afterRequestHook', request: { json: this.request }, response: { json: answer, status } }, this.engine.runner);
    this.after = run.results;
    this.onRun?.('after_request', run.results);
    if (verdictOf(run.results) === 'deny') return { denied: deniedBody(this.results()), answer };
    return { answer: run.transformed ?? answer };
  }

  /** 246 when a hook failed without deny. */
  status(status: number): number {
    return guardedStatus(status, this.results());
  }

  /** The answer with `hook_results` appended (the reference appends them whenever a hook ran). */
  attach(answer: unknown): unknown {
    if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return answer;
    return { ...(answer as JsonObject), hook_results: this.results() };
  }

  results(): HookResults {
    return { before_request_hooks: this.before, after_request_hooks: this.after };
  }

  /** For the request log: only when a hook ran. */
  logged(): HookResults | undefined {
    return this.before.length || this.after.length ? this.results() : undefined;
  }

  /**
   * Redactors for a streamed answer: one per PII check with `redact: true` among the after-request
   * hooks (other after-request checks need the whole answer and do not run on streams).
   */
  streamRedactors(): (() => StreamRedactor)[] {
    const makers: (() => StreamRedactor)[] = [];
    for (const hook of this.plan.after) {
      for (const check of hook.checks) {
        if (!check.isEnabled || check.id !== 'default.pii' || check.parameters.redact !== true) continue;
        const categories = Array.isArray(check.parameters.categories) ? new Set(check.parameters.categories as string[]) : undefined;
        makers.push(() => new StreamRedactor(categories));
      }
    }
    return makers;
  }
}
