/** SSO connections of a workspace, their test sign-in, and the password sign-in switch (owners). */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, wsPath } from '../../../lib/api-client';
import type { CreateSsoConnectionBody, SsoConnection, SsoConnections, SsoSettings, SsoTestStart, UpdateSsoConnectionBody } from '../../../lib/contract';

export const ssoKeys = {
  all: (ws: string) => ['workspaces', ws, 'sso'] as const,
  connections: (ws: string) => [...ssoKeys.all(ws), 'connections'] as const,
  settings: (ws: string) => [...ssoKeys.all(ws), 'settings'] as const,
};

export const ssoConnectionsQuery = (ws: string) =>
  queryOptions({ queryKey: ssoKeys.connections(ws), queryFn: () => api.get<SsoConnections>(wsPath(ws, '/sso/connections')) });
export const ssoSettingsQuery = (ws: string) => queryOptions({ queryKey: ssoKeys.settings(ws), queryFn: () => api.get<SsoSettings>(wsPath(ws, '/sso/settings')) });

export const useSsoConnections = (ws: string) => useQuery(ssoConnectionsQuery(ws));
export const useSsoSettings = (ws: string) => useQuery(ssoSettingsQuery(ws));

function useInvalidate(ws: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ssoKeys.all(ws) });
}

export function useSaveSsoConnection(ws: string) {
  const invalidate = useInvalidate(ws);
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateSsoConnectionBody | UpdateSsoConnectionBody }) =>
      id ? api.patch<SsoConnection>(wsPath(ws, `/sso/connections/${encodeURIComponent(id)}`), body) : api.post<SsoConnection>(wsPath(ws, '/sso/connections'), body),
    meta: { silent: true, success: 'Connection saved.' },
    onSuccess: invalidate,
  });
}

export function useDeleteSsoConnection(ws: string) {
  const invalidate = useInvalidate(ws);
  return useMutation({
    mutationFn: (id: string) => api.delete(wsPath(ws, `/sso/connections/${encodeURIComponent(id)}`)),
    meta: { success: 'Connection deleted.' },
    onSuccess: invalidate,
  });
}

/** Starts a test sign-in; the page then sends the browser to the IdP. */
export function useTestSsoConnection(ws: string) {
  return useMutation({
    mutationFn: ({ id, returnTo }: { id: string; returnTo: string }) =>
      api.post<SsoTestStart>(wsPath(ws, `/sso/connections/${encodeURIComponent(id)}/test`), { returnTo }),
  });
}

export function useSetPasswordLogin(ws: string) {
  const invalidate = useInvalidate(ws);
  return useMutation({
    mutationFn: (passwordLogin: boolean) => api.patch<SsoSettings>(wsPath(ws, '/sso/settings'), { passwordLogin }),
    meta: { success: 'Sign-in settings saved.' },
    onSuccess: invalidate,
  });
}
