/**
 * Renders a page the way the app does (Mantine, a fresh QueryClient with the app's error
 * behaviour, a router at `path`, the workspace and role in context), with `fetch` answered by
 * `routes`: `"GET /workspaces/w1/virtual-keys": [...]`, a Response, or an Error to throw.
 */
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { vi } from 'vitest';
import { createQueryClient } from '../app/query-client';
import { theme } from '../app/theme';
import { permissionsOf } from '@gateway/control-plane/auth/permissions.js';
import type { Workspace } from '../lib/contract';
import { CurrentWorkspaceContext } from '../lib/workspace';

export type FakeAnswer = unknown | Response | Error | ((init: RequestInit | undefined) => unknown);

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Stubs global fetch; unknown requests fail the test loudly with a 599. */
export function fakeApi(routes: Record<string, FakeAnswer>) {
  const calls: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://console.test');
    const key = `${init?.method ?? 'GET'} ${url.pathname.replace('/admin/api/v1', '')}`;
    calls.push(`${key}${url.search}`);
    const answer = routes[key];
    if (answer === undefined) return json({ status: 'failure', message: `no fake for ${key}` }, 599);
    const value = typeof answer === 'function' ? (answer as (i?: RequestInit) => unknown)(init) : answer;
    if (value instanceof Error) throw value;
    if (value instanceof Response) return value.clone();
    return json(value);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

/** A workspace as GET /auth/me describes it, with the permissions the server's own table grants `role`. */
export function workspaceAs(role: Workspace['role']): Workspace {
  return { id: 'w1', name: 'Acme', logBodies: false, inboundRules: null, role, permissions: permissionsOf(role), createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
}

export const WORKSPACE = workspaceAs('owner');

export function renderPage(element: ReactElement, options: { path?: string; pattern?: string; workspace?: Workspace; extraRoutes?: RouteObject[] } = {}) {
  const queryClient = createQueryClient(() => {});
  const router = createMemoryRouter(
    [
      {
        path: options.pattern ?? '/w/:workspaceId/*',
        element: <CurrentWorkspaceContext.Provider value={options.workspace ?? WORKSPACE}>{element}</CurrentWorkspaceContext.Provider>,
      },
      ...(options.extraRoutes ?? []),
    ],
    { initialEntries: [options.path ?? '/w/w1/page'] },
  );
  const view = render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...view, router, queryClient };
}
