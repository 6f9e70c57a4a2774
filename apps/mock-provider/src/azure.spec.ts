import { startMockProvider, parseSse, type MockProvider } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function post(path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
const messages = [{ role: 'user', content: 'Hi Azure' }];
const DEPLOYMENT = '/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21';

describe('Azure OpenAI', () => {
  it('serves OpenAI bodies on deployment paths with an api-key, keyed by the deployment', async () => {
    const res = await post(DEPLOYMENT, { messages }, { 'api-key': 'k' });
    expect(res.status).toBe(200);
    expect(res.headers.get('apim-request-id')).toMatch(/^req_/);
    const json = await bodyOf(res);
    expect(json).toMatchObject({
      object: 'chat.completion',
      model: 'my-gpt4o',
      choices: [{ message: { role: 'assistant', content: 'Hello from mock azure: Hi Azure' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 2, completion_tokens: 6 },
    });
    expect(mock.count('my-gpt4o')).toBe(1);
    expect(mock.requests('my-gpt4o')[0]).toMatchObject({ flavour: 'azure', endpoint: 'chat', path: DEPLOYMENT });
  });

  it('accepts an Entra bearer token and streams like OpenAI', async () => {
    const res = await post(DEPLOYMENT, { messages, stream: true }, { authorization: 'Bearer entra-token' });
    const evs = parseSse(await res.text());
    expect(evs.pop()!.data).toBe('[DONE]');
    expect(evs.map((e) => JSON.parse(e.data).choices[0]?.delta?.content ?? '').join('')).toBe('Hello from mock azure: Hi Azure');
  });

  it('401 with Azure’s error envelope without a key', async () => {
    const res = await post(DEPLOYMENT, { messages }, {});
    expect(res.status).toBe(401);
    expect(await bodyOf(res)).toEqual({
      error: {
        code: '401',
        message: expect.stringContaining('Access denied due to invalid subscription key or wrong API endpoint'),
      },
    });
  });

  it('404 on a deployment path without api-version', async () => {
    const res = await post('/openai/deployments/d/chat/completions', { messages }, { 'api-key': 'k' });
    expect(res.status).toBe(404);
    expect(await bodyOf(res)).toEqual({ error: { code: '404', message: 'Resource not found' } });
  });

  it('serves embeddings and completions on deployment paths', async () => {
    const emb = await bodyOf(await post('/openai/deployments/emb/embeddings?api-version=2024-10-21', { input: ['a', 'b'] }, { 'api-key': 'k' }));
    expect(emb).toMatchObject({ object: 'list', model: 'emb', data: [{ index: 0 }, { index: 1 }] });
    const cmp = await bodyOf(await post('/openai/deployments/inst/completions?api-version=2024-10-21', { prompt: 'x' }, { 'api-key': 'k' }));
    expect(cmp.choices[0].text).toBe('Hello from mock azure: x');
  });

  it('treats /openai/v1/… with api-key as Azure v1 (model in the body), bearer-only as OpenAI-style (Groq)', async () => {
    const azure = await bodyOf(await post('/openai/v1/chat/completions', { model: 'dep', messages }, { 'api-key': 'k' }));
    expect(azure.choices[0].message.content).toBe('Hello from mock azure: Hi Azure');
    const groq = await bodyOf(await post('/openai/v1/chat/completions', { model: 'llama', messages }, { authorization: 'Bearer g' }));
    expect(groq.choices[0].message.content).toBe('Hello from mock openai: Hi Azure');
    const noKey = await post('/openai/v1/chat/completions?api-version=preview', { model: 'dep', messages }, {});
    expect(noKey.status).toBe(401);
    expect((await bodyOf(noKey)).error.code).toBe('401');
  });

  it('renders scripted errors in Azure’s envelope', async () => {
    mock.scenario('my-gpt4o', [{ status: 429, headers: { 'retry-after': '1' } }]);
    const res = await post(DEPLOYMENT, { messages }, { 'api-key': 'k' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect((await bodyOf(res)).error).toEqual({ code: '429', message: expect.stringContaining('exceeded call rate limit') });
  });
});
