/**
 * The hook model, in the reference gateway's vocabulary: a hook (guardrail or mutator) holds
 * checks, each naming a plug-in function (`<plugin>.<function>`) with its parameters.
 */
export type HookEvent = 'beforeRequestHook' | 'afterRequestHook';

export type JsonObject = Record<string, unknown>;

export interface CheckSpec {
  id: string;
  parameters: JsonObject;
  isEnabled: boolean;
}

export interface HookSpec {
  id: string;
  type: 'guardrail' | 'mutator';
  event: HookEvent;
  checks: CheckSpec[];
  deny: boolean;
  async: boolean;
  sequential: boolean;
  /** What a check that throws or times out counts as: `fail` blocks like a failed check. */
  onError: 'pass' | 'fail';
  /** Per-check timeout for this hook (ms), unless a check sets `parameters.timeout`. */
  timeoutMs?: number;
  onFail?: { feedback?: Feedback };
  onSuccess?: { feedback?: Feedback };
}

export interface Feedback {
  value?: number;
  weight?: number;
  metadata?: JsonObject;
}

/** What a check sees: the request, and after the call the response, plus the request's metadata. */
export interface HookContext {
  event: HookEvent;
  /** chatComplete, complete, embed or messages. */
  endpoint: string;
  provider: string;
  request: { json: JsonObject };
  response?: { json: JsonObject; status: number };
  metadata: JsonObject;
}

/** What a check function answers. `transformed` (mutators) replaces the event's JSON. */
export interface CheckOutcome {
  verdict: boolean;
  data?: unknown;
  explanation?: string;
  transformed?: JsonObject;
}

/** I/O a check may need; the gateway supplies it so every call goes through its egress policy. */
export interface CheckServices {
  postJson(url: string, body: unknown, headers: Record<string, string>, signal: AbortSignal): Promise<{ status: number; json: unknown }>;
}

export type CheckFunction = (ctx: HookContext, parameters: JsonObject, services: CheckServices & { signal: AbortSignal }) => CheckOutcome | Promise<CheckOutcome>;

export interface CheckResult {
  id: string;
  verdict: boolean;
  data: unknown;
  explanation?: string;
  /** Present when the check threw or timed out; its verdict is then the hook's error policy. */
  error?: { name: 'TimeoutError' | 'CheckError'; message: string };
  transformed: boolean;
  execution_time: number;
  created_at: string;
}

export interface HookResult {
  id: string;
  type: 'guardrail' | 'mutator';
  verdict: boolean;
  deny: boolean;
  async: boolean;
  transformed: boolean;
  checks: CheckResult[];
  feedback?: Feedback;
  execution_time: number;
  created_at: string;
}

/** The body field every guarded answer carries. */
export interface HookResults {
  before_request_hooks: HookResult[];
  after_request_hooks: HookResult[];
}
