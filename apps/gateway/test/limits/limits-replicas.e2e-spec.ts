/**
 * Rate limits and budgets end to end, over real HTTP: two gateways sharing Postgres and Redis
 * (exact across replicas), and one gateway with the in-memory store, run through the same suite.
 * 200 concurrent requests against a limit worth 50: exactly 50 pass, 150 get 429 with the
 * gateway's error body and OpenAI-style headers. The token and cost cases mix JSON answers,
 * complete streams and streams whose client disconnects; afterwards a probe request shows the
 * settlement (real usage replaced the estimates; cut streams keep theirs).
 *
 * The mock holds every answer 1.5 s, so all 200 admissions are decided before any settles:
 * exactness is then about concurrency, not about settlement timing.
 */
import { jest } from '@jest/globals';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { randomUUID } from 'node:crypto';
import { ApiKeysService } from '../../src/control-plane/api-keys/api-keys.service.js';
import { PricingTable } from '../../src/control-plane/request-logs/pricing.js';
import { LimitsCache } from '../../src/limits/limits.cache.js';
import { UsageLimitsService } from '../../src/limits/usage-limits.service.js';
import type { PutUsageLimitInput } from '../../src/limits/usage-limit.schema.js';
import { TEST_ACTOR, type SeededWorkspace, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { type ControlPlaneGateway, startControlPlaneGateway } from '../gateway-control-plane/support/control-plane-gateway.js';

jest.setTimeout(90_000);

const REDIS_URL = process.env.REDIS_URL;
const FULL = 'gpt-4o-mini'; // answers after 1.5 s
const CUT = 'gpt-4o-mini-2024-07-18'; // same price; a slow stream the client abandons
const BODY_BYTES = 400; // → 100 estimated prompt tokens
const MAX_TOKENS = 10;
const ESTIMATE = BODY_BYTES / 4 + MAX_TOKENS;
const pricing = new PricingTable();
const nano = (usd: number | undefined) => Math.round((usd ?? 0) * 1e9);
const ESTIMATED_COST = nano(pricing.cost('openai', FULL, { promptTokens: BODY_BYTES / 4, completionTokens: MAX_TOKENS }));

const variants: [string, string | undefined, number][] = [['in-memory store, one gateway', undefined, 1]];
if (REDIS_URL) variants.unshift(['Redis store, two gateways', REDIS_URL, 2]);
else {
  describe.skip(`limits across replicas (Redis): ${process.env.AIGW_TEST_REDIS_SKIP ?? 'REDIS_URL is unset'}`, () => {
    it('is skipped without Redis', () => undefined);
  });
}

type Kind = 'json' | 'stream' | 'cut';
interface Answer {
  status: number;
  headers: Headers;
  json?: any;
  /** Tokens and nano-dollars the answer reported (complete answers only). */
  tokens?: number;
  cost?: number;
}

/** A chat request body padded to exactly BODY_BYTES, so every kind has the same estimate. */
function bodyOf(kind: Kind): string {
  const base: Record<string, unknown> = { model: kind === 'cut' ? CUT : FULL, messages: [{ role: 'user', content: 'hello limits' }], max_tokens: MAX_TOKENS };
  if (kind !== 'json') Object.assign(base, { stream: true, stream_options: { include_usage: true } });
  base.user = '';
  const pad = BODY_BYTES - JSON.stringify(base).length;
  base.user = 'x'.repeat(pad);
  const text = JSON.stringify(base);
  if (text.length !== BODY_BYTES) throw new Error('padding');
  return text;
}

function usageOf(usage: { prompt_tokens: number; completion_tokens: number }): { tokens: number; cost: number } {
  return {
    tokens: usage.prompt_tokens + usage.completion_tokens,
    cost: nano(pricing.cost('openai', FULL, { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens })),
  };
}

describe.each(variants)('limits (%s)', (_name, redisUrl, replicas) => {
  let db: TestDatabase;
  let mock: MockProvider;
  let gateways: ControlPlaneGateway[];
  let ws: SeededWorkspace;

  beforeAll(async () => {
    db = await createTestDatabase();
    mock = await startMockProvider({ port: 0 });
    gateways = [];
    for (let i = 0; i < replicas; i++) gateways.push(await startControlPlaneGateway(db.url, { controlPlane: { redisUrl } }));
    ws = await gateways[0].seed('Limited');
  });
  afterAll(async () => {
    for (const g of gateways ?? []) await g.close();
    await mock?.close();
    await db?.drop();
  });
  beforeEach(() => {
    mock.reset();
    mock.scenario(FULL, [{ delayMs: 1500 }], { repeatLast: true });
    mock.scenario(CUT, [{ delayMs: 1500, chunkDelayMs: 400 }], { repeatLast: true });
  });

  /** A fresh gateway API key with these limits, set through gateway 0 and seen by every replica. */
  async function limitedKey(rule: Omit<PutUsageLimitInput, 'scope' | 'scopeId'>): Promise<string> {
    const { key, apiKey } = await gateways[0].get(ApiKeysService).create(ws.workspaceId, { name: `k-${randomUUID()}` }, TEST_ACTOR);
    await gateways[0].get(UsageLimitsService).put(ws.workspaceId, { scope: 'api_key', scopeId: apiKey.id, ...rule }, TEST_ACTOR);
    for (const g of gateways) await waitFor(() => g.get(LimitsCache).forWorkspace(ws.workspaceId)?.apiKeys.has(apiKey.id) === true, 2_000);
    return key;
  }

  async function send(i: number, key: string, kind: Kind): Promise<Answer> {
    const controller = new AbortController();
    const response = await fetch(`${gateways[i % gateways.length].url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `${mock.url}/v1`,
        authorization: 'Bearer sk-provider-key',
        'x-portkey-api-key': key,
      },
      body: bodyOf(kind),
      signal: controller.signal,
    });
    const answer: Answer = { status: response.status, headers: response.headers };
    if (response.status !== 200) {
      answer.json = await response.json();
      return answer;
    }
    if (kind === 'cut') {
      controller.abort(); // the client leaves mid-stream
      return answer;
    }
    const text = await response.text();
    if (kind === 'json') answer.json = JSON.parse(text);
    const usage = kind === 'json' ? answer.json.usage : JSON.parse(text.split('\n').filter((l) => l.startsWith('data: {') && l.includes('"usage":{')).at(-1)!.slice(6)).usage;
    Object.assign(answer, usageOf(usage));
    return answer;
  }

  const kindOf = (i: number): Kind => (['json', 'stream', 'cut'] as const)[i % 3];

  function expectRefusals(answers: Answer[], suffix: string, limit: string, message: RegExp): Answer[] {
    const passed = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect({ passed: passed.length, refused: refused.length }).toEqual({ passed: 50, refused: 150 });
    for (const r of refused) {
      expect(r.json).toEqual({ status: 'failure', message: expect.stringMatching(message) });
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(r.headers.get(`x-ratelimit-limit-${suffix}`)).toBe(limit);
      expect(r.headers.get(`x-ratelimit-reset-${suffix}`)).toMatch(/^(\d+h)?(\d+m)?\d+(s|ms)$/);
      expect(r.headers.get('x-portkey-trace-id')).toBeTruthy();
    }
    for (const p of passed) expect(p.headers.get(`x-ratelimit-limit-${suffix}`)).toBe(limit);
    return passed;
  }

  it('requests per minute: exactly 50 of 200 concurrent requests pass', async () => {
    const key = await limitedKey({ requestsPerMinute: 50 });
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => send(i, key, i % 2 ? 'json' : 'stream')));
    const passed = expectRefusals(answers, 'requests', '50', /^Rate limit reached: requests per minute of API key .+ \(limit 50\); retry in (\d+m)?\d+s$/);
    for (const r of answers.filter((a) => a.status === 429)) expect(r.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    // Each pass saw the allowance left after it: 49 down to 0, each value once.
    const remaining = passed.map((p) => Number(p.headers.get('x-ratelimit-remaining-requests'))).sort((a, b) => a - b);
    expect(remaining).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(mock.requests().length).toBe(50);
  });

  it('tokens per minute: exactly 50 estimates fit; settlement replaces them with real usage (cut streams keep theirs)', async () => {
    const limit = 50 * ESTIMATE;
    const key = await limitedKey({ tokensPerMinute: limit });
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => send(i, key, kindOf(i))));
    const passed = expectRefusals(answers, 'tokens', String(limit), /^Rate limit reached: tokens per minute of API key .+ \(limit 5500\); retry in (\d+m)?\d+s$/);
    const used = passed.reduce((sum, a) => sum + (a.tokens ?? ESTIMATE), 0);
    expect(passed.filter((a) => a.tokens === undefined).length).toBeGreaterThan(0); // some were cut
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the cut streams' gateways notice and settle
    const probe = await send(0, key, 'json');
    expect(probe.status).toBe(200);
    expect(Number(probe.headers.get('x-ratelimit-remaining-tokens'))).toBe(limit - used - ESTIMATE);
  });

  it('cost budget per day: exactly 50 estimated costs fit; the refusal names the budget and its reset; settlement uses the price table', async () => {
    // 50.5 estimates, rounded up to the column's micro-dollars: room for 50, not 51.
    const budgetNano = Math.ceil((50.5 * ESTIMATED_COST) / 1000) * 1000;
    const key = await limitedKey({ costPerDayUsd: budgetNano / 1e9, alertThreshold: 0.8 });
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => send(i, key, kindOf(i))));
    const midnight = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1)).toISOString();
    const passed = expectRefusals(
      answers,
      'cost-day',
      (budgetNano / 1e9).toFixed(6),
      new RegExp(`^The cost budget per day of API key .+ \\(\\$\\d+\\.\\d\\d\\) is exhausted; it resets at ${midnight.replace(/\./g, '\\.')}$`),
    );
    const spent = passed.reduce((sum, a) => sum + (a.cost ?? ESTIMATED_COST), 0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const probe = await send(0, key, 'json');
    expect(probe.status).toBe(200);
    expect(probe.headers.get('x-ratelimit-remaining-cost-day')).toBe(((budgetNano - spent - ESTIMATED_COST) / 1e9).toFixed(6));
  });

  it('a fallback counts against the virtual key actually called', async () => {
    const settings = { customHost: `${mock.url}/v1` };
    const first = await ws.createVirtualKey({ name: `first-${randomUUID()}`, provider: 'openai', settings });
    const second = await ws.createVirtualKey({ name: `second-${randomUUID()}`, provider: 'openai', settings });
    const service = gateways[0].get(UsageLimitsService);
    await service.put(ws.workspaceId, { scope: 'virtual_key', scopeId: first, requestsPerMinute: 1 }, TEST_ACTOR);
    await service.put(ws.workspaceId, { scope: 'virtual_key', scopeId: second, requestsPerMinute: 2 }, TEST_ACTOR);
    for (const g of gateways) await waitFor(() => g.get(LimitsCache).forWorkspace(ws.workspaceId)?.virtualKeys.size === 2 || false, 2_000);
    mock.scenario(FULL, [{}], { repeatLast: true });
    const config = JSON.stringify({ strategy: { mode: 'fallback' }, targets: [{ virtual_key: first }, { virtual_key: second }] });
    const call = (i: number) =>
      fetch(`${gateways[i % gateways.length].url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-portkey-api-key': ws.apiKey, 'x-portkey-config': config },
        body: bodyOf('json'),
      });
    const a = await call(0);
    expect([a.status, a.headers.get('x-portkey-last-used-option-index')]).toEqual([200, 'config.targets[0]']);
    // The first key is spent: the fallback calls the second, which is charged (2 → 1 → 0 left).
    const b = await call(1);
    expect([b.status, b.headers.get('x-portkey-last-used-option-index'), b.headers.get('x-ratelimit-remaining-requests')]).toEqual([200, 'config.targets[1]', '1']);
    const c = await call(0);
    expect([c.status, c.headers.get('x-portkey-last-used-option-index'), c.headers.get('x-ratelimit-remaining-requests')]).toEqual([200, 'config.targets[1]', '0']);
    // Both spent: the last target's refusal is the answer.
    const d = await call(1);
    expect(d.status).toBe(429);
    expect(await d.json()).toEqual({ status: 'failure', message: expect.stringContaining(`requests per minute of virtual key ${second}`) });
    expect(mock.requests().length).toBe(3);
  });

  it('no limit, no headers: a workspace without limits is untouched', async () => {
    const other = await gateways[0].seed('Unlimited');
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => send(i, other.apiKey, 'json')));
    expect(answers.every((a) => a.status === 200 && a.headers.get('x-ratelimit-limit-requests') === null)).toBe(true);
  });
});
