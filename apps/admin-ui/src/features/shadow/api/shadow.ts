/**
 * Shadow traffic and replays: the comparison report (shadow traffic, or one replay job), replay
 * jobs (list, detail polled while running, start, cancel), and the saved configs to pick from.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, wsPath } from '../../../lib/api-client';
import type { ComparisonQuery, ComparisonReport, ConfigListItem, Replay, ReplayDetail, StartReplayBody } from '../../../lib/contract';

export const shadowKeys = {
  comparison: (ws: string, query: ComparisonQuery) => ['workspaces', ws, 'shadow', 'comparison', query] as const,
  replays: (ws: string) => ['workspaces', ws, 'replays'] as const,
  replay: (ws: string, id: string) => ['workspaces', ws, 'replays', id] as const,
  // The configs feature's list key: one cache entry for the same request.
  configs: (ws: string) => ['workspaces', ws, 'configs', 'list'] as const,
};

const replayPath = (ws: string, id: string, rest = '') => wsPath(ws, `/replays/${encodeURIComponent(id)}${rest}`);
const RUNNING = new Set(['queued', 'running']);

export const comparisonQuery = (ws: string, query: ComparisonQuery = {}) =>
  queryOptions({ queryKey: shadowKeys.comparison(ws, query), queryFn: () => api.get<ComparisonReport>(wsPath(ws, '/shadow/comparison'), query) });

export const replaysQuery = (ws: string) =>
  queryOptions({
    queryKey: shadowKeys.replays(ws),
    queryFn: () => api.get<Replay[]>(wsPath(ws, '/replays')),
    // Progress moves while a job runs: poll until none does.
    refetchInterval: (q) => (q.state.data?.some((j) => RUNNING.has(j.status)) ? 1_000 : false),
  });

export const replayQuery = (ws: string, id: string) =>
  queryOptions({
    queryKey: shadowKeys.replay(ws, id),
    queryFn: () => api.get<ReplayDetail>(replayPath(ws, id)),
    refetchInterval: (q) => (q.state.data && RUNNING.has(q.state.data.status) ? 1_000 : false),
  });

export const useComparison = (ws: string, query?: ComparisonQuery) => useQuery(comparisonQuery(ws, query));
export const useReplays = (ws: string) => useQuery(replaysQuery(ws));
export const useReplay = (ws: string, id: string | null) => useQuery({ ...replayQuery(ws, id ?? ''), enabled: id !== null });
export const useConfigChoices = (ws: string) => useQuery({ queryKey: shadowKeys.configs(ws), queryFn: () => api.get<ConfigListItem[]>(wsPath(ws, '/configs')) });

export function useStartReplay(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StartReplayBody) => api.post<Replay>(wsPath(ws, '/replays'), body),
    meta: { success: 'Replay started.' },
    onSuccess: () => client.invalidateQueries({ queryKey: shadowKeys.replays(ws) }),
  });
}

export function useCancelReplay(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Replay>(replayPath(ws, id, '/cancel')),
    meta: { success: 'Replay cancelled.' },
    onSuccess: () => client.invalidateQueries({ queryKey: shadowKeys.replays(ws) }),
  });
}
