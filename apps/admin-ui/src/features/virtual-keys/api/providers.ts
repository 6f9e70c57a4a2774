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

export const useProviders = () => useQuery(providersQuery());
