import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LimitUsage, UsageLimit } from '../../../lib/contract';
import { fakeApi, renderPage, workspaceAs } from '../../../testing/render-app';
import { toBody } from '../components/limit-form-modal';
import { usageColor } from '../components/usage-bar';
import LimitsPage from './limits-page';

const AT = '2026-12-02T12:00:00.000Z';
const WS_LIMIT: UsageLimit = { id: 'l1', scope: 'workspace', scopeId: null, requestsPerMinute: 50, costPerDayUsd: 10, alertThreshold: 0.8, updatedAt: AT };
const CONFIG_LIMIT: UsageLimit = { id: 'l2', scope: 'config', scopeId: 'pc-support-1a2b', tokensPerMinute: 10_000, concurrentRequests: 4, updatedAt: AT };
const USAGE: LimitUsage[] = [
  {
    limitId: 'l1',
    scope: 'workspace',
    scopeId: null,
    requestsPerMinute: { used: 45, limit: 50 },
    costPerDayUsd: { used: 2.5, limit: 10, resetsAt: '2026-12-03T00:00:00.000Z' },
    alertThreshold: 0.8,
    measuredAt: AT,
  },
  { limitId: 'l2', scope: 'config', scopeId: 'pc-support-1a2b', tokensPerMinute: { used: 10_000, limit: 10_000 }, concurrentRequests: { used: 1, limit: 4 }, measuredAt: AT },
];
const TARGETS = {
  'GET /workspaces/w1/api-keys': [],
  'GET /workspaces/w1/virtual-keys': [],
  'GET /workspaces/w1/configs': [{ id: 'pc-support-1a2b', name: 'Support bot', currentVersion: 3, createdAt: AT, updatedAt: AT }],
};

describe('the limits page', () => {
  it('shows each limit with a bar of its current usage, named by scope, coloured by how close it is', async () => {
    fakeApi({ 'GET /workspaces/w1/limits': [WS_LIMIT, CONFIG_LIMIT], 'GET /workspaces/w1/limits/usage': USAGE, ...TARGETS });
    renderPage(<LimitsPage />);
    const workspace = await screen.findByRole('region', { name: 'Workspace' });
    expect(await within(workspace).findByText(/45 of 50/)).toBeInTheDocument();
    expect(within(workspace).getByText(/90%/)).toBeInTheDocument();
    expect(within(workspace).getByText(/\$2\.50 of \$10\.00/)).toBeInTheDocument();
    expect(within(workspace).getByText('alert at 80%')).toBeInTheDocument();
    expect(within(workspace).getByRole('progressbar', { name: /Requests per minute: 45 of 50/ })).toHaveAttribute('aria-valuenow', '90');
    // Named by the config's name once the console knows it.
    const config = await screen.findByRole('region', { name: 'Config Support bot' });
    expect(within(config).getByText(/10K of 10K/)).toBeInTheDocument();
    expect(within(config).getByText(/1 of 4/)).toBeInTheDocument();
    expect(within(config).getByRole('progressbar', { name: /Tokens per minute/ })).toHaveAttribute('aria-valuenow', '100');
    // Only the dimensions a scope limits are shown.
    expect(within(config).queryByText(/Cost today/)).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Edit' })).toHaveLength(2);
  });

  it('keeps the limits visible when usage cannot be read, and says so', async () => {
    fakeApi({
      'GET /workspaces/w1/limits': [WS_LIMIT],
      'GET /workspaces/w1/limits/usage': new Response(JSON.stringify({ status: 'failure', message: 'The limits store (Redis) cannot be read right now' }), { status: 503 }),
      ...TARGETS,
    });
    renderPage(<LimitsPage />);
    expect(await screen.findByText(/cannot be read right now/, undefined, { timeout: 8_000 })).toBeInTheDocument();
    expect(screen.getByText('limit 50')).toBeInTheDocument();
  }, 10_000);

  it('hides editing from members, who can read limits but not change them', async () => {
    fakeApi({ 'GET /workspaces/w1/limits': [WS_LIMIT], 'GET /workspaces/w1/limits/usage': USAGE, ...TARGETS });
    renderPage(<LimitsPage />, { workspace: workspaceAs('member') });
    expect(await screen.findByText(/45 of 50/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Set limits' })).toBeNull();
  });

  it('sets limits on a saved config through PUT /limits (empty fields mean no limit)', async () => {
    let sent: unknown;
    fakeApi({
      'GET /workspaces/w1/limits': [],
      'GET /workspaces/w1/limits/usage': [],
      ...TARGETS,
      'PUT /workspaces/w1/limits': (init: RequestInit | undefined) => {
        sent = JSON.parse(String(init?.body));
        return { ...CONFIG_LIMIT, id: 'l9' };
      },
    });
    renderPage(<LimitsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Set limits' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByLabelText('Applies to'));
    fireEvent.click(await screen.findByRole('option', { name: 'A saved config', hidden: true }));
    fireEvent.click(within(dialog).getByLabelText('Saved config'));
    fireEvent.click(await screen.findByRole('option', { name: 'Support bot (pc-support-1a2b)', hidden: true }));
    fireEvent.change(within(dialog).getByLabelText('Tokens per minute'), { target: { value: '10000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save limits' }));
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toEqual({
      scope: 'config',
      scopeId: 'pc-support-1a2b',
      requestsPerMinute: null,
      tokensPerMinute: 10000,
      concurrentRequests: null,
      costPerDayUsd: null,
      costPerMonthUsd: null,
      alertThreshold: null,
    });
  });

  it('turns form values into the API body, and colours usage by the alert threshold', () => {
    expect(toBody({ scope: 'workspace', scopeId: 'ignored', requestsPerMinute: '', tokensPerMinute: 5, concurrentRequests: '', costPerDayUsd: 1.5, costPerMonthUsd: '', alertPercent: 75 })).toEqual({
      scope: 'workspace',
      requestsPerMinute: null,
      tokensPerMinute: 5,
      concurrentRequests: null,
      costPerDayUsd: 1.5,
      costPerMonthUsd: null,
      alertThreshold: 0.75,
    });
    expect([usageColor(1, 10), usageColor(8, 10), usageColor(7, 10, 0.7), usageColor(10, 10)]).toEqual(['teal', 'orange', 'orange', 'red']);
  });
});
