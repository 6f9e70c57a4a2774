import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { startMockProvider, type MockProvider } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();
const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('passthrough echo under /v1/…', () => {
  it.each(['PUT', 'PATCH', 'DELETE', 'POST'])('%s: echoes method, path, headers and the body bytes', async (method) => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]);
    const res = await fetch(`${mock.url}/v1/fine_tuning/jobs/ftjob-1?limit=2&after=x`, {
      method,
      headers: { authorization: 'Bearer k', 'content-type': 'application/octet-stream', 'x-custom': 'yes', 'openai-beta': 'assistants=v2' },
      body: bytes,
    });
    expect(res.status).toBe(200);
    const { echo } = await bodyOf(res);
    expect(echo).toEqual({
      method,
      path: '/v1/fine_tuning/jobs/ftjob-1?limit=2&after=x',
      headers: expect.objectContaining({ authorization: 'Bearer k', 'x-custom': 'yes', 'openai-beta': 'assistants=v2', 'content-length': '8' }),
      contentType: 'application/octet-stream',
      bodySize: 8,
      bodySha256: sha256(bytes),
    });
    expect(echo.headers.connection).toBeUndefined();
    const [r] = mock.requests();
    expect(r).toMatchObject({ method, flavour: 'echo', endpoint: 'echo', model: '/v1/fine_tuning/jobs/ftjob-1', bodySize: 8, bodySha256: sha256(bytes) });
  });

  it('GET without a body reports size 0 and the empty hash', async () => {
    const { echo } = await bodyOf(await fetch(`${mock.url}/v1/batches/batch_1`, { headers: { authorization: 'Bearer k' } }));
    expect(echo).toMatchObject({ method: 'GET', path: '/v1/batches/batch_1', contentType: null, bodySize: 0, bodySha256: sha256('') });
  });

  it('GET with a body (sent with node:http, which fetch cannot) echoes its bytes too', async () => {
    const bytes = Buffer.from('{"filter":"a"}');
    const echo = await new Promise<any>((resolve, reject) => {
      const req = request(`${mock.url}/v1/search`, { method: 'GET', headers: { 'content-type': 'application/json', 'content-length': bytes.length } });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve(JSON.parse(text).echo));
      });
      req.on('error', reject);
      req.end(bytes);
    });
    expect(echo).toMatchObject({ method: 'GET', bodySize: bytes.length, bodySha256: sha256(bytes) });
  });

  it('keeps a JSON body verbatim (key order, spacing) and records it parsed', async () => {
    const text = '{ "b": 1,\n  "a": [true, null] }';
    const res = await fetch(`${mock.url}/v1/vector_stores/vs_1`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: text });
    expect((await bodyOf(res)).echo).toMatchObject({ bodySize: Buffer.byteLength(text), bodySha256: sha256(text) });
    expect(mock.requests()[0]).toMatchObject({ body: { b: 1, a: [true, null] }, bodySha256: sha256(text) });
  });

  it('drops hop-by-hop headers, including those named by Connection', async () => {
    const echo = await new Promise<any>((resolve, reject) => {
      const req = request(`${mock.url}/v1/files/f1`, {
        method: 'DELETE',
        headers: { connection: 'keep-alive, x-hop', 'keep-alive': 'timeout=5', 'x-hop': '1', te: 'trailers', 'x-end': '2' },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve(JSON.parse(text).echo));
      });
      req.on('error', reject);
      req.end();
    });
    expect(echo.headers['x-end']).toBe('2');
    for (const h of ['connection', 'keep-alive', 'x-hop', 'te']) expect(echo.headers[h]).toBeUndefined();
  });

  it('scripts echo routes by path, and a POST naming a model on an unknown path still 404s', async () => {
    mock.scenario('/v1/files', [{ status: 503 }]);
    const down = await fetch(`${mock.url}/v1/files`, { method: 'POST', body: 'x' });
    expect(down.status).toBe(503);
    expect((await bodyOf(down)).error.type).toBe('server_error');
    expect((await fetch(`${mock.url}/v1/files`, { method: 'POST', body: 'x' })).status).toBe(200);
    const unknown = await fetch(`${mock.url}/v1/unknown/thing`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"m"}' });
    expect(unknown.status).toBe(404);
    // Outside /v1/ nothing is echoed.
    expect((await fetch(`${mock.url}/v2/whatever`, { method: 'PUT', body: 'x' })).status).toBe(404);
  });

  it('a POST to OpenAI Assistants messages is echoed, not taken for Anthropic', async () => {
    const res = await fetch(`${mock.url}/v1/threads/thread_1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"user","content":"hi"}' });
    expect((await bodyOf(res)).echo.path).toBe('/v1/threads/thread_1/messages');
  });
});
