/** Virtual keys: fetchers, query keys and mutations (each mutation refreshes the list). */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, wsPath } from '../../../lib/api-client';
import type { LogPage, CreateVirtualKeyBody, RotateVirtualKeyBody, UpdateVirtualKeyBody, Usage, VirtualKey } from '../../../lib/contract';

export const virtualKeyKeys = {
  all: (ws: string) => ['workspaces', ws, 'virtual-keys'] as const,
  list: (ws: string) => [...virtualKeyKeys.all(ws), 'list'] as const,
  usage: (ws: string) => [...virtualKeyKeys.all(ws), 'usage-30d'] as const,
  lastUsed: (ws: string, slug: string) => [...virtualKeyKeys.all(ws), 'last-used', slug] as const,
};

export const virtualKeysQuery = (ws: string) =>
  queryOptions({ queryKey: virtualKeyKeys.list(ws), queryFn: () => api.get<VirtualKey[]>(wsPath(ws, '/virtual-keys')) });

export const useVirtualKeys = (ws: string) => useQuery(virtualKeysQuery(ws));

/** Requests per virtual key over the last 30 days (the list's "usage" column). */
export const useVirtualKeyUsage = (ws: string) =>
  useQuery({
    queryKey: virtualKeyKeys.usage(ws),
    queryFn: async () => {
      const usage = await api.get<Usage>(wsPath(ws, '/analytics/usage'), { groupBy: 'virtualKey' });
      return new Map(usage.rows.filter((r) => r.key).map((r) => [r.key!, r]));
    },
    staleTime: 60_000,
  });

/**
 * When a key last served a request: its newest request-log entry (one indexed row per key; the
 * API has no "last used" column for virtual keys).
 */
export const useVirtualKeyLastUsed = (ws: string, slug: string) =>
  useQuery({
    queryKey: virtualKeyKeys.lastUsed(ws, slug),
    queryFn: async () => (await api.get<LogPage>(wsPath(ws, '/logs'), { virtualKey: slug, limit: 1 })).data[0]?.createdAt ?? null,
    staleTime: 60_000,
  });

function useInvalidate(ws: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: virtualKeyKeys.all(ws) });
}

export function useCreateVirtualKey(ws: string) {
  const invalidate = useInvalidate(ws);
  return useMutation({
    mutationFn: (body: CreateVirtualKeyBody) => api.post<VirtualKey>(wsPath(ws, '/virtual-keys'), body),
    meta: { silent: true },
    onSuccess: invalidate,
  });
}

export function useUpdateVirtualKey(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ slug, body }: { slug: string; body: UpdateVirtualKeyBody }) =>
      api.patch<VirtualKey>(wsPath(ws, `/virtual-keys/${encodeURIComponent(slug)}`), body),
    // Enable/disable flips at once; the server's answer (or the rollback) settles it.
    onMutate: async ({ slug, body }) => {
      await client.cancelQueries({ queryKey: virtualKeyKeys.list(ws) });
      const before = client.getQueryData<VirtualKey[]>(virtualKeyKeys.list(ws));
      client.setQueryData<VirtualKey[]>(virtualKeyKeys.list(ws), (list) => list?.map((k) => (k.slug === slug ? { ...k, ...(body.enabled === undefined ? {} : { enabled: body.enabled }) } : k)));
      return { before };
    },
    onError: (_error, _vars, context) => client.setQueryData(virtualKeyKeys.list(ws), context?.before),
    onSettled: () => client.invalidateQueries({ queryKey: virtualKeyKeys.all(ws) }),
  });
}

export function useRotateVirtualKey(ws: string) {
  const invalidate = useInvalidate(ws);
  return useMutation({
    mutationFn: ({ slug, body }: { slug: string; body: RotateVirtualKeyBody }) =>
      api.post<VirtualKey>(wsPath(ws, `/virtual-keys/${encodeURIComponent(slug)}/rotate`), body),
    meta: { silent: true, success: 'Secret rotated; the slug and every config using it are unchanged.' },
    onSuccess: invalidate,
  });
}

export function useDeleteVirtualKey(ws: string) {
  const invalidate = useInvalidate(ws);
  return useMutation({
    mutationFn: (slug: string) => api.delete(wsPath(ws, `/virtual-keys/${encodeURIComponent(slug)}`)),
    meta: { success: 'Virtual key deleted.' },
    onSuccess: invalidate,
  });
}
