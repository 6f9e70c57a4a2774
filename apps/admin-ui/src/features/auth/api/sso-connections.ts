/**
 * SSO connections offered on the sign-in page (public endpoint). A gateway without SSO answers
 * 404: that means "no buttons", not an error.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { ApiError } from '../../../lib/api-error';
import type { SsoConnectionButton } from '../../../lib/contract';
import { sessionKeys } from './session';


export async function fetchSsoConnections(): Promise<SsoConnectionButton[]> {
  try {
    const list = await api.get<SsoConnectionButton[]>('/auth/sso/connections');
    return Array.isArray(list) ? list.filter((c) => c && typeof c.loginUrl === 'string' && typeof c.name === 'string') : [];
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
}

export const ssoConnectionsQuery = () =>
  queryOptions({ queryKey: sessionKeys.ssoConnections(), queryFn: fetchSsoConnections, staleTime: 5 * 60_000, retry: false });

export const useSsoConnections = () => useQuery(ssoConnectionsQuery());
