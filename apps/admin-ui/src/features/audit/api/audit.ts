/** The audit log: admin writes, newest first, paged by id. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, wsPath } from '../../../lib/api-client';
import type { AuditPage } from '../../../lib/contract';

export const auditKeys = {
  all: (ws: string) => ['workspaces', ws, 'audit'] as const,
};

export const auditQuery = (ws: string) =>
  infiniteQueryOptions({
    queryKey: auditKeys.all(ws),
    queryFn: ({ pageParam }) => api.get<AuditPage>(wsPath(ws, '/audit-logs'), { limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useAuditLog = (ws: string) => useInfiniteQuery(auditQuery(ws));
