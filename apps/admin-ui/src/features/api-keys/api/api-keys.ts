/** Gateway and admin API keys: list, create (the raw key comes back once), revoke. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, wsPath } from '../../../lib/api-client';
import type { ApiKey, CreateApiKeyBody, CreatedApiKey } from '../../../lib/contract';

export const apiKeyKeys = {
  all: (ws: string) => ['workspaces', ws, 'api-keys'] as const,
  list: (ws: string) => [...apiKeyKeys.all(ws), 'list'] as const,
};

export const apiKeysQuery = (ws: string) =>
  queryOptions({ queryKey: apiKeyKeys.list(ws), queryFn: () => api.get<ApiKey[]>(wsPath(ws, '/api-keys')) });

export const useApiKeys = (ws: string) => useQuery(apiKeysQuery(ws));

export function useCreateApiKey(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => api.post<CreatedApiKey>(wsPath(ws, '/api-keys'), body),
    meta: { silent: true },
    onSuccess: () => client.invalidateQueries({ queryKey: apiKeyKeys.all(ws) }),
  });
}

export function useRevokeApiKey(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ApiKey>(wsPath(ws, `/api-keys/${encodeURIComponent(id)}/revoke`)),
    meta: { success: 'Key revoked. Every gateway process refuses it within a second.' },
    onSuccess: () => client.invalidateQueries({ queryKey: apiKeyKeys.all(ws) }),
  });
}
