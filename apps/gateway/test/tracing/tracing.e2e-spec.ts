/**
 * Tracing over real HTTP: an OTLP/HTTP JSON receiver on 127.0.0.1 started here collects what the
 * gateway exports. A request with a W3C traceparent becomes a server span under the client's span,
 * each upstream attempt (here a failing target and its fallback) a client span under it whose
 * context the mock provider receives in `traceparent` (with the client's `tracestate`). Spans carry
 * provider, model, status and token counts, and never the prompt or a key. Each guardrail hook that
 * runs is a span of its own (id, event, verdict, duration; never the text it judged). Without an
 * exporter an incoming traceparent is still passed on; with neither, nothing is added upstream.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { jest } from '@jest/globals';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

jest.setTimeout(30_000);

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
  status: { code: number };
}

const PROMPT = 'a prompt that must never be exported';
const KEY = 'sk-tracing-secret-key';
let mock: MockProvider;
let receiver: Server;
let receiverUrl: string;
const bodies: string[] = [];
let traced: RunningGateway;
let plain: RunningGateway;

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      bodies.push(text);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  traced = await startGateway({ otlpEndpoint: receiverUrl, otelServiceName: 'gateway-under-test' });
  plain = await startGateway();
});
afterAll(async () => {
  await traced?.close();
  await plain?.close();
  await mock?.close();
  receiver?.close();
});
beforeEach(() => mock.reset());

function spans(): ExportedSpan[] {
  return bodies.flatMap((b) => (JSON.parse(b) as any).resourceSpans.flatMap((r: any) => r.scopeSpans.flatMap((s: any) => s.spans)));
}

function attr(span: ExportedSpan, key: string): unknown {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value && Object.values(value)[0];
}

async function chat(gateway: RunningGateway, headers: Record<string, string>, model = 'gpt-4o-mini') {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: PROMPT }] }),
  });
  await response.text();
  return response;
}

async function waitForSpans(traceId: string, count: number): Promise<ExportedSpan[]> {
  for (let i = 0; i < 100; i++) {
    const found = spans().filter((s) => s.traceId === traceId);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} spans of ${traceId} arrived`);
}

it('continues the client trace: a request span, one span per attempt, traceparent upstream', async () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const clientSpan = '00f067aa0ba902b7';
  mock.scenario('tracing-down', [{ status: 500 }], { repeatLast: true });
  const config = {
    strategy: { mode: 'fallback' },
    targets: [
      { provider: 'openai', api_key: KEY, custom_host: `${mock.url}/v1`, override_params: { model: 'tracing-down' } },
      { provider: 'openai', api_key: KEY, custom_host: `${mock.url}/v1` },
    ],
  };
  const response = await chat(traced, { traceparent: `00-${traceId}-${clientSpan}-01`, tracestate: 'vendor=kept', 'x-portkey-config': JSON.stringify(config) });
  expect(response.status).toBe(200);

  const upstream = mock.requests().map((r) => ({ traceparent: r.headers.traceparent, tracestate: r.headers.tracestate }));
  expect(upstream).toHaveLength(2);
  for (const u of upstream) expect(u).toEqual({ traceparent: expect.stringMatching(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`)), tracestate: 'vendor=kept' });
  const upstreamSpanIds = upstream.map((u) => String(u.traceparent).split('-')[2]);

  const found = await waitForSpans(traceId, 3);
  const root = found.find((s) => s.name === 'gateway.request')!;
  expect(root).toMatchObject({ parentSpanId: clientSpan, kind: 2, status: { code: 1 } });
  expect(attr(root, 'gateway.trace_id')).toBe(response.headers.get('x-portkey-trace-id'));
  expect(attr(root, 'http.response.status_code')).toBe('200');
  expect(attr(root, 'gen_ai.system')).toBe('openai');
  expect(Number(attr(root, 'gen_ai.usage.input_tokens'))).toBeGreaterThan(0);
  expect(Number(attr(root, 'gen_ai.usage.output_tokens'))).toBeGreaterThan(0);
  const attempts = found.filter((s) => s.name === 'gateway.attempt');
  expect(attempts.map((s) => s.spanId).sort()).toEqual([...upstreamSpanIds].sort());
  for (const a of attempts) expect(a).toMatchObject({ parentSpanId: root.spanId, kind: 3 });
  expect(attempts.map((a) => [attr(a, 'gen_ai.request.model'), attr(a, 'http.response.status_code'), a.status.code])).toEqual([
    ['tracing-down', '500', 2],
    ['gpt-4o-mini', '200', 1],
  ]);
  const exported = bodies.join('\n');
  expect(exported).toContain('gateway-under-test');
  expect(exported).not.toContain(PROMPT);
  expect(exported).not.toContain(KEY);
});

it('a span per guardrail hook: id, event, verdict and duration, never the text it judged', async () => {
  const traceId = '5cf92f3577b34da6a3ce929d0e0e4799';
  const config = {
    provider: 'openai',
    api_key: KEY,
    custom_host: `${mock.url}/v1`,
    before_request_hooks: [
      { id: 'length-ok', type: 'guardrail', checks: [{ id: 'default.wordCount', parameters: { maxWords: 50 } }] },
      // Fails (the prompt contains it) without deny: the request goes on, answered 246.
      { id: 'no-secrets', type: 'guardrail', deny: false, checks: [{ id: 'default.contains', parameters: { words: ['exported'], operator: 'none' } }] },
    ],
    after_request_hooks: [{ id: 'answer-short', type: 'guardrail', checks: [{ id: 'default.wordCount', parameters: { maxWords: 500 } }] }],
  };
  const response = await chat(traced, { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'x-portkey-config': JSON.stringify(config) });
  expect(response.status).toBe(246);
  const found = await waitForSpans(traceId, 5);
  const root = found.find((s) => s.name === 'gateway.request')!;
  const hooks = found.filter((s) => s.name === 'gateway.hook');
  expect(hooks.map((h) => [attr(h, 'gateway.hook.id'), attr(h, 'gateway.hook.event'), attr(h, 'gateway.hook.verdict'), h.status.code])).toEqual([
    ['length-ok', 'before_request', true, 1],
    ['no-secrets', 'before_request', false, 1],
    ['answer-short', 'after_request', true, 1],
  ]);
  for (const h of hooks) {
    expect(h).toMatchObject({ parentSpanId: root.spanId, kind: 1 });
    expect(Number(attr(h, 'gateway.hook.duration_ms'))).toBeGreaterThanOrEqual(0);
  }
  expect(attr(hooks[1], 'gateway.hook.failed_checks')).toBe('default.contains');
  expect(attr(hooks[1], 'gateway.hook.checks')).toBe('default.contains');
  const exported = bodies.join('\n');
  expect(exported).not.toContain(PROMPT);
  expect(exported).not.toContain(KEY);
});

it('starts a trace when the client sent none', async () => {
  const response = await chat(traced, { 'x-portkey-provider': 'openai', authorization: `Bearer ${KEY}`, 'x-portkey-custom-host': `${mock.url}/v1` });
  expect(response.status).toBe(200);
  const [, traceId, spanId] = mock.requests()[0].headers.traceparent!.toString().split('-');
  const found = await waitForSpans(traceId, 2);
  const root = found.find((s) => s.name === 'gateway.request')!;
  expect(root.parentSpanId).toBeUndefined();
  expect(found.find((s) => s.name === 'gateway.attempt')).toMatchObject({ spanId, parentSpanId: root.spanId });
});

it('without an exporter, passes an incoming traceparent on and adds none otherwise', async () => {
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  await chat(plain, { 'x-portkey-provider': 'openai', authorization: `Bearer ${KEY}`, 'x-portkey-custom-host': `${mock.url}/v1`, traceparent: `00-${traceId}-b7ad6b7169203331-01` });
  await chat(plain, { 'x-portkey-provider': 'openai', authorization: `Bearer ${KEY}`, 'x-portkey-custom-host': `${mock.url}/v1` });
  const [withParent, without] = mock.requests();
  expect(withParent.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-(?!b7ad6b7169203331)[0-9a-f]{16}-01$`));
  expect(without.headers.traceparent).toBeUndefined();
});
