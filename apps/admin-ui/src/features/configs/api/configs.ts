/** Saved configs and their versions: every save is a new version; restore appends a copy. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, wsPath } from '../../../lib/api-client';
import type { Config, ConfigListItem, ConfigVersion, CreateConfigBody, UpdateConfigBody } from '../../../lib/contract';

export const configKeys = {
  all: (ws: string) => ['workspaces', ws, 'configs'] as const,
  list: (ws: string) => [...configKeys.all(ws), 'list'] as const,
  detail: (ws: string, id: string) => [...configKeys.all(ws), 'detail', id] as const,
  version: (ws: string, id: string, version: number) => [...configKeys.all(ws), 'detail', id, 'version', version] as const,
};

const configPath = (ws: string, id: string, rest = '') => wsPath(ws, `/configs/${encodeURIComponent(id)}${rest}`);

export const configsQuery = (ws: string) => queryOptions({ queryKey: configKeys.list(ws), queryFn: () => api.get<ConfigListItem[]>(wsPath(ws, '/configs')) });
export const configQuery = (ws: string, id: string) => queryOptions({ queryKey: configKeys.detail(ws, id), queryFn: () => api.get<Config>(configPath(ws, id)) });
// Versions never change once written.
export const configVersionQuery = (ws: string, id: string, version: number) =>
  queryOptions({ queryKey: configKeys.version(ws, id, version), queryFn: () => api.get<ConfigVersion>(configPath(ws, id, `/versions/${version}`)), staleTime: Infinity });

export const useConfigs = (ws: string) => useQuery(configsQuery(ws));
export const useConfig = (ws: string, id: string) => useQuery(configQuery(ws, id));
export const useConfigVersion = (ws: string, id: string, version: number | null) =>
  useQuery({ ...configVersionQuery(ws, id, version ?? 0), enabled: version !== null });

export function useCreateConfig(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateConfigBody) => api.post<Config>(wsPath(ws, '/configs'), body),
    meta: { silent: true },
    onSuccess: (config) => {
      client.setQueryData(configKeys.detail(ws, config.id), config);
      return client.invalidateQueries({ queryKey: configKeys.list(ws) });
    },
  });
}

export function useUpdateConfig(ws: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateConfigBody) => api.patch<Config>(configPath(ws, id), body),
    meta: { silent: true },
    onSuccess: (config) => {
      client.setQueryData(configKeys.detail(ws, id), config);
      return client.invalidateQueries({ queryKey: configKeys.list(ws) });
    },
  });
}

export function useRestoreConfigVersion(ws: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post<Config>(configPath(ws, id, `/versions/${version}/restore`)),
    meta: { success: 'Version restored as the new current version.' },
    onSuccess: (config) => {
      client.setQueryData(configKeys.detail(ws, id), config);
      return client.invalidateQueries({ queryKey: configKeys.list(ws) });
    },
  });
}

export function useDeleteConfig(ws: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(configPath(ws, id)),
    meta: { success: 'Config deleted.' },
    onSuccess: () => client.invalidateQueries({ queryKey: configKeys.all(ws) }),
  });
}
