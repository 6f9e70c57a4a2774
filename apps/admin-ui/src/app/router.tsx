/**
 * Every console URL (under /admin/). Pages are lazy chunks so the sign-in page and the shell load
 * first; the gateway answers index.html for any of these paths, so deep links survive a reload.
 */
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { EmptyPanel } from '../components/query-states';
import { BASENAME, paths } from '../lib/paths';
import { SignInPage } from '../features/auth/routes/sign-in-page';
import { HomeRedirect } from './home-redirect';
import { RequireSession } from './require-session';
import { WorkspaceLayout } from './shell/workspace-layout';

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({ Component: (await load()).default });

export const routes: RouteObject[] = [
  { path: paths.signIn, element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'w/:workspaceId',
        element: <WorkspaceLayout />,
        children: [
          { index: true, element: <Navigate to="overview" replace /> },
          { path: 'overview', lazy: page(() => import('../features/overview/routes/overview-page')) },
          { path: 'logs', lazy: page(() => import('../features/logs/routes/logs-page')) },
          { path: 'configs', lazy: page(() => import('../features/configs/routes/configs-page')) },
          { path: 'configs/new', lazy: page(() => import('../features/configs/routes/new-config-page')) },
          { path: 'configs/:configId', lazy: page(() => import('../features/configs/routes/config-page')) },
          { path: 'playground', lazy: page(() => import('../features/configs/routes/playground-page')) },
          { path: 'virtual-keys', lazy: page(() => import('../features/virtual-keys/routes/virtual-keys-page')) },
          { path: 'api-keys', lazy: page(() => import('../features/api-keys/routes/api-keys-page')) },
          { path: 'members', lazy: page(() => import('../features/members/routes/members-page')) },
          { path: 'limits', lazy: page(() => import('../features/limits/routes/limits-page')) },
          { path: 'settings', lazy: page(() => import('../features/workspace-settings/routes/settings-page')) },
          { path: 'settings/sso', lazy: page(() => import('../features/sso/routes/sso-page')) },
          { path: 'audit', lazy: page(() => import('../features/audit/routes/audit-page')) },
          { path: 'shadow', lazy: page(() => import('../features/shadow/routes/shadow-page')) },
          { path: 'replays', lazy: page(() => import('../features/shadow/routes/replays-page')) },
          { path: '*', element: <EmptyPanel title="Page not found">There is no such page in this workspace.</EmptyPanel> },
        ],
      },
      // Where the server sends a finished SSO test sign-in when no page was named.
      { path: 'settings/sso', element: <HomeRedirect section="settings/sso" /> },
      { path: '*', element: <EmptyPanel title="Page not found">Check the address, or go back to the overview.</EmptyPanel> },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes, { basename: BASENAME });
