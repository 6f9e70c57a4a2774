import { createServer } from 'node:net';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/** Bad input, provider errors and transport failures, in the reference gateway's error shapes. */
let mock: MockProvider;
let gateway: RunningGateway;

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  gateway = await startGateway({ bodyLimitBytes: 64 * 1024 });
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

const chat = (model = 'gpt-4o-mini', extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra });

async function post(headers: Record<string, string>, body: string | undefined, path = '/v1/chat/completions') {
  const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

const openai = () => ({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mock.url}/v1`, authorization: 'Bearer sk-test' });

describe('gateway errors', () => {
  it('400 when neither provider nor config is given', async () => {
    const r = await post({}, chat());
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ status: 'failure', message: 'Either x-portkey-config or x-portkey-provider header is required' });
  });

  it('400 for an unknown provider', async () => {
    const r = await post({ 'x-portkey-provider': 'nope' }, chat());
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ status: 'failure', message: 'Invalid provider passed' });
  });

  it('400 for a content type that is not JSON', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { ...openai(), 'content-type': 'application/xml' }, body: '<x/>' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ status: 'failure', message: 'Invalid content type passed' });
  });

  it('400 naming the problem for malformed JSON', async () => {
    const r = await post(openai(), '{"model": "gpt-4o-mini", "messages": [');
    expect(r.status).toBe(400);
    expect(r.json.status).toBe('failure');
    expect(r.json.message).toMatch(/^Invalid JSON body/);
  });

  it.each([
    ['messages missing', { model: 'm' }, /'messages' must be a non-empty array/],
    ['messages not an array', { model: 'm', messages: 'hi' }, /'messages' must be a non-empty array/],
    ['model not a string', { model: 42, messages: [{ role: 'user', content: 'x' }] }, /'model' must be a string/],
    ['stream not a boolean', { model: 'm', stream: 'yes', messages: [{ role: 'user', content: 'x' }] }, /'stream' must be a boolean/],
    ['a message without a role', { model: 'm', messages: [{ content: 'x' }] }, /'messages\[0\]\.role' must be a string/],
    ['a body that is an array', [1, 2], /expected a JSON object/],
  ])('400 for wrong types: %s', async (_name, body, message) => {
    const r = await post(openai(), JSON.stringify(body));
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(message);
    expect(mock.count()).toBe(0);
  });

  it('413 for a body over the limit', async () => {
    const r = await post(openai(), chat('gpt-4o-mini', { padding: 'x'.repeat(100 * 1024) }));
    expect(r.status).toBe(413);
    expect(r.json.status).toBe('failure');
    expect(r.json.message).toMatch(/too large/i);
  });

  it('400 for a bad x-portkey-metadata header', async () => {
    const r = await post({ ...openai(), 'x-portkey-metadata': 'not-json' }, chat());
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/x-portkey-metadata/);
  });

  it('maps a provider error to the unified shape with the upstream status', async () => {
    mock.scenario('limited', [{ status: 429, headers: { 'retry-after': '1' } }]);
    const r = await post(openai(), chat('limited'));
    expect(r.status).toBe(429);
    expect(r.json.provider).toBe('openai');
    expect(r.json.error.message).toMatch(/^openai error: /);
    expect(Object.keys(r.json.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  });

  it('maps an Anthropic error body', async () => {
    const r = await post({ 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${mock.url}/v1` }, chat('claude-sonnet-4-5'));
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ provider: 'anthropic', error: { type: 'authentication_error' } });
    expect(r.json.error.message).toMatch(/^anthropic error: /);
  });

  it('502 JSON error when the provider cannot be reached', async () => {
    const port = await closedPort();
    const r = await post({ ...openai(), 'x-portkey-custom-host': `http://127.0.0.1:${port}/v1` }, chat());
    expect(r.status).toBe(502);
    expect(r.json.error.type).toBe('connection_error');
    expect(r.json.error.message).toMatch(/Could not reach openai at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('408 timeout_error when x-portkey-request-timeout expires, aborting the upstream call', async () => {
    mock.scenario('slow', [{ hang: true }]);
    const r = await post({ ...openai(), 'x-portkey-request-timeout': '150' }, chat('slow'));
    expect(r.status).toBe(408);
    expect(r.json).toEqual({ error: { message: 'Request exceeded the timeout sent in the request: 150ms', type: 'timeout_error', param: null, code: null } });
  });

  it('a provider error in the middle of a stream reaches the client as an error event', async () => {
    mock.scenario('midstream', [{ failAfterChunks: 2 }]);
    const r = await post(openai(), chat('midstream', { stream: true }));
    expect(r.status).toBe(200);
    const events = r.text.trim().split('\n\n');
    const last = JSON.parse(events[events.length - 1].replace(/^data: /, ''));
    expect(last.error.type).toBe('stream_error');
    expect(last.error.message).toMatch(/Stream from openai failed/);
    expect(r.text).not.toContain('[DONE]');
  });

  it('an Anthropic in-stream error event becomes an error event', async () => {
    mock.scenario('overloaded', [{ errorEventAfterChunks: 3 }]);
    const r = await post({ 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${mock.url}/v1`, 'x-api-key': 'ak' }, chat('overloaded', { stream: true }));
    expect(r.status).toBe(200);
    const events = r.text.trim().split('\n\n');
    const last = JSON.parse(events[events.length - 1].replace(/^data: /, ''));
    expect(last).toMatchObject({ provider: 'anthropic', error: { type: 'overloaded_error' } });
  });

  it('404 in the reference shape for an unknown route', async () => {
    const response = await fetch(`${gateway.url}/v2/nothing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found', ok: false });
  });
});

describe('gateway headers and forwarding', () => {
  it('echoes x-portkey-trace-id and reports provider and gateway overhead', async () => {
    const r = await post({ ...openai(), 'x-portkey-trace-id': 'my-trace-1' }, chat());
    expect(r.status).toBe(200);
    expect(r.headers.get('x-portkey-trace-id')).toBe('my-trace-1');
    expect(r.headers.get('x-portkey-provider')).toBe('openai');
    expect(Number(r.headers.get('x-portkey-gateway-overhead-ms'))).toBeGreaterThanOrEqual(0);
  });

  it('generates a trace id when the client sends none', async () => {
    const a = await post(openai(), chat());
    const b = await post(openai(), chat());
    expect(a.headers.get('x-portkey-trace-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get('x-portkey-trace-id')).not.toBe(b.headers.get('x-portkey-trace-id'));
  });

  it('forwards unknown request fields to OpenAI-compatible providers', async () => {
    await post(openai(), chat('gpt-4o-mini', { custom_vendor_flag: { a: 1 }, reasoning_effort: 'low' }));
    const [seen] = mock.requests();
    expect(seen.body).toMatchObject({ custom_vendor_flag: { a: 1 }, reasoning_effort: 'low' });
    expect(seen.headers.authorization).toBe('Bearer sk-test');
  });

  it('forwards only the headers named in x-portkey-forward-headers', async () => {
    await post({ ...openai(), 'x-portkey-forward-headers': 'x-tenant', 'x-tenant': 't-1', 'x-other': 'no' }, chat());
    const [seen] = mock.requests();
    expect(seen.headers['x-tenant']).toBe('t-1');
    expect(seen.headers['x-other']).toBeUndefined();
    expect(seen.headers['x-portkey-provider']).toBeUndefined();
  });

  it('sends Azure requests to the deployment path with api-key auth', async () => {
    const r = await post(
      {
        'x-portkey-provider': 'azure-openai',
        'x-portkey-custom-host': `${mock.url}/openai`,
        'x-portkey-azure-resource-name': 'contoso',
        'x-portkey-azure-deployment-id': 'dep-1',
        'x-portkey-azure-api-version': '2024-10-21',
        authorization: 'Bearer az-key',
      },
      chat('gpt-4o'),
    );
    expect(r.status).toBe(200);
    const [seen] = mock.requests();
    expect(seen.path).toBe('/openai/deployments/dep-1/chat/completions?api-version=2024-10-21');
    expect(seen.headers['api-key']).toBe('az-key');
    expect(seen.headers.authorization).toBeUndefined();
  });

  it('sends Azure v1 API requests to /openai/v1 with the deployment as the model', async () => {
    const r = await post(
      {
        'x-portkey-provider': 'azure-openai',
        'x-portkey-custom-host': `${mock.url}/openai`,
        'x-portkey-azure-deployment-id': 'dep-v1',
        'x-portkey-azure-api-version': 'v1',
        authorization: 'Bearer az-key',
      },
      chat('gpt-4o'),
    );
    expect(r.status).toBe(200);
    const [seen] = mock.requests();
    expect(seen.path).toBe('/openai/v1/chat/completions');
    expect((seen.body as { model: string }).model).toBe('dep-v1');
    expect(seen.headers['api-key']).toBe('az-key');
  });

  it('serves embeddings and legacy completions', async () => {
    const e = await post(openai(), JSON.stringify({ model: 'text-embedding-3-small', input: ['a', 'b'] }), '/v1/embeddings');
    expect(e.status).toBe(200);
    expect(e.json.data).toHaveLength(2);
    const c = await post(openai(), JSON.stringify({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say hi' }), '/v1/completions');
    expect(c.status).toBe(200);
    expect(c.json.object).toBe('text_completion');
  });

  it('answers GET / and GET /health', async () => {
    expect(await (await fetch(`${gateway.url}/`)).text()).toBe('AI Gateway says hey!');
    const health = (await (await fetch(`${gateway.url}/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
