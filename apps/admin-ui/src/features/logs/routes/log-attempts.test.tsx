import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LogDetail } from '../../../lib/contract';
import { fakeApi, renderPage } from '../../../testing/render-app';
import LogsPage from './logs-page';

const base = {
  createdAt: '2026-01-01T10:00:00.000Z',
  workspaceId: 'w1',
  apiKeyId: null,
  virtualKeySlug: null,
  configId: null,
  configVersion: null,
  provider: 'openai',
  model: 'fast',
  method: 'POST',
  path: '/v1/chat/completions',
  status: 200,
  latencyMs: 120,
  ttfbMs: 120,
  gatewayOverheadMs: 1,
  retryCount: 0,
  targetPath: 'config.targets[1]',
  cacheStatus: 'DISABLED',
  promptTokens: 10,
  completionTokens: 5,
  cachedTokens: 0,
  costUsd: 0.0001,
  stream: false,
  errorMessage: null,
  metadata: null,
  requestBody: null,
  responseBody: null,
};

const hedged = {
  ...base,
  id: '7',
  traceId: 'trace-7',
  attempts: [
    { target: 'config.targets[0]', retry: 0, provider: 'openai', model: 'slow', latencyMs: 150, outcome: 'aborted', raced: true },
    { target: 'config.targets[1]', retry: 0, provider: 'openai', model: 'fast', status: 200, latencyMs: 20, outcome: 'won', raced: true },
  ],
} as unknown as LogDetail;

const single = { ...base, id: '8', traceId: 'trace-8', attempts: null } as unknown as LogDetail;

describe('the attempts of a request in the log drawer', () => {
  it('lists each attempt with its target, provider and model, status and outcome', async () => {
    fakeApi({ 'GET /workspaces/w1/logs': { data: [], nextCursor: null }, 'GET /workspaces/w1/logs/7': hedged });
    renderPage(<LogsPage />, { path: '/w/w1/logs?log=7' });
    const table = await screen.findByRole('table', { name: 'Attempts' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('config.targets[0]')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('openai / slow')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('aborted')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('openai / fast')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('200')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('won')).toBeInTheDocument();
  });

  it('shows no attempts section for a request that made one call', async () => {
    fakeApi({ 'GET /workspaces/w1/logs': { data: [], nextCursor: null }, 'GET /workspaces/w1/logs/8': single });
    renderPage(<LogsPage />, { path: '/w/w1/logs?log=8' });
    await screen.findByText('trace-8');
    expect(screen.queryByRole('table', { name: 'Attempts' })).not.toBeInTheDocument();
  });
});
