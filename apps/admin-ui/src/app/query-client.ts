/**
 * The QueryClient and the two behaviours set once for every request: a 401 anywhere sends the
 * browser to sign-in (the session ended or was revoked), and a failed mutation becomes a toast in
 * words unless the form shows the error itself (`meta: { silent: true }`).
 */
import { notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, isUnauthenticated } from '../lib/api-error';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { silent?: boolean; success?: string };
  }
}

export function createQueryClient(onUnauthenticated: () => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthenticated(error)) onUnauthenticated();
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        if (isUnauthenticated(error)) return onUnauthenticated();
        if (mutation.meta?.silent) return;
        notifications.show({ color: 'red', title: 'That did not work', message: errorMessage(error) });
      },
      onSuccess: (_data, _vars, _ctx, mutation) => {
        if (mutation.meta?.success) notifications.show({ color: 'teal', message: mutation.meta.success });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // Retrying a 4xx only delays the message people need to see.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
    },
  });
}
