/**
 * The providers the gateway routes to (GET /providers), plug-ins loaded at its start-up included:
 * what the virtual-key forms offer. Fixed while the gateway runs, so fetched once per session.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ProviderCatalogEntry } from '../../../lib/contract';

export const providerKeys = { all: ['providers'] as const };

export const providersQuery = () =>
  queryOptions({ queryKey: providerKeys.all, queryFn: () => api.get<ProviderCatalogEntry[]>('/providers'), staleTime: Infinity });

/** `enabled`: fetch only once a form that needs the list opens. */
export const useProviders = (enabled = true) => useQuery({ ...providersQuery(), enabled });
