/** Request logs: keyset-paginated search (newest first) and one entry with its details. */
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, wsPath } from '../../../lib/api-client';
import type { LogDetail, LogPage, LogSearchQuery } from '../../../lib/contract';

export const logKeys = {
  all: (ws: string) => ['workspaces', ws, 'logs'] as const,
  search: (ws: string, filters: LogSearchQuery) => [...logKeys.all(ws), 'search', filters] as const,
  detail: (ws: string, id: string) => [...logKeys.all(ws), 'detail', id] as const,
};

export const PAGE_SIZE = 50;

export const logSearchQuery = (ws: string, filters: LogSearchQuery) =>
  infiniteQueryOptions({
    queryKey: logKeys.search(ws, filters),
    queryFn: ({ pageParam }) => api.get<LogPage>(wsPath(ws, '/logs'), { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** `live`: poll every 5 s while the page is visible (TanStack pauses in background tabs). */
export const useLogSearch = (ws: string, filters: LogSearchQuery, live: boolean) =>
  useInfiniteQuery({ ...logSearchQuery(ws, filters), refetchInterval: live ? 5_000 : false });

export const logDetailQuery = (ws: string, id: string) =>
  queryOptions({ queryKey: logKeys.detail(ws, id), queryFn: () => api.get<LogDetail>(wsPath(ws, `/logs/${encodeURIComponent(id)}`)), staleTime: Infinity });

export const useLogDetail = (ws: string, id: string | null) => useQuery({ ...logDetailQuery(ws, id ?? ''), enabled: id !== null });
