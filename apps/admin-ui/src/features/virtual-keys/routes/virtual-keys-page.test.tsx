import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { VirtualKey } from '../../../lib/contract';
import { fakeApi, json, renderPage, workspaceAs } from '../../../testing/render-app';
import VirtualKeysPage from './virtual-keys-page';

const usage = { totals: {}, rows: [] };
const KEY: VirtualKey = {
  id: 'k1',
  slug: 'openai-prod-1a2b3c',
  name: 'OpenAI prod',
  provider: 'openai',
  secretHint: 'sk-…cdef',
  secretVersion: 2,
  settings: {},
  enabled: true,
  rotatedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the virtual keys page', () => {
  it('shows an empty state that says what a virtual key is and offers to create one', async () => {
    fakeApi({ 'GET /workspaces/w1/virtual-keys': [], 'GET /workspaces/w1/analytics/usage': usage });
    renderPage(<VirtualKeysPage />);
    expect(await screen.findByText('No virtual keys yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New virtual key' })).toBeInTheDocument();
  });

  it('shows the server’s error message in words, with a retry, instead of an empty list', async () => {
    fakeApi({
      'GET /workspaces/w1/virtual-keys': json({ status: 'failure', message: 'this action needs the viewer role in the workspace' }, 403),
      'GET /workspaces/w1/analytics/usage': usage,
    });
    renderPage(<VirtualKeysPage />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load virtual keys');
    expect(alert).toHaveTextContent('this action needs the viewer role in the workspace');
    expect(alert).not.toHaveTextContent('[object Object]');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.queryByText('No virtual keys yet')).toBeNull();
  });

  it('says the gateway is unreachable when the network fails', async () => {
    fakeApi({ 'GET /workspaces/w1/virtual-keys': new TypeError('Failed to fetch'), 'GET /workspaces/w1/analytics/usage': usage });
    renderPage(<VirtualKeysPage />);
    // Network errors are retried twice before the message shows.
    expect(await screen.findByText(/Could not reach the gateway/, undefined, { timeout: 8_000 })).toBeInTheDocument();
  }, 10_000);

  it('lists keys with only the masked secret, and hides management from viewers', async () => {
    const { calls } = fakeApi({
      'GET /workspaces/w1/virtual-keys': [KEY],
      'GET /workspaces/w1/analytics/usage': usage,
      'GET /workspaces/w1/logs': { data: [], nextCursor: null },
    });
    renderPage(<VirtualKeysPage />, { workspace: workspaceAs('viewer') });
    expect(await screen.findByText('OpenAI prod')).toBeInTheDocument();
    expect(screen.getByLabelText('Masked secret')).toHaveTextContent('sk-…cdef');
    expect(screen.queryByRole('button', { name: 'New virtual key' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Actions for/ })).toBeNull();
    expect(screen.getByRole('switch', { name: 'Disable OpenAI prod' })).toBeDisabled();
    // "Last used" is the key's newest request log entry: none yet.
    expect(await screen.findByText('never')).toBeInTheDocument();
    expect(calls).toContain('GET /workspaces/w1/logs?virtualKey=openai-prod-1a2b3c&limit=1');
  });
});
