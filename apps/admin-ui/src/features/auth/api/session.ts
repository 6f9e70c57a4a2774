/** The session: who is signed in (and their workspaces), password sign-in, sign-out. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { LoginBody, LoginResponse, Me } from '../../../lib/contract';

export const sessionKeys = {
  all: ['session'] as const,
  me: () => [...sessionKeys.all, 'me'] as const,
  ssoConnections: () => [...sessionKeys.all, 'sso-connections'] as const,
};

export const meQuery = () =>
  queryOptions({
    queryKey: sessionKeys.me(),
    queryFn: () => api.get<Me>('/auth/me'),
    staleTime: 60_000,
    retry: false,
  });

export const useMe = () => useQuery(meQuery());

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post<LoginResponse>('/auth/login', body),
    // The error is shown in the form itself, not as a toast.
    meta: { silent: true },
    onSuccess: () => client.invalidateQueries({ queryKey: sessionKeys.me() }),
  });
}

/** `everywhere`: revoke every session of this person (other browsers and devices too). */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ everywhere = false }: { everywhere?: boolean } = {}) => api.post<unknown>(everywhere ? '/auth/logout-everywhere' : '/auth/logout'),
    onSettled: () => client.clear(),
  });
}
