/**
 * A scripted LeafExecutor for tests: replies per leaf path and attempt, records every call,
 * abort and discard, and can delay (in RxJS time, so TestScheduler controls it) or hang.
 */
import { parseConfig, type RoutingConfig } from '@aigw/config-schema';
import { Observable, of, timer, type Subscription } from 'rxjs';
import type { AttemptOutcome, HedgeRace, LeafExecutor, LeafTarget, RouteContext } from '../router.types.js';

export interface FakeOutcome extends AttemptOutcome {
  /** Index of the execute() call that produced it; -1 for a timeout stand-in. */
  call: number;
  path: string;
  timedOutAfter?: number;
}

export type Reply =
  | number
  | {
      status?: number;
      headers?: Record<string, string | string[] | undefined>;
      transportError?: boolean;
      gatewayException?: boolean;
      /** Emit after this long (RxJS time). */
      delayMs?: number;
      /** Never emit (until aborted). */
      hang?: boolean;
      /** A raced call goes upstream this long after it starts (a cache lookup first, say); default 0. */
      sendAfterMs?: number;
      /** Answered without an upstream call (a cache hit): a raced call never reports a send. */
      noSend?: boolean;
    };

type Script = (path: string, attempt: number, call: number) => Reply;

export class FakeExecutor implements LeafExecutor<FakeOutcome> {
  readonly calls: Array<{ path: string; attempt: number }> = [];
  readonly aborted: Array<{ path: string; attempt: number }> = [];
  readonly discarded: FakeOutcome[] = [];
  readonly targets: LeafTarget[] = [];
  /** Calls subscribed and not yet answered or aborted. */
  inFlight = 0;
  /** Calls that reported going upstream while racing in a hedge. */
  readonly raced: Array<{ path: string; attempt: number }> = [];
  readonly reportsSent = true;

  constructor(private readonly script: Script) {}

  /** Replies per leaf path; a list is consumed per call to that path, its last entry repeating. */
  static byPath(replies: Record<string, Reply | Reply[]>): FakeExecutor {
    const seen = new Map<string, number>();
    return new FakeExecutor((path) => {
      const entry = replies[path];
      if (entry === undefined) throw new Error(`no reply scripted for ${path}`);
      if (!Array.isArray(entry)) return entry;
      const n = seen.get(path) ?? 0;
      seen.set(path, n + 1);
      return entry[Math.min(n, entry.length - 1)];
    });
  }

  execute(target: LeafTarget, attempt: number, race?: HedgeRace): Observable<FakeOutcome> {
    return new Observable<FakeOutcome>((subscriber) => {
      const call = this.calls.length;
      this.calls.push({ path: target.path, attempt });
      this.targets.push(target);
      const raw = this.script(target.path, attempt, call);
      const reply = typeof raw === 'number' ? { status: raw } : raw;
      const outcome: FakeOutcome = { status: reply.status ?? 200, call, path: target.path };
      if (reply.headers) outcome.headers = reply.headers;
      if (reply.transportError) outcome.transportError = true;
      if (reply.gatewayException) outcome.gatewayException = true;
      this.inFlight++;
      let answered = false;
      const answer = (): void => {
        answered = true;
        this.inFlight--;
        subscriber.next(outcome);
        subscriber.complete();
      };
      let pending: Subscription | undefined;
      let sending: Subscription | undefined;
      const sent = (): void => {
        this.raced.push({ path: target.path, attempt });
        race!.onSent();
      };
      if (race && !reply.noSend) {
        if (reply.sendAfterMs) sending = timer(reply.sendAfterMs).subscribe(sent);
        else sent();
      }
      if (reply.hang) {
        // never answers
      } else if (reply.delayMs !== undefined) {
        pending = timer(reply.delayMs).subscribe(answer);
      } else {
        answer();
      }
      return () => {
        if (!answered) {
          this.inFlight--;
          this.aborted.push({ path: target.path, attempt });
        }
        pending?.unsubscribe();
        sending?.unsubscribe();
      };
    });
  }

  timeoutOutcome(target: LeafTarget, timeoutMs: number): FakeOutcome {
    return { status: 408, call: -1, path: target.path, timedOutAfter: timeoutMs };
  }

  discard(outcome: FakeOutcome): void {
    this.discarded.push(outcome);
  }

  get paths(): string[] {
    return this.calls.map((c) => c.path);
  }
}

/** A config through the real schema, so tests route what the gateway would route. */
export function config(value: unknown): RoutingConfig {
  const result = parseConfig(value);
  if (!result.ok) throw new Error(`invalid test config: ${result.errors.join(' | ')}`);
  return result.config;
}

export function context(partial: Partial<RouteContext> = {}): RouteContext {
  return { metadata: {}, params: {}, url: { pathname: '/v1/chat/completions' }, ...partial };
}

/** Sleep that resolves at once and records the requested delays (for synchronous tests). */
export function instantSleep(): { sleep: (ms: number) => Observable<number>; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms) => {
      delays.push(ms);
      return of(0);
    },
  };
}

/** Subscribes and returns what a synchronous route produced. */
export function runSync<T>(source: Observable<T>): { values: T[]; error?: unknown; completed: boolean } {
  const out: { values: T[]; error?: unknown; completed: boolean } = { values: [], completed: false };
  source.subscribe({
    next: (v) => out.values.push(v),
    error: (e: unknown) => (out.error = e),
    complete: () => (out.completed = true),
  });
  return out;
}

/** The one result of a route that must finish synchronously. */
export function resultOf<T>(source: Observable<T>): T {
  const { values, error, completed } = runSync(source);
  if (error) throw error;
  if (!completed || values.length !== 1) throw new Error(`expected one value and completion, got ${values.length} (completed: ${completed})`);
  return values[0];
}
