/**
 * GET /metrics after mixed traffic: plain JSON answers, streams, a provider error, a retry, a
 * fallback, a rate-limit refusal and a model the price table does not know. Each counter and
 * histogram moved by exactly what that traffic implies (deltas between two scrapes), labels stay
 * in their closed sets, and the endpoint wants GATEWAY_METRICS_TOKEN.
 */
import { jest } from '@jest/globals';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { PricingTable } from '../../src/control-plane/request-logs/pricing.js';
import { LimitsCache } from '../../src/limits/limits.cache.js';
import { UsageLimitsService } from '../../src/limits/usage-limits.service.js';
import { TEST_ACTOR, type SeededWorkspace, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { type ControlPlaneGateway, startControlPlaneGateway } from '../gateway-control-plane/support/control-plane-gateway.js';
import { parseExposition, type Sample, valueOf } from './scrape.js';

jest.setTimeout(60_000);
const TOKEN = 'metrics-token-for-the-test';

let db: TestDatabase;
let mock: MockProvider;
let gateway: ControlPlaneGateway;
let limited: SeededWorkspace;

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider({ port: 0 });
  gateway = await startControlPlaneGateway(db.url, { gateway: { metricsToken: TOKEN } });
  limited = await gateway.seed('Limited');
  await gateway.get(UsageLimitsService).put(limited.workspaceId, { scope: 'workspace', requestsPerMinute: 2 }, TEST_ACTOR);
  await waitFor(() => gateway.get(LimitsCache).forWorkspace(limited.workspaceId) !== undefined);
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
  await db?.drop();
});

async function scrape(): Promise<Sample[]> {
  const response = await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseExposition(await response.text());
}

async function chat(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portkey-provider': 'openai', authorization: 'Bearer sk-metrics', 'x-portkey-custom-host': `${mock.url}/v1`, ...headers },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'count me' }], ...body }),
  });
  return { status: response.status, text: await response.text() };
}

