import { parseSse, startMockProvider, type MockProvider } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const BEARER = { authorization: 'Bearer k' };
function post(path: string, body: unknown, headers: Record<string, string> = BEARER): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
const messages = [{ role: 'user', content: 'Hi local model' }];

describe('Ollama native API', () => {
  it('/api/chat streams NDJSON by default, ending with done and eval counts', async () => {
    const res = await post('/api/chat', { model: 'llama3.2', messages }, {});
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    const last = lines.pop();
    expect(lines.every((l) => l.done === false && l.model === 'llama3.2' && l.message.role === 'assistant')).toBe(true);
    expect(lines.map((l) => l.message.content).join('')).toBe('Hello from mock ollama: Hi local model');
    expect(last).toMatchObject({ done: true, done_reason: 'stop', prompt_eval_count: 3, eval_count: 7, message: { content: '' }, total_duration: expect.any(Number) });
    expect(mock.requests('llama3.2')[0]).toMatchObject({ flavour: 'ollama', endpoint: 'chat' });
  });

  it('stream: false answers one object; tools become tool_calls with object arguments; num_predict truncates', async () => {
    const json = await bodyOf(await post('/api/chat', { model: 'llama3.2', messages, stream: false, options: { num_predict: 2 } }));
    expect(json).toMatchObject({ message: { role: 'assistant', content: 'Hello from' }, done: true, done_reason: 'length', eval_count: 2 });
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const called = await bodyOf(await post('/api/chat', { model: 'llama3.2', messages, stream: false, tools }));
    expect(called.message.tool_calls).toEqual([{ function: { name: 'get_weather', arguments: { city: 'mock' } } }]);
  });

  it('/api/embed answers embeddings; errors are {error}; errorEventAfterChunks ends with an error line', async () => {
    const json = await bodyOf(await post('/api/embed', { model: 'nomic-embed-text', input: ['a', 'b'] }));
    expect(json).toMatchObject({ model: 'nomic-embed-text', embeddings: [expect.any(Array), expect.any(Array)], prompt_eval_count: 2 });
    expect(await bodyOf(await post('/api/chat', { messages }))).toEqual({ error: 'model is required' });
    mock.scenario('llama3.2', [{ errorEventAfterChunks: 1 }, { status: 404 }]);
    const lines = (await (await post('/api/chat', { model: 'llama3.2', messages })).text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toEqual({ error: 'an error was encountered while running the model' });
    const missing = await post('/api/chat', { model: 'llama3.2', messages });
    expect(missing.status).toBe(404);
    expect(await bodyOf(missing)).toEqual({ error: 'model not found, try pulling it first' });
  });
});

describe('Rerankers sharing /v1/rerank', () => {
  const docs = ['the sky is blue', 'grass is green', 'blue whales'];

  it('Voyage (rerank-* models or top_k): {object:list, data, model, usage}', async () => {
    const json = await bodyOf(await post('/v1/rerank', { model: 'rerank-2', query: 'blue sky', documents: docs, top_k: 2, return_documents: true }));
    expect(json).toEqual({
      object: 'list',
      data: [
        { relevance_score: 0.95, index: 0, document: 'the sky is blue' },
        { relevance_score: 0.5, index: 2, document: 'blue whales' },
      ],
      model: 'rerank-2',
      usage: { total_tokens: 3 * 2 + 4 + 3 + 2 },
    });
    expect(mock.requests('rerank-2')[0]).toMatchObject({ flavour: 'voyage', endpoint: 'rerank' });
  });

  it('Jina (any other model): {model, usage, results}', async () => {
    const json = await bodyOf(await post('/v1/rerank', { model: 'jina-reranker-v2-base-multilingual', query: 'blue sky', documents: docs, top_n: 1 }));
    expect(json).toEqual({ model: 'jina-reranker-v2-base-multilingual', usage: { total_tokens: 15 }, results: [{ index: 0, relevance_score: 0.95 }] });
    expect(mock.requests()[0]).toMatchObject({ flavour: 'openai', endpoint: 'rerank' });
  });
});

describe('Nomic', () => {
  it('/v1/embedding/text answers embeddings with usage; 401 without a key', async () => {
    const json = await bodyOf(await post('/v1/embedding/text', { model: 'nomic-embed-text-v1.5', texts: ['a b', 'c'], task_type: 'search_document', dimensionality: 4 }));
    expect(json).toEqual({
      embeddings: [expect.any(Array), expect.any(Array)],
      usage: { prompt_tokens: 3, total_tokens: 3 },
      model: 'nomic-embed-text-v1.5',
      inference_mode: 'remote',
    });
    expect(json.embeddings[0]).toHaveLength(4);
    expect(await bodyOf(await post('/v1/embedding/text', { model: 'x', texts: [] }, {}))).toEqual({ detail: 'Provided API key is invalid.' });
  });
});

describe('AI21 Studio', () => {
  it('chat answers without object/created, with usage and the model', async () => {
    const json = await bodyOf(await post('/studio/v1/chat/completions', { model: 'jamba-mini', messages }));
    expect(json).toEqual({
      id: expect.stringMatching(/^chat-/),
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from mock ai21: Hi local model' }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 7, total_tokens: 10 },
      model: 'jamba-mini',
    });
    expect(mock.requests('jamba-mini')[0]).toMatchObject({ flavour: 'ai21', endpoint: 'chat' });
  });

  it('streams chunks with usage null until the last, then [DONE]', async () => {
    const events = parseSse(await (await post('/studio/v1/chat/completions', { model: 'jamba-mini', messages, stream: true })).text());
    expect(events.pop()!.data).toBe('[DONE]');
    const chunks = events.map((e) => JSON.parse(e.data));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant' });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [{ delta: {}, finish_reason: 'stop' }], usage: { total_tokens: 10 } });
    expect(chunks.map((c) => c.choices[0].delta.content ?? '').join('')).toBe('Hello from mock ai21: Hi local model');
  });

  it('embed answers results[].embedding, keyed as ai21-embed; errors are {detail}', async () => {
    const json = await bodyOf(await post('/studio/v1/embed', { texts: ['a', 'b'], type: 'segment' }));
    expect(json).toEqual({ id: expect.any(String), results: [{ embedding: expect.any(Array) }, { embedding: expect.any(Array) }] });
    expect(mock.count('ai21-embed')).toBe(1);
    mock.scenario('ai21-embed', [{ status: 429 }]);
    const limited = await post('/studio/v1/embed', { texts: ['a'] });
    expect(limited.status).toBe(429);
    expect(await bodyOf(limited)).toEqual({ detail: 'Mock error 429.' });
  });
});

describe('Cloudflare Workers AI', () => {
  const ACCOUNT = '/client/v4/accounts/acc123/ai';

  it('OpenAI-compatible chat and embeddings under ai/v1', async () => {
    const chat = await bodyOf(await post(`${ACCOUNT}/v1/chat/completions`, { model: '@cf/meta/llama-3.1-8b-instruct', messages }));
    expect(chat).toMatchObject({ object: 'chat.completion', model: '@cf/meta/llama-3.1-8b-instruct', choices: [{ message: { content: 'Hello from mock workers-ai: Hi local model' } }] });
    const emb = await bodyOf(await post(`${ACCOUNT}/v1/embeddings`, { model: '@cf/baai/bge-base-en-v1.5', input: 'x' }));
    expect(emb).toMatchObject({ object: 'list', data: [{ object: 'embedding' }] });
    expect(mock.requests('@cf/meta/llama-3.1-8b-instruct')[0]).toMatchObject({ flavour: 'workers-ai', endpoint: 'chat' });
  });

  it('native ai/run/{model} wraps results in Cloudflare’s envelope, keyed by the path model', async () => {
    const json = await bodyOf(await post(`${ACCOUNT}/run/@cf/meta/llama-3.1-8b-instruct`, { messages }));
    expect(json).toEqual({
      result: { response: 'Hello from mock workers-ai: Hi local model', tool_calls: [], usage: { prompt_tokens: 3, completion_tokens: 7, total_tokens: 10 } },
      success: true,
      errors: [],
      messages: [],
    });
    const stream = parseSse(await (await post(`${ACCOUNT}/run/@cf/meta/llama-3.1-8b-instruct`, { messages, stream: true })).text());
    expect(stream.pop()!.data).toBe('[DONE]');
    expect(stream.map((e) => JSON.parse(e.data).response).join('')).toBe('Hello from mock workers-ai: Hi local model');
    const emb = await bodyOf(await post(`${ACCOUNT}/run/@cf/baai/bge-small-en-v1.5`, { text: ['a', 'b'] }));
    expect(emb.result).toMatchObject({ shape: [2, 8], data: [expect.any(Array), expect.any(Array)] });
    expect(mock.count('@cf/meta/llama-3.1-8b-instruct')).toBe(2);
  });

  it('401 in Cloudflare’s envelope without a bearer token', async () => {
    const res = await post(`${ACCOUNT}/run/@cf/meta/llama-3.1-8b-instruct`, { messages }, {});
    expect(res.status).toBe(401);
    expect(await bodyOf(res)).toEqual({ result: null, success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [] });
  });
});
