import { Recorder, RING_SIZE } from './recorder.js';
import { startMockProvider, type MockProvider, type RecordedRequest } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function post(path: string, body: unknown, headers: Record<string, string> = { authorization: 'Bearer k' }): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('request recording', () => {
  it('records method, path with query, headers and the parsed body', async () => {
    await post('/v1/chat/completions?trace=1', { model: 'rec', messages: [{ role: 'user', content: 'x' }] }, { authorization: 'Bearer k', 'x-custom': 'yes' });
    const [r] = mock.requests('rec');
    expect(r).toEqual({
      seq: 1,
      time: expect.any(Number),
      method: 'POST',
      path: '/v1/chat/completions?trace=1',
      headers: expect.objectContaining({ authorization: 'Bearer k', 'x-custom': 'yes', 'content-type': 'application/json' }),
      body: { model: 'rec', messages: [{ role: 'user', content: 'x' }] },
      model: 'rec',
      bodyModel: undefined,
      flavour: 'openai',
      endpoint: 'chat',
    });
  });

  it('records a non-JSON body as text and failed (401) requests too', async () => {
    await fetch(`${mock.url}/v1/messages`, { method: 'POST', body: 'not json' });
    const [r] = mock.requests();
    expect(r).toMatchObject({ body: 'not json', flavour: 'anthropic', endpoint: 'messages' });
    expect(r!.model).toBeUndefined();
  });

  it('counts per model and overall; filters by model', async () => {
    await post('/v1/chat/completions', { model: 'a', messages: [] });
    await post('/v1/chat/completions', { model: 'b', messages: [] });
    await post('/v1/chat/completions', { model: 'a', messages: [] });
    await post('/v1beta/models/g:generateContent', { contents: [] }, { 'x-goog-api-key': 'k' });
    expect(mock.count()).toBe(4);
    expect(mock.count('a')).toBe(2);
    expect(mock.count('g')).toBe(1);
    expect(mock.count('zzz')).toBe(0);
    expect(mock.requests('a').map((r) => r.seq)).toEqual([1, 3]);
    expect(mock.requests().map((r) => r.model)).toEqual(['a', 'b', 'a', 'g']);
  });

  it('serves the same over the control API, and does not record control calls', async () => {
    await post('/v1/chat/completions', { model: 'a', messages: [] });
    await post('/v1/chat/completions', { model: 'b', messages: [] });
    const list = (await bodyOf(await fetch(`${mock.url}/__mock/requests?model=b`))) as RecordedRequest[];
    expect(list.map((r) => [r.model, r.path])).toEqual([['b', '/v1/chat/completions']]);
    expect(await bodyOf(await fetch(`${mock.url}/__mock/count?model=a`))).toEqual({ count: 1 });
    expect(await bodyOf(await fetch(`${mock.url}/__mock/count`))).toEqual({ count: 2 });
    expect(await bodyOf(await fetch(`${mock.url}/__mock/health`))).toEqual({ ok: true });
    expect((await fetch(`${mock.url}/__mock/nope`)).status).toBe(404);
    expect(mock.count()).toBe(2);
  });

  it('reset clears records, counters and scenarios (HTTP and in-process)', async () => {
    mock.scenario('r', [{ status: 500 }]);
    await post('/v1/chat/completions', { model: 'x', messages: [] });
    expect(await bodyOf(await post('/__mock/reset', {}))).toEqual({ ok: true });
    expect(mock.count()).toBe(0);
    expect(mock.requests()).toEqual([]);
    expect((await post('/v1/chat/completions', { model: 'r', messages: [] })).status).toBe(200);
    mock.scenario('r', [{ status: 500 }]);
    mock.reset();
    expect((await post('/v1/chat/completions', { model: 'r', messages: [] })).status).toBe(200);
    expect(mock.requests().map((r) => r.seq)).toEqual([1]);
  });
});

describe('Recorder ring', () => {
  it(`keeps only the last ${RING_SIZE} records but counts all`, () => {
    const rec = new Recorder();
    const total = RING_SIZE + 250;
    for (let i = 0; i < total; i++) {
      rec.record({ seq: 0, time: 0, method: 'POST', path: '/', headers: {}, body: undefined, model: i % 2 ? 'odd' : 'even' });
    }
    const all = rec.list();
    expect(all).toHaveLength(RING_SIZE);
    expect(all[0]!.seq).toBe(251);
    expect(all[all.length - 1]!.seq).toBe(total);
    expect(rec.count()).toBe(total);
    expect(rec.count('odd')).toBe(total / 2);
    expect(rec.list('odd')).toHaveLength(RING_SIZE / 2);
    rec.clear();
    expect(rec.list()).toEqual([]);
    expect(rec.count('odd')).toBe(0);
  });
});
