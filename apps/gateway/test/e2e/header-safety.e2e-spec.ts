import { request as httpRequest } from 'node:http';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * What crosses the gateway besides the body: `x-portkey-forward-headers` / `forward_headers` and
 * passthrough never carry the gateway's credentials, the caller's cookies or hop-by-hop headers
 * to a provider, and hop-by-hop or redirect headers from a provider never reach the client.
 */
let mock: MockProvider;
let gateway: RunningGateway;

beforeAll(async () => {
  mock = await startMockProvider();
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

const MODEL = 'gpt-4o-mini';
const chatBody = JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });

/** node:http, because fetch refuses to send Connection and other hop-by-hop headers itself. */
function send(path: string, headers: Record<string, string>, body = chatBody): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const SENSITIVE = ['x-portkey-api-key', 'x-portkey-virtual-key', 'authorization', 'cookie', 'proxy-authorization', 'te', 'upgrade', 'x-api-key'];

describe('request headers a caller asks the gateway to forward', () => {
  it('never include credentials, cookies or hop-by-hop headers, whatever the list says', async () => {
    const response = await send('/v1/chat/completions', {
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': `${mock.url}/v1`,
      authorization: 'Bearer sk-provider',
      'x-portkey-api-key': 'aigw_gateway-secret',
      cookie: 'aigw_admin_session=s3cret',
      'proxy-authorization': 'Basic Zm9vOmJhcg==',
      'x-api-key': 'another-secret',
      'x-tenant': 't-1',
      'x-portkey-forward-headers': [...SENSITIVE, 'x-tenant'].join(','),
    });
    expect(response.status).toBe(200);
    const [seen] = mock.requests(MODEL);
    expect(seen.headers['x-tenant']).toBe('t-1');
    // The provider key is the adapter's, not a forwarded copy; nothing else of the list arrived.
    expect(seen.headers.authorization).toBe('Bearer sk-provider');
    for (const name of SENSITIVE.filter((n) => n !== 'authorization')) expect(seen.headers[name]).toBeUndefined();
  });

  it('in a config too', async () => {
    const config = { provider: 'openai', api_key: 'sk-provider', custom_host: `${mock.url}/v1`, forward_headers: ['cookie', 'x-portkey-api-key', 'x-tenant'] };
    const response = await send('/v1/chat/completions', {
      'x-portkey-config': JSON.stringify(config),
      'x-portkey-api-key': 'aigw_gateway-secret',
      cookie: 'session=1',
      'x-tenant': 't-2',
    });
    expect(response.status).toBe(200);
    const [seen] = mock.requests(MODEL);
    expect(seen.headers).toMatchObject({ 'x-tenant': 't-2' });
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers['x-portkey-api-key']).toBeUndefined();
  });

  it('passthrough carries the client headers except cookies and the ones Connection names as hop-by-hop', async () => {
    const response = await send(
      '/v1/batches',
      {
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `${mock.url}/v1`,
        authorization: 'Bearer sk-provider',
        cookie: 'aigw_admin_session=s3cret',
        connection: 'keep-alive, x-hop-secret',
        'x-hop-secret': 'only-for-this-hop',
        'x-visible': 'yes',
      },
      JSON.stringify({ input_file_id: 'file-1' }),
    );
    expect(response.status).toBe(200);
    const seen = (JSON.parse(response.text) as { echo: { headers: Record<string, string> } }).echo.headers;
    expect(seen['x-visible']).toBe('yes');
    expect(seen.authorization).toBe('Bearer sk-provider');
    expect(seen.cookie).toBeUndefined();
    expect(seen['x-hop-secret']).toBeUndefined();
  });
});

describe('response headers from a provider', () => {
  it('relay request ids and rate-limit counters, never hop-by-hop, cookies or redirects', async () => {
    mock.scenario(MODEL, [
      {
        headers: {
          'x-request-id': 'req-1',
          'x-ratelimit-remaining-requests': '99',
          'proxy-authenticate': 'Basic realm="internal"',
          'set-cookie': 'tracking=1',
          location: 'http://10.0.0.5/internal',
        },
      },
    ]);
    const response = await send('/v1/chat/completions', { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mock.url}/v1`, authorization: 'Bearer sk' });
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'x-request-id': 'req-1', 'x-ratelimit-remaining-requests': '99' });
    for (const name of ['proxy-authenticate', 'set-cookie', 'location']) expect(response.headers[name]).toBeUndefined();
  });
});

describe('answers the gateway holds in full', () => {
  // A whole body goes out with its length, not chunked (less framing on the wire and for clients).
  function expectWholeBody(response: { headers: Record<string, unknown>; text: string }): void {
    expect(response.headers['transfer-encoding']).toBeUndefined();
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(response.text)));
  }

  it('carry content-length: passed through, translated, and the gateway’s own errors', async () => {
    const passedThrough = await send('/v1/chat/completions', { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mock.url}/v1`, authorization: 'Bearer sk' });
    expect(passedThrough.status).toBe(200);
    expect(JSON.parse(passedThrough.text).choices).toHaveLength(1);
    expectWholeBody(passedThrough);

    const translated = await send(
      '/v1/chat/completions',
      { 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${mock.url}/v1`, 'x-api-key': 'sk-ant' },
      JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(translated.status).toBe(200);
    expect(JSON.parse(translated.text).object).toBe('chat.completion');
    expectWholeBody(translated);

    const refused = await send('/v1/chat/completions', { 'x-portkey-provider': 'no-such-provider' });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).status).toBe('failure');
    expectWholeBody(refused);
  });
});
