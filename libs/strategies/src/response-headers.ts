/** The routing response headers the reference sets, from a route result. */
import type { AttemptOutcome, RouteResult } from './router.types.js';

export const LAST_USED_OPTION_INDEX_HEADER = 'x-portkey-last-used-option-index';
export const RETRY_ATTEMPT_COUNT_HEADER = 'x-portkey-retry-attempt-count';

export function routingHeaders(result: RouteResult<AttemptOutcome>): Record<string, string> {
  return {
    [LAST_USED_OPTION_INDEX_HEADER]: result.target.path,
    [RETRY_ATTEMPT_COUNT_HEADER]: String(result.retryAttemptCount),
  };
}
