/**
 * Rate limits and budgets: the limits set per scope, their current usage (polled while the page is
 * open), set and remove. Also the names of the scopes a limit can be attached to.
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, wsPath } from '../../../lib/api-client';
import type { LimitScopeTargets, LimitUsage, PutLimitBody, UsageLimit } from '../../../lib/contract';

export const limitKeys = {
  all: (ws: string) => ['workspaces', ws, 'limits'] as const,
  list: (ws: string) => [...limitKeys.all(ws), 'list'] as const,
  usage: (ws: string) => [...limitKeys.all(ws), 'usage'] as const,
  targets: (ws: string) => [...limitKeys.all(ws), 'targets'] as const,
};

/** How often the usage bars refresh while the page is open. */
export const USAGE_REFRESH_MS = 5_000;

export const limitsQuery = (ws: string) => queryOptions({ queryKey: limitKeys.list(ws), queryFn: () => api.get<UsageLimit[]>(wsPath(ws, '/limits')) });

export const limitUsageQuery = (ws: string) =>
  queryOptions({
    queryKey: limitKeys.usage(ws),
    queryFn: () => api.get<LimitUsage[]>(wsPath(ws, '/limits/usage')),
    refetchInterval: USAGE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

export const useLimits = (ws: string) => useQuery(limitsQuery(ws));
export const useLimitUsage = (ws: string) => useQuery(limitUsageQuery(ws));

/** The keys, virtual keys and saved configs of the workspace, to name and pick limit scopes. */
export const useLimitTargets = (ws: string) =>
  useQuery({
    queryKey: limitKeys.targets(ws),
    queryFn: async (): Promise<LimitScopeTargets> => {
      const [apiKeys, virtualKeys, configs] = await Promise.all([
        api.get<LimitScopeTargets['apiKeys']>(wsPath(ws, '/api-keys')),
        api.get<LimitScopeTargets['virtualKeys']>(wsPath(ws, '/virtual-keys')),
        api.get<LimitScopeTargets['configs']>(wsPath(ws, '/configs')),
      ]);
      return { apiKeys, virtualKeys, configs };
    },
  });

export function usePutLimit(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PutLimitBody) => api.put<UsageLimit>(wsPath(ws, '/limits'), body),
    meta: { silent: true },
    onSuccess: () => client.invalidateQueries({ queryKey: limitKeys.all(ws) }),
  });
}

export function useRemoveLimit(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(wsPath(ws, `/limits/${encodeURIComponent(id)}`)),
    meta: { success: 'Limit removed. Every gateway process stops applying it within a second.' },
    onSuccess: () => client.invalidateQueries({ queryKey: limitKeys.all(ws) }),
  });
}
