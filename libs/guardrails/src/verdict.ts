import type { HookResult, HookResults } from './types.js';

export const HOOKS_FAILED_MESSAGE = 'The guardrail checks defined in the config failed. You can find more information in the `hook_results` object.';

/** `deny`: a denying hook failed (446); `fail`: a hook failed without deny (246); `pass` otherwise. */
export type HooksVerdict = 'pass' | 'fail' | 'deny';

export function verdictOf(results: HookResult[]): HooksVerdict {
  let verdict: HooksVerdict = 'pass';
  for (const r of results) {
    if (r.verdict) continue;
    if (r.deny) return 'deny';
    verdict = 'fail';
  }
  return verdict;
}

/** The status a guarded answer takes: 246 when a hook failed without deny, the upstream's otherwise. */
export function guardedStatus(status: number, results: HookResults): number {
  if (status !== 200) return status;
  const failed = verdictOf(results.before_request_hooks) !== 'pass' || verdictOf(results.after_request_hooks) !== 'pass';
  return failed ? 246 : status;
}

/** The 446 body, in the gateway's (and the reference's) error format. */
export function deniedBody(results: HookResults): { error: { message: string; type: string; param: null; code: null }; hook_results: HookResults } {
  return { error: { message: HOOKS_FAILED_MESSAGE, type: 'hooks_failed', param: null, code: null }, hook_results: results };
}
