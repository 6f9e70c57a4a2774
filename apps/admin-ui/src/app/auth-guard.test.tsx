import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '../testing/render-app';
import { createQueryClient } from './query-client';
import { routes } from './router';
import { theme } from './theme';

function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={createQueryClient(() => {})}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return router;
}

const unauthenticated = json({ status: 'failure', message: 'an admin session or admin API key is required' }, 401);

describe('the auth guard and sign-in', () => {
  it('sends a visitor without a session to sign-in, remembering the deep link', async () => {
    fakeApi({ 'GET /auth/me': unauthenticated, 'GET /auth/sso/connections': json({ status: 'failure', message: 'not found' }, 404) });
    const router = renderApp('/w/w1/logs?status=5xx');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/w/w1/logs?status=5xx');
    // A 404 from the SSO endpoint means "no SSO": no buttons, no error.
    expect(screen.queryByText(/Sign in with/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says "wrong email or password" in words on a 401 from login', async () => {
    fakeApi({ 'POST /auth/login': unauthenticated, 'GET /auth/sso/connections': [] });
    renderApp('/sign-in');
    await userEvent.type(await screen.findByLabelText('Email'), 'a@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
  });

  it('offers one button per SSO connection', async () => {
    fakeApi({ 'GET /auth/sso/connections': [{ id: 'c1', name: 'Okta', loginUrl: '/admin/api/v1/auth/sso/c1/login' }] });
    // The server's login route takes the page to come back to as `returnTo`, a path under /admin/.
    renderApp('/sign-in?next=%2Fw%2Fw1%2Flogs');
    const link = await screen.findByRole('link', { name: 'Sign in with Okta' });
    expect(link).toHaveAttribute('href', '/admin/api/v1/auth/sso/c1/login?returnTo=%2Fadmin%2Fw%2Fw1%2Flogs');
  });

  it('shows the IdP’s reason when SSO sent the user back with an error', async () => {
    fakeApi({ 'GET /auth/sso/connections': [] });
    renderApp('/sign-in?error=state_mismatch&error_description=the%20sign-in%20state%20did%20not%20match');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Single sign-on failed.');
    expect(alert).toHaveTextContent('The sign-in state did not match.');
  });
});
