/**
 * The seam between shadow traffic / replays (data plane, shadow/) and where their comparisons are
 * stored (control plane): the request path only ever calls `enqueue`, which never blocks.
 */

/** One side of a comparison: how a config answered one request. */
export interface RunOutcome {
  configId?: string;
  configVersion?: number;
  provider?: string;
  model?: string;
  status: number;
  latencyMs: number;
  promptTokens?: number;
  completionTokens?: number;
  cachedTokens?: number;
  /** USD when already known (a logged outcome); otherwise priced by the sink from the tokens. */
  costUsd?: number;
  errorMessage?: string;
}

/** A primary answer and another config's answer to the same request, side by side. */
export interface ShadowOutcomeEntry {
  createdAt: Date;
  workspaceId: string;
  source: 'shadow' | 'replay';
  traceId: string;
  replayJobId?: string;
  requestLogId?: bigint;
  path: string;
  primary: RunOutcome;
  shadow: RunOutcome & { configId: string };
  similarity?: number;
}

export abstract class ShadowOutcomeSink {
  /** Never blocks and never throws: queued and written in batches. */
  abstract enqueue(entry: ShadowOutcomeEntry): void;
}