it('refuses a scrape without the token', async () => {
  const response = await fetch(`${gateway.url}/metrics`);
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({ status: 'failure', message: expect.stringContaining('GATEWAY_METRICS_TOKEN') });
  expect((await fetch(`${gateway.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
});

it('counters and histograms move by what the traffic implies', async () => {
  const before = await scrape();
  mock.scenario('gpt-4o', [{ status: 503 }, {}]); // one retry, then an answer
  mock.scenario('gpt-4.1', [{ status: 500 }], { repeatLast: true }); // always fails: the fallback answers
  mock.scenario('gpt-4.1-nano', [{ status: 500 }], { repeatLast: true }); // a plain provider error

  const answers = await Promise.all([
    chat({ model: 'gpt-4o-mini' }),
    chat({ model: 'gpt-4o-mini' }),
    chat({ model: 'gpt-4o-mini' }),
    chat({ model: 'gpt-4o-mini', stream: true }),
    chat({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true } }),
    chat({ model: 'ft:private-finetune-7' }),
    chat({ model: 'gpt-4.1-nano' }),
  ]);
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 500]);
  const retried = await chat({ model: 'gpt-4o' }, { 'x-portkey-config': JSON.stringify({ retry: { attempts: 2 } }) });
  expect(retried.status).toBe(200);
  const fellBack = await chat(
    { model: 'gpt-4.1' },
    {
      'x-portkey-config': JSON.stringify({
        strategy: { mode: 'fallback' },
        targets: [
          { provider: 'openai', api_key: 'sk-a', custom_host: `${mock.url}/v1` },
          { provider: 'openai', api_key: 'sk-b', custom_host: `${mock.url}/v1`, override_params: { model: 'gpt-4.1-mini' } },
        ],
      }),
    },
  );
  expect(fellBack.status).toBe(200);
  const limitedAnswers = [];
  for (let i = 0; i < 3; i++) limitedAnswers.push((await chat({ model: 'gpt-4o-mini' }, { 'x-portkey-api-key': limited.apiKey })).status);
  expect(limitedAnswers).toEqual([200, 200, 429]);

  const after = await scrape();
  const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
  const chatLabels = { provider: 'openai', endpoint: 'chatComplete' };

  // 3 JSON + 2 streams + 2 of the limited workspace answered with gpt-4o-mini; the third was refused.
  expect(delta('gateway_requests_total', { ...chatLabels, model: 'gpt-4o-mini', status: '200' })).toBe(7);
  expect(delta('gateway_requests_total', { model: 'gpt-4o-mini', status: '429' })).toBe(1);
  expect(delta('gateway_requests_total', { ...chatLabels, model: 'other', status: '200' })).toBe(1); // the fine-tune, folded
  expect(delta('gateway_requests_total', { ...chatLabels, model: 'gpt-4.1-nano', status: '500' })).toBe(1);
  expect(delta('gateway_requests_total', { ...chatLabels, model: 'gpt-4o', status: '200' })).toBe(1);
  expect(delta('gateway_requests_total', { ...chatLabels, model: 'gpt-4.1-mini', status: '200' })).toBe(1);
  expect(delta('gateway_requests_total')).toBe(12);

  expect(delta('gateway_retries_total', { provider: 'openai' })).toBe(1);
  expect(delta('gateway_fallbacks_total', { provider: 'openai' })).toBe(1);
  expect(delta('gateway_rate_limit_rejections_total', { limit: 'requests' })).toBe(1);

  // Every answered request is one observation of latency and overhead; those written to the client have a TTFB.
  expect(delta('gateway_request_duration_seconds_count')).toBe(12);
  expect(delta('gateway_overhead_seconds_count', { endpoint: 'chatComplete' })).toBe(12);
  expect(delta('gateway_time_to_first_byte_seconds_count')).toBe(12);
  // The 429 never reached a provider: it is counted under provider "unknown".
  expect(delta('gateway_time_to_first_byte_seconds_count', chatLabels)).toBe(11);
  expect(delta('gateway_request_duration_seconds_bucket', { ...chatLabels, le: '+Inf' })).toBe(11);

  // Tokens and cost of the gpt-4o-mini answers that reported usage, priced by the request-log table.
  const mini = 'gpt-4o-mini';
  const prompt = delta('gateway_tokens_total', { provider: 'openai', model: mini, kind: 'prompt' });
  const completion = delta('gateway_tokens_total', { provider: 'openai', model: mini, kind: 'completion' });
  expect(prompt).toBeGreaterThan(0);
  expect(completion).toBeGreaterThan(0);
  const usd = new PricingTable().cost('openai', mini, { promptTokens: prompt, completionTokens: completion })!;
  expect(delta('gateway_cost_usd_total', { provider: 'openai', model: mini })).toBeCloseTo(usd, 9);

  // The process's own health: event-loop lag, memory, the request log's queue.
  expect(valueOf(after, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  expect(valueOf(after, 'process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
  expect(after.some((s) => s.name === 'gateway_request_log_queue_depth')).toBe(true);
  expect(after.some((s) => s.name === 'gateway_request_log_dropped_total')).toBe(true);
  expect(after.filter((s) => s.name === 'gateway_circuit_breakers').map((s) => s.labels.state).sort()).toEqual(['closed', 'half-open', 'open']);

  // Label values stay in closed sets: no trace ids, keys, hosts or caller-chosen model names.
  const models = new Set(after.filter((s) => s.name === 'gateway_requests_total').map((s) => s.labels.model));
  expect([...models].sort()).toEqual(['gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-4o', 'gpt-4o-mini', 'other']);
});

it('the Grafana dashboard (docker/grafana-dashboard.json) queries only metrics the gateway exposes', async () => {
  const { readFileSync } = await import('node:fs');
  const dashboard = readFileSync(new URL('../../../../docker/grafana-dashboard.json', import.meta.url), 'utf8');
  const queried = new Set([...dashboard.matchAll(/\b((?:gateway|nodejs|process)_[a-z0-9_]+)/g)].map((m) => m[1]));
  expect(queried.size).toBeGreaterThan(10);
  // Families the registry declares (# TYPE lines), so a metric counts even before its first sample.
  const text = await (await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const families = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
  const exposed = (name: string) => families.has(name) || families.has(name.replace(/_(bucket|count|sum)$/, ''));
  for (const name of queried) expect({ name, exposed: exposed(name) }).toEqual({ name, exposed: true });
});
