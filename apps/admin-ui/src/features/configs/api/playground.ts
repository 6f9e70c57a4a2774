/** The playground's dry run: the route a request would take, from the real routing engine, no upstream call. */
import { useMutation } from '@tanstack/react-query';
import { api, wsPath } from '../../../lib/api-client';
import type { DryRunBody, DryRunResult } from '../../../lib/contract';

export function useDryRun(ws: string) {
  return useMutation({
    mutationFn: (body: DryRunBody) => api.post<DryRunResult>(wsPath(ws, '/playground/dry-run'), body),
    // The page shows the refusal (with the config's issues) next to the form.
    meta: { silent: true },
  });
}
