/** The console's providers: theme, notifications, the query client and the router. */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { BASENAME, paths } from '../lib/paths';
import { sessionKeys } from '../features/auth/api/session';
import { createQueryClient } from './query-client';
import { createAppRouter } from './router';
import { theme } from './theme';

function createApp() {
  const router = createAppRouter();
  const queryClient = createQueryClient(() => {
    // The browser's own location: the router's may still hold the basename (/admin) at this point.
    const pathname = window.location.pathname.replace(new RegExp(`^${BASENAME}`), '') || '/';
    const search = window.location.search;
    if (pathname === paths.signIn) return;
    queryClient.removeQueries({ queryKey: sessionKeys.all });
    router.navigate(`${paths.signIn}?next=${encodeURIComponent(pathname + search)}`, { replace: true });
  });
  return { router, queryClient };
}

export function App() {
  const [{ router, queryClient }] = useState(createApp);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
