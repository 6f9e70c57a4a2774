/**
 * A real gateway process with JSON logs, the access log, metrics and limits on, driven with
 * traffic that carries secrets everywhere they could leak from: provider keys (inline, in a
 * config, in a virtual key), gateway API keys (valid and invalid), prompt text, failing upstreams,
 * a refused rate limit, an unknown virtual key. Afterwards no log line and no metric label holds
 * any of them, every line is JSON, and each request's line carries the trace id the client saw.
 */
import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { ApiKeysService } from '../../src/control-plane/api-keys/api-keys.service.js';
import { UsageLimitsService } from '../../src/limits/usage-limits.service.js';
import { type ControlPlaneContext, seedWorkspace, startControlPlane, TEST_ACTOR, testOptions } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { type GatewayProcess, spawnGateway } from '../gateway-control-plane/support/gateway-process.js';

jest.setTimeout(90_000);

const INLINE_KEY = `sk-inline-${randomBytes(8).toString('hex')}`;
const CONFIG_KEY = `sk-config-${randomBytes(8).toString('hex')}`;
const STORED_KEY = `sk-stored-${randomBytes(8).toString('hex')}`;
const WRONG_GATEWAY_KEY = `pk-wrong-${randomBytes(8).toString('hex')}`;
const PROMPT = `the-private-prompt-${randomBytes(6).toString('hex')}`;
const METRICS_TOKEN = `metrics-${randomBytes(8).toString('hex')}`;

let db: TestDatabase;
let mock: MockProvider;
let cp: ControlPlaneContext;
let gateway: GatewayProcess;
let gatewayKey: string;
let slug: string;

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider({ port: 0 });
  const masterKey = randomBytes(32);
  cp = await startControlPlane(testOptions(db.url, { masterKey }));
  const ws = await seedWorkspace(cp, 'Secrets');
  gatewayKey = ws.apiKey;
  slug = await ws.createVirtualKey({ name: 'Stored', provider: 'openai', secret: { apiKey: STORED_KEY }, settings: { customHost: `${mock.url}/v1` } });
  const limitedKey = await cp.get(ApiKeysService).create(ws.workspaceId, { name: 'limited' }, TEST_ACTOR);
  await cp.get(UsageLimitsService).put(ws.workspaceId, { scope: 'api_key', scopeId: limitedKey.apiKey.id, requestsPerMinute: 1 }, TEST_ACTOR);
  limited = limitedKey.key;
  gateway = await spawnGateway({
    DATABASE_URL: db.url,
    GATEWAY_MASTER_KEY: masterKey.toString('hex'),
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'debug',
    GATEWAY_ACCESS_LOG: 'true',
    GATEWAY_METRICS_TOKEN: METRICS_TOKEN,
    GATEWAY_RETRY_BASE_MS: '5',
    GATEWAY_RETRY_CAP_MS: '20',
    REDIS_URL: process.env.REDIS_URL,
    ADMIN_EMAIL: undefined,
    ADMIN_PASSWORD: undefined,
  });
}, 90_000);
let limited: string;

afterAll(async () => {
  await gateway?.stop(5_000);
  await cp?.close();
  await mock?.close();
  await db?.drop();
}, 30_000);

async function send(headers: Record<string, string>, model = 'gpt-4o-mini', stream = false): Promise<string> {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: PROMPT }] }),
  });
  await response.text();
  return response.headers.get('x-portkey-trace-id')!;
}

it('keeps keys and prompts out of every log line and metric label; request lines carry the trace id', async () => {
  const inline = { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mock.url}/v1` };
  mock.scenario('failing-model', [{ status: 500, body: { error: { message: 'upstream broke' } } }], { repeatLast: true });
  const traces = [
    await send({ ...inline, authorization: `Bearer ${INLINE_KEY}` }),
    await send({ ...inline, authorization: `Bearer ${INLINE_KEY}` }, 'gpt-4o-mini', true),
    await send({ ...inline, authorization: `Bearer ${INLINE_KEY}` }, 'failing-model'),
    await send({ 'x-portkey-config': JSON.stringify({ provider: 'openai', api_key: CONFIG_KEY, custom_host: `${mock.url}/v1`, retry: { attempts: 1 } }) }, 'failing-model'),
    await send({ 'x-portkey-api-key': gatewayKey, 'x-portkey-virtual-key': slug }),
    await send({ 'x-portkey-api-key': gatewayKey, 'x-portkey-virtual-key': 'no-such-key' }),
    await send({ 'x-portkey-api-key': limited, ...inline, authorization: `Bearer ${INLINE_KEY}` }),
    await send({ 'x-portkey-api-key': limited, ...inline, authorization: `Bearer ${INLINE_KEY}` }), // 429
  ];
  await send({ 'x-portkey-api-key': WRONG_GATEWAY_KEY, 'x-portkey-config': 'pc-missing-config' }); // 401 before a context exists
  const metrics = await (await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  await new Promise((resolve) => setTimeout(resolve, 300)); // the access log writes on a later tick

  const output = gateway.output();
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  expect(lines.length).toBeGreaterThan(traces.length);
  const secrets = [INLINE_KEY, CONFIG_KEY, STORED_KEY, gatewayKey, limited, WRONG_GATEWAY_KEY, PROMPT, METRICS_TOKEN];
  for (const secret of secrets) {
    expect({ secret, inLogs: output.includes(secret) }).toEqual({ secret, inLogs: false });
    expect({ secret, inMetrics: metrics.includes(secret) }).toEqual({ secret, inMetrics: false });
  }
  // Every line is one JSON object with a level and a time.
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  for (const entry of entries) expect(entry).toMatchObject({ level: expect.any(String), time: expect.any(String) });
  // Each request's line carries the trace id its client got back.
  const requestLines = entries.filter((e) => e.msg === 'request');
  for (const traceId of traces) expect(requestLines.find((e) => e.traceId === traceId)).toBeDefined();
  // No trace id became a metric label.
  for (const traceId of traces) expect(metrics.includes(traceId)).toBe(false);
  expect(requestLines.find((e) => e.traceId === traces[7])).toMatchObject({ status: 429 });
});
