import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../lib/contract';
import { fakeApi, renderPage } from '../../../testing/render-app';
import LogsPage from './logs-page';

const entry = (id: string): LogEntry => ({
  id,
  createdAt: '2026-01-01T10:00:00.000Z',
  traceId: `trace-${id}`,
  apiKeyId: null,
  virtualKeySlug: 'openai-prod',
  configId: 'pc-chat-1',
  configVersion: 1,
  provider: 'openai',
  model: 'gpt-4o-mini',
  method: 'POST',
  path: '/v1/chat/completions',
  status: 200,
  latencyMs: 120,
  ttfbMs: 100,
  gatewayOverheadMs: 1,
  retryCount: 0,
  targetPath: 'config',
  cacheStatus: null,
  promptTokens: 5,
  completionTokens: 7,
  cachedTokens: 0,
  costUsd: 0.00001,
  stream: false,
  errorMessage: null,
  metadata: null,
});

describe('the logs page', () => {
  it('sends the URL’s filters to the API and pages on with the cursor', async () => {
    const { calls } = fakeApi({
      'GET /workspaces/w1/logs': (() => {
        let page = 0;
        return () => (page++ === 0 ? { data: [entry('2')], nextCursor: 'CURSOR-1' } : { data: [entry('1')], nextCursor: null });
      })(),
    });
    renderPage(<LogsPage />, { path: '/w/w1/logs?status=5xx&provider=openai&window=all' });
    expect(await screen.findAllByTestId('log-row')).toHaveLength(1);
    const first = new URLSearchParams(calls[0]!.split('?')[1]);
    expect(first.get('status')).toBe('5xx');
    expect(first.get('provider')).toBe('openai');
    expect(first.get('from')).toBeNull(); // "all time"
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findAllByTestId('log-row')).toHaveLength(2);
    expect(new URLSearchParams(calls[1]!.split('?')[1]).get('cursor')).toBe('CURSOR-1');
    expect(screen.getByText(/end of results/)).toBeInTheDocument();
  });

  it('tells an empty result apart from a failure', async () => {
    fakeApi({ 'GET /workspaces/w1/logs': { data: [], nextCursor: null } });
    renderPage(<LogsPage />, { path: '/w/w1/logs' });
    expect(await screen.findByText('No requests match')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
