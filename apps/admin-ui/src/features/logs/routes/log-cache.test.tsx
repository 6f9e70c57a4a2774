import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LogDetail } from '../../../lib/contract';
import { fakeApi, renderPage } from '../../../testing/render-app';
import LogsPage from './logs-page';

const hit: LogDetail = {
  id: '42',
  createdAt: '2026-01-01T10:00:00.000Z',
  traceId: 'trace-42',
  workspaceId: 'w1',
  apiKeyId: null,
  virtualKeySlug: null,
  configId: null,
  configVersion: null,
  provider: 'openai',
  model: 'gpt-4o',
  method: 'POST',
  path: '/v1/chat/completions',
  status: 200,
  latencyMs: 1,
  ttfbMs: 1,
  gatewayOverheadMs: 0,
  retryCount: 0,
  targetPath: 'config',
  cacheStatus: 'HIT',
  promptTokens: 1000,
  completionTokens: 100,
  cachedTokens: 0,
  costUsd: 0,
  costSavedUsd: 0.0035,
  stream: false,
  errorMessage: null,
  metadata: null,
  requestBody: null,
  responseBody: null,
} as unknown as LogDetail;

describe('a request served from the response cache', () => {
  it('shows its cache status and the cost it saved in the log drawer', async () => {
    fakeApi({ 'GET /workspaces/w1/logs': { data: [], nextCursor: null }, 'GET /workspaces/w1/logs/42': hit });
    renderPage(<LogsPage />, { path: '/w/w1/logs?log=42' });
    const saved = await screen.findByText('Cost saved by the cache');
    expect(within(saved.parentElement!).getByText(/0\.0035/)).toBeInTheDocument();
    expect(screen.getByText('HIT')).toBeInTheDocument();
  });
});
