/**
 * The auth guard: every route under it needs a session. Loads /auth/me once (cached), shows a
 * skeleton meanwhile, and sends an unauthenticated visitor to sign-in with the page to return to.
 */
import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../components/query-states';
import { isUnauthenticated } from '../lib/api-error';
import { paths } from '../lib/paths';
import { useMe } from '../features/auth/api/session';

export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center mih="100dvh">
        <Loader aria-label="Loading your session" />
      </Center>
    );
  }
  if (me.isError) {
    if (isUnauthenticated(me.error)) {
      const next = `${location.pathname}${location.search}`;
      return <Navigate to={`${paths.signIn}?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <Center mih="100dvh" p="md">
        <ErrorState error={me.error} onRetry={() => me.refetch()} title="Could not load your session" />
      </Center>
    );
  }
  return <Outlet />;
}
