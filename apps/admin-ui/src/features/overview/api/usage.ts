/** Usage analytics (requests, errors, latency percentiles, tokens, cost), grouped by day or by dimension. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, wsPath } from '../../../lib/api-client';
import type { ApiKey, Usage, UsageGroupBy } from '../../../lib/contract';

export interface UsageRange {
  from: string;
  to: string;
}

export const usageKeys = {
  all: (ws: string) => ['workspaces', ws, 'usage'] as const,
  usage: (ws: string, range: UsageRange, groupBy: UsageGroupBy) => [...usageKeys.all(ws), groupBy, range] as const,
  apiKeyNames: (ws: string) => ['workspaces', ws, 'usage', 'api-key-names'] as const,
};

export const usageQuery = (ws: string, range: UsageRange, groupBy: UsageGroupBy) =>
  queryOptions({
    queryKey: usageKeys.usage(ws, range, groupBy),
    queryFn: () => api.get<Usage>(wsPath(ws, '/analytics/usage'), { ...range, groupBy }),
    placeholderData: keepPreviousData,
  });

export const useUsage = (ws: string, range: UsageRange, groupBy: UsageGroupBy) => useQuery(usageQuery(ws, range, groupBy));

/**
 * Names for the "top API keys" list, for people allowed to list every key (`enabled`); the list
 * shows key ids to the others.
 */
export const useApiKeyNames = (ws: string, enabled: boolean) =>
  useQuery({
    enabled,
    queryKey: usageKeys.apiKeyNames(ws),
    queryFn: async () => new Map((await api.get<ApiKey[]>(wsPath(ws, '/api-keys'))).map((k) => [k.id, k.name])),
    retry: false,
    staleTime: 60_000,
  });
