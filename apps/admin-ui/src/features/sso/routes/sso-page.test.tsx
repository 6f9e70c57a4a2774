import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SsoConnection } from '../../../lib/contract';
import { fakeApi, renderPage } from '../../../testing/render-app';
import SsoPage from './sso-page';

const OKTA: SsoConnection = {
  id: 'c1',
  workspaceId: 'w1',
  name: 'Okta',
  issuer: 'https://acme.okta.com/oauth2/default',
  clientId: '0oa123',
  clientSecretHint: '…wxyz',
  scopes: ['openid', 'email', 'profile', 'groups'],
  groupsClaim: 'groups',
  roleMappings: [{ value: 'gateway-admins', role: 'admin' }],
  defaultRole: null,
  allowedDomains: ['acme.com'],
  enabled: true,
  verifiedAt: null,
  lastTest: { ok: true, at: '2026-01-01T00:00:00.000Z', email: 'ada@acme.com', groups: ['gateway-admins'], role: 'admin', claims: { sub: 'u1', email: 'ada@acme.com' } },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the SSO settings page', () => {
  it('shows what the IdP returned on the last test, and keeps password sign-in on until SSO has worked', async () => {
    fakeApi({
      'GET /workspaces/w1/sso/connections': { redirectUri: 'https://gw.example.com/admin/api/v1/auth/sso/callback', connections: [OKTA] },
      'GET /workspaces/w1/sso/settings': { passwordLogin: true, ssoVerified: false },
    });
    renderPage(<SsoPage />);
    const result = await screen.findByTestId('sso-test-result');
    expect(result).toHaveTextContent('test passed');
    expect(result).toHaveTextContent('ada@acme.com → role admin');
    expect(result).toHaveTextContent('gateway-admins');
    expect(screen.getByText('https://gw.example.com/admin/api/v1/auth/sso/callback')).toBeInTheDocument();
    expect(await screen.findByRole('switch', { name: /Allow password sign-in/ })).toBeDisabled();
  });

  it('checks a new connection with the server’s schema before sending it', async () => {
    const { calls } = fakeApi({
      'GET /workspaces/w1/sso/connections': { redirectUri: 'https://gw.example.com/cb', connections: [] },
      'GET /workspaces/w1/sso/settings': { passwordLogin: true, ssoVerified: false },
    });
    renderPage(<SsoPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add a connection' }));
    await userEvent.type(await screen.findByLabelText(/^Name/), 'Corp IdP');
    await userEvent.type(screen.getByLabelText(/^Issuer URL/), 'http://idp.example.com');
    await userEvent.type(screen.getByLabelText(/^Client id/), 'client');
    await userEvent.type(screen.getByLabelText(/^Client secret/), 'secret');
    await userEvent.click(screen.getByRole('button', { name: 'Add connection' }));
    expect(await screen.findByText(/must be an https URL/)).toBeInTheDocument();
    expect(calls.some((c) => c.startsWith('POST'))).toBe(false);
  });
});
