/**
 * One record per upstream attempt of a request (every retry, fallback target and hedge), kept on
 * the RequestContext by the leaf executor. The limits settle each attempt's reservation by its
 * fate, and the request log stores the records when a request made more than one attempt.
 */
import type { RequestContext } from '../request/request-context.js';

/** While the request runs: `answered` until the engine discards the answer (then `failed`). */
export type AttemptFate = 'answered' | 'failed' | 'aborted';

export interface AttemptRecord {
  /** The target's config path (`config.targets[1]`), as x-portkey-last-used-option-index names it. */
  target: string;
  /** 0 for the first call to that target, n for its n-th retry. */
  retry: number;
  /** The call raced others in a hedge. */
  raced?: true;
  provider?: string;
  model?: string;
  /** The answer's status (response headers, or the gateway's stand-in); absent when aborted first. */
  status?: number;
  /** From the start of the attempt to its answer (for a raced stream, its first chunk) or abort. */
  startedAt: number;
  latencyMs?: number;
  fate: AttemptFate;
  /** Why the gateway answered for it: `timeout`, `connection error`. */
  error?: string;
  /** Answered from the response cache (no upstream call). */
  cached?: true;
}

/** What the request log stores per attempt: the final answer says won / succeeded / failed. */
export interface LoggedAttempt {
  target: string;
  retry: number;
  provider?: string;
  model?: string;
  status?: number;
  latencyMs?: number;
  outcome: 'won' | 'succeeded' | 'failed' | 'aborted';
  raced?: true;
  error?: string;
  cached?: true;
}

/**
 * The attempts for the request log: undefined for a request that made one call (its row says it
 * all). The answer that stood is `won` when hedges were sent, else `succeeded`; a non-2xx one
 * `failed`. Aborted losers carry no usage: they are cancelled before any body byte is read.
 */
export function loggedAttempts(ctx: RequestContext): LoggedAttempt[] | undefined {
  const records = ctx.attempts;
  if (!records || records.length < 2) return undefined;
  return records.map((r) => {
    const good = r.status !== undefined && r.status >= 200 && r.status < 300;
    const outcome = r.fate === 'answered' ? (!good ? 'failed' : ctx.hedges > 0 ? 'won' : 'succeeded') : r.fate;
    const entry: LoggedAttempt = { target: r.target, retry: r.retry, outcome };
    if (r.provider !== undefined) entry.provider = r.provider;
    if (r.model) entry.model = r.model;
    if (r.status !== undefined) entry.status = r.status;
    if (r.latencyMs !== undefined) entry.latencyMs = Math.round(r.latencyMs);
    if (r.raced) entry.raced = true;
    if (r.error) entry.error = r.error;
    if (r.cached) entry.cached = true;
    return entry;
  });
}
