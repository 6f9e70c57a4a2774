import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type MockProvider, parseSse, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * Hedged requests through the gateway: an upstream whose latency is scripted per model (the model
 * each target sends comes from its override_params), and which records the requests whose
 * connection closed before the answer (a hedge's loser, aborted).
 */
let upstream: Server;
let upstreamUrl: string;
let gateway: RunningGateway;
let mock: MockProvider;
const seen: { model: string; path: string; closedEarly: boolean }[] = [];

const DELAYS: Record<string, number> = { slow: 2_000, fast: 30 };

beforeAll(async () => {
  upstream = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const parsed = body ? (JSON.parse(body) as { model?: string; stream?: boolean }) : {};
      const model = parsed.model ?? '';
      const record = { model, path: req.url ?? '', closedEarly: false };
      seen.push(record);
      const timer = setTimeout(() => {
        if (parsed.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta: { content: `from ${model}` }, finish_reason: null }] };
          res.end(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'x', object: model ? 'chat.completion' : 'file', model, choices: [{ index: 0, message: { role: 'assistant', content: `from ${model}` }, finish_reason: 'stop' }] }));
      }, DELAYS[model] ?? 10);
      res.on('close', () => {
        clearTimeout(timer);
        if (!res.writableFinished) record.closedEarly = true;
      });
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  mock = await startMockProvider();
  gateway = await startGateway({ cacheRedisUrl: undefined });
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
  mock.reset();
});

function hedgedConfig(first: string, second: string, after_ms: number | string = 100) {
  return {
    strategy: { mode: 'fallback' },
    hedge: { after_ms },
    targets: [
      { provider: 'openai', api_key: 'k', custom_host: upstreamUrl, override_params: { model: first } },
      { provider: 'openai', api_key: 'k', custom_host: upstreamUrl, override_params: { model: second } },
    ],
  };
}

function post(path: string, config: unknown, body: Record<string, unknown>) {
  return fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portkey-config': JSON.stringify(config) },
    body: JSON.stringify(body),
  });
}

const chatBody = (stream = false) => ({ model: 'm', stream, messages: [{ role: 'user', content: 'hi' }] });

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(check()).toBe(true);
}

it('fires after after_ms when the first target is slow; the hedge wins and the loser is aborted', async () => {
  const response = await post('/v1/chat/completions', hedgedConfig('slow', 'fast'), chatBody());
  expect(response.status).toBe(200);
  expect(response.headers.get('x-portkey-hedge-count')).toBe('1');
  expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
  expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0].message.content).toBe('from fast');
  await waitFor(() => seen.find((s) => s.model === 'slow')?.closedEarly === true);
});

it('does not fire when the first target answers in time', async () => {
  const response = await post('/v1/chat/completions', hedgedConfig('fast', 'slow'), chatBody());
  expect(response.status).toBe(200);
  expect(response.headers.get('x-portkey-hedge-count')).toBeNull();
  await response.arrayBuffer();
  expect(seen.map((s) => s.model)).toEqual(['fast']);
});

it('hedges a stream that has not started in time, and the client gets one whole stream', async () => {
  const response = await post('/v1/chat/completions', hedgedConfig('slow', 'fast'), chatBody(true));
  expect(response.headers.get('x-portkey-hedge-count')).toBe('1');
  const text = await response.text();
  expect(text).toContain('from fast');
  expect(text).not.toContain('from slow');
  expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  await waitFor(() => seen.find((s) => s.model === 'slow')?.closedEarly === true);
});

it('never hedges a passthrough call (files, batches, fine-tuning are not idempotent)', async () => {
  const config = hedgedConfig('slow', 'fast', 50);
  const response = await post('/v1/batches', config, { model: 'slow', input_file_id: 'file-1' });
  expect(response.status).toBe(200);
  expect(response.headers.get('x-portkey-hedge-count')).toBeNull();
  expect(seen).toHaveLength(1);
});

it('rejects a hedge on a node that cannot hedge, naming the field', async () => {
  const response = await post('/v1/chat/completions', { provider: 'openai', api_key: 'k', hedge: { after_ms: 100 } }, chatBody());
  expect(response.status).toBe(400);
  expect(((await response.json()) as { errors: string[] }).errors).toEqual(["path: hedge, message: 'hedge' is only supported on a 'fallback' or 'loadbalance' node"]);
});

describe('streams are hedged on their first chunk, not on their headers', () => {
  // The mock answers each model as scripted: `stall` sends its 200 at once and its first event late.
  const viaMock = (model: string, extra: Record<string, unknown> = {}) => ({ provider: 'openai', api_key: 'k', custom_host: `${mock.url}/v1`, override_params: { model }, ...extra });
  const hedged = (first: Record<string, unknown>, second: Record<string, unknown>, after_ms = 100) => ({ strategy: { mode: 'fallback' }, hedge: { after_ms }, targets: [first, second] });

  it('an upstream that sends 200 quickly and then stalls is still hedged; the first to send a chunk wins, the staller is aborted', async () => {
    mock.scenario('stall', [{ firstChunkDelayMs: 5_000 }]);
    const response = await post('/v1/chat/completions', hedged(viaMock('stall'), viaMock('quick')), chatBody(true));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-portkey-hedge-count')).toBe('1');
    expect(response.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    const events = parseSse(await response.text());
    expect(events[events.length - 1]!.data).toBe('[DONE]');
    const content = events
      .slice(0, -1)
      .map((e) => (JSON.parse(e.data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
      .join('');
    expect(content).toBe('Hello from mock openai: hi');
    expect(mock.count('stall')).toBe(1);
    expect(mock.count('quick')).toBe(1);
    await waitFor(() => mock.requests('stall')[0]?.closedEarly === true);
    expect(mock.requests('quick')[0]!.closedEarly).toBeUndefined();
  });

  it('a stream whose first chunk comes in time is not hedged', async () => {
    const response = await post('/v1/chat/completions', hedged(viaMock('prompt'), viaMock('spare'), 2_000), chatBody(true));
    expect(response.headers.get('x-portkey-hedge-count')).toBeNull();
    expect(parseSse(await response.text()).pop()!.data).toBe('[DONE]');
    expect(mock.count('spare')).toBe(0);
  });

  it('a cache hit is never hedged: it answers without an upstream call, whatever the delay', async () => {
    const cachedTarget = viaMock('cached-first', { cache: { mode: 'simple' } });
    // The same target alone fills the cache (the key is the target's call, not the route).
    const fill = await post('/v1/chat/completions', cachedTarget, chatBody());
    expect(fill.headers.get('x-portkey-cache-status')).toBe('MISS');
    await fill.arrayBuffer();
    // Now hedged after 1 ms, with the first target's upstream scripted to take 2 s: the hit answers.
    mock.scenario('cached-first', [{ delayMs: 2_000 }]);
    const hit = await post('/v1/chat/completions', hedged(cachedTarget, viaMock('never'), 1), chatBody());
    expect(hit.status).toBe(200);
    expect(hit.headers.get('x-portkey-cache-status')).toBe('HIT');
    expect(hit.headers.get('x-portkey-hedge-count')).toBeNull();
    await hit.arrayBuffer();
    expect(mock.count('cached-first')).toBe(1);
    expect(mock.count('never')).toBe(0);
  });
});
