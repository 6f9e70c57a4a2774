import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ComparisonReport, Replay, ReplayDetail } from '../../../lib/contract';
import { fakeApi, renderPage, workspaceAs } from '../../../testing/render-app';
import ReplaysPage from './replays-page';
import ShadowPage from './shadow-page';

const side = (errorRate: number, p50: number, cost: number) => ({
  errorRate,
  p50LatencyMs: p50,
  p95LatencyMs: p50 * 2,
  p99LatencyMs: p50 * 3,
  costUsd: cost,
  promptTokens: 100,
  completionTokens: 50,
});
const row = (primary: string | null, shadow: string | null) => ({
  primary,
  shadow,
  requests: 40,
  primaryStats: side(0, 120, 0.5),
  shadowStats: side(0.25, 90, 0.05),
  agreement: 0.42,
  comparedAnswers: 30,
});
const REPORT: ComparisonReport = { total: row(null, null), byConfig: [row('pc-live-1a2b3c', 'pc-cheap-4d5e6f')], byModel: [row('gpt-4o', 'gpt-4o-mini')] };
const EMPTY: ComparisonReport = { total: null, byConfig: [], byModel: [] };

const JOB: Replay = {
  id: '00000000-0000-4000-8000-000000000001',
  targetConfigId: 'pc-cheap-4d5e6f',
  filter: { configId: 'pc-live-1a2b3c', limit: 300 },
  ratePerSecond: 20,
  status: 'running',
  total: 300,
  done: 120,
  failed: 3,
  error: null,
  createdBy: 'ada@example.com',
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: null,
};

describe('the shadow traffic page', () => {
  it('explains how to set a shadow when there is no shadow traffic', async () => {
    const { calls } = fakeApi({ 'GET /workspaces/w1/shadow/comparison': EMPTY, 'GET /workspaces/w1/configs': [] });
    renderPage(<ShadowPage />);
    expect(await screen.findByText('No shadow traffic yet')).toBeInTheDocument();
    expect(screen.getByText(/"sample_rate": 0.1/)).toBeInTheDocument();
    expect(calls).toContain('GET /workspaces/w1/shadow/comparison?source=shadow');
  });

  it('shows the primary beside its shadow: errors, latency percentiles, cost and agreement', async () => {
    fakeApi({ 'GET /workspaces/w1/shadow/comparison': REPORT, 'GET /workspaces/w1/configs': [] });
    renderPage(<ShadowPage />);
    const perConfig = await screen.findByRole('table', { name: 'Per config' });
    const cells = within(perConfig).getAllByRole('row')[1];
    expect(cells).toHaveTextContent('pc-live-1a2b3c');
    expect(cells).toHaveTextContent('→ pc-cheap-4d5e6f');
    expect(cells).toHaveTextContent('0%25%'); // error rate: primary, then shadow
    expect(cells).toHaveTextContent('120 ms90 ms'); // p50
    expect(cells).toHaveTextContent('360 ms270 ms'); // p99
    expect(cells).toHaveTextContent('$0.5000$0.0500');
    expect(cells).toHaveTextContent('42%');
    expect(within(screen.getByRole('table', { name: 'Per model' })).getByText('gpt-4o')).toBeInTheDocument();
  });

  it('shows the error in words instead of an empty state', async () => {
    fakeApi({ 'GET /workspaces/w1/shadow/comparison': new Response(JSON.stringify({ message: 'database unreachable' }), { status: 503 }), 'GET /workspaces/w1/configs': [] });
    renderPage(<ShadowPage />);
    expect(await screen.findByRole('alert', undefined, { timeout: 8_000 })).toHaveTextContent('Could not load the shadow comparison');
    expect(screen.queryByText('No shadow traffic yet')).toBeNull();
  }, 10_000);
});

describe('the shadow traffic filters', () => {
  it('narrows the comparison to one config and a period, kept in the URL', async () => {
    const { calls } = fakeApi({
      'GET /workspaces/w1/shadow/comparison': REPORT,
      'GET /workspaces/w1/configs': [{ id: 'pc-live-1a2b3c', name: 'Live', currentVersion: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }],
    });
    const { router } = renderPage(<ShadowPage />, { path: '/w/w1/shadow?config=pc-live-1a2b3c' });
    await screen.findByRole('table', { name: 'Per config' });
    expect(calls).toContain('GET /workspaces/w1/shadow/comparison?source=shadow&configId=pc-live-1a2b3c');
    fireEvent.click(screen.getByText('7 days'));
    await waitFor(() => expect(calls.some((c) => /configId=pc-live-1a2b3c&from=\d{4}-/.test(c))).toBe(true));
    expect(router.state.location.search).toBe('?config=pc-live-1a2b3c&days=7');
  });
});

describe('the replays page', () => {
  it('has an empty state and a form to start one', async () => {
    fakeApi({ 'GET /workspaces/w1/replays': [], 'GET /workspaces/w1/configs': [] });
    renderPage(<ReplaysPage />);
    expect(await screen.findByText('No replays yet')).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Start a replay' })).toBeInTheDocument();
  });

  it('lists jobs with their progress, cancels a running one, and shows the selected job’s report', async () => {
    let cancelled = false;
    const detail: ReplayDetail = { ...JOB, report: REPORT };
    const { calls } = fakeApi({
      'GET /workspaces/w1/replays': () => [{ ...JOB, ...(cancelled ? { status: 'cancelled' } : {}) }],
      'GET /workspaces/w1/configs': [],
      [`POST /workspaces/w1/replays/${JOB.id}/cancel`]: () => {
        cancelled = true;
        return { ...JOB, status: 'cancelled' };
      },
      [`GET /workspaces/w1/replays/${JOB.id}`]: detail,
    });
    renderPage(<ReplaysPage />);
    expect(await screen.findByText('120 of 300 done, 3 failed')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: `Progress of replay ${JOB.id}` })).toHaveAttribute('aria-valuenow', '40');

    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    expect(await screen.findByText('Report: 120 of 300 replayed (running)')).toBeInTheDocument();
    expect(screen.getAllByText('→ pc-cheap-4d5e6f').length).toBeGreaterThan(0);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(calls).toContain(`POST /workspaces/w1/replays/${JOB.id}/cancel`));
    expect(await screen.findByText('cancelled')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('hides starting and cancelling from viewers', async () => {
    fakeApi({ 'GET /workspaces/w1/replays': [JOB], 'GET /workspaces/w1/configs': [] });
    renderPage(<ReplaysPage />, { workspace: workspaceAs('viewer') });
    expect(await screen.findByText('120 of 300 done, 3 failed')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Start a replay' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });
});
