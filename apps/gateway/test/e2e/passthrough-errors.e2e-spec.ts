import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * A `/v1/*` passthrough call speaks the provider's own API, so an error from the provider comes
 * back as the provider sent it: same status, same content type, same bytes. The unified
 * `{error:{message:"<provider> error: …"},provider}` shape is for the gateway's own endpoints.
 */
let mock: MockProvider;
let gateway: RunningGateway;

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

const openai = () => ({ authorization: 'Bearer sk-pass', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mock.url}/v1` });

describe('passthrough errors are the provider’s', () => {
  it('relays an OpenAI 404 JSON error byte for byte', async () => {
    const providerBody = '{\n  "error": {\n    "message": "No such File object: file-missing",\n    "type": "invalid_request_error",\n    "param": "id",\n    "code": null\n  }\n}';
    mock.scenario('/v1/files/file-missing', [{ status: 404, body: providerBody, headers: { 'content-type': 'application/json', 'x-request-id': 'req_abc' } }]);
    const response = await fetch(`${gateway.url}/v1/files/file-missing`, { headers: openai() });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toBe('req_abc');
    expect(response.headers.get('x-portkey-provider')).toBe('openai');
    expect(await response.text()).toBe(providerBody);
  });

  it('relays an Anthropic error from a POST passthrough untouched', async () => {
    const providerBody = JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'file too large' } });
    mock.scenario('/v1/files', [{ status: 413, body: providerBody, headers: { 'content-type': 'application/json' } }]);
    const response = await fetch(`${gateway.url}/v1/files`, {
      method: 'POST',
      headers: { 'x-api-key': 'sk-ant', 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${mock.url}/v1`, 'content-type': 'application/json' },
      body: JSON.stringify({ purpose: 'batch' }),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe(providerBody);
  });

  it('relays a non-JSON error body with its own content type', async () => {
    mock.scenario('/v1/batches/batch_1/cancel', [{ status: 409, body: 'batch already completed', headers: { 'content-type': 'text/plain' } }]);
    const response = await fetch(`${gateway.url}/v1/batches/batch_1/cancel`, { method: 'POST', headers: openai() });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe('batch already completed');
  });

  it('still answers the unified error shape on the gateway’s own endpoints', async () => {
    mock.scenario('limited', [{ status: 429 }]);
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...openai(), 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'limited', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = (await response.json()) as { provider: string; error: { message: string } };
    expect(response.status).toBe(429);
    expect(body.provider).toBe('openai');
    expect(body.error.message).toMatch(/^openai error: /);
  });
});
