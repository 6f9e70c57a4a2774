import { startMockProvider, parseSse, type MockProvider } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const KEY = { 'x-goog-api-key': 'AIza-test' };
function post(path: string, body: unknown, headers: Record<string, string> = KEY): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
const M = '/v1beta/models/gemini-2.0-flash';
const body = (extra: Record<string, unknown> = {}) => ({
  systemInstruction: { parts: [{ text: 'Be kind.' }] },
  contents: [{ role: 'user', parts: [{ text: 'Name three colours please' }] }],
  ...extra,
});
const REPLY = 'Hello from mock gemini: Name three colours please';
const TOOLS = [
  {
    functionDeclarations: [
      { name: 'lookup', parameters: { type: 'OBJECT', properties: { term: { type: 'STRING' }, exact: { type: 'BOOLEAN' } } } },
      { name: 'translate', parameters: { type: 'OBJECT', properties: { lang: { type: 'STRING' } } } },
      { name: 'third' },
    ],
  },
];

describe('Gemini generateContent', () => {
  it('answers a GenerateContentResponse', async () => {
    const res = await post(`${M}:generateContent`, body());
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toEqual({
      candidates: [{ content: { parts: [{ text: REPLY }], role: 'model' }, finishReason: 'STOP', index: 0 }],
      usageMetadata: {
        promptTokenCount: 6,
        candidatesTokenCount: 8,
        totalTokenCount: 14,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: 6 }],
      },
      modelVersion: 'gemini-2.0-flash',
      responseId: expect.any(String),
    });
    expect(mock.requests('gemini-2.0-flash')).toHaveLength(1);
  });

  it('accepts the key as ?key= and matches Vertex-style publisher paths', async () => {
    const q = await post(`${M}:generateContent?key=abc`, body(), {});
    expect(q.status).toBe(200);
    const vertex = await post('/v1/projects/p/locations/us-central1/publishers/google/models/gemini-pro:generateContent', body(), {
      authorization: 'Bearer ya29',
    });
    expect((await bodyOf(vertex)).modelVersion).toBe('gemini-pro');
    const tuned = await post('/v1beta/tunedModels/my-tune:generateContent', body());
    expect((await bodyOf(tuned)).modelVersion).toBe('tunedModels/my-tune');
    expect(mock.count('tunedModels/my-tune')).toBe(1);
    expect((await post('/v1beta/other/thing:generateContent', body())).status).toBe(404);
  });

  it('400 API_KEY_INVALID without a key', async () => {
    const res = await post(`${M}:generateContent`, body(), {});
    expect(res.status).toBe(400);
    const json = await bodyOf(res);
    expect(json.error).toMatchObject({ code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' });
    expect(json.error.details[0].reason).toBe('API_KEY_INVALID');
  });

  it('stops with MAX_TOKENS under generationConfig.maxOutputTokens', async () => {
    const json = await bodyOf(await post(`${M}:generateContent`, body({ generationConfig: { maxOutputTokens: 3 } })));
    expect(json.candidates[0]).toMatchObject({ content: { parts: [{ text: 'Hello from mock' }] }, finishReason: 'MAX_TOKENS' });
    expect(json.usageMetadata.candidatesTokenCount).toBe(3);
  });

  it('replies with two functionCall parts when two or more declarations are given', async () => {
    const json = await bodyOf(await post(`${M}:generateContent`, body({ tools: TOOLS })));
    expect(json.candidates[0]).toEqual({
      content: {
        role: 'model',
        parts: [{ functionCall: { name: 'lookup', args: { term: 'mock', exact: true } } }, { functionCall: { name: 'translate', args: { lang: 'mock' } } }],
      },
      finishReason: 'STOP',
      index: 0,
    });
    const none = await bodyOf(await post(`${M}:generateContent`, body({ tools: TOOLS, toolConfig: { functionCallingConfig: { mode: 'NONE' } } })));
    expect(none.candidates[0].content.parts).toEqual([{ text: REPLY }]);
    const allowed = await bodyOf(
      await post(`${M}:generateContent`, body({ tools: TOOLS, toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['third'] } } }))
    );
    expect(allowed.candidates[0].content.parts).toEqual([{ functionCall: { name: 'third', args: {} } }]);
  });

  it('answers a functionResponse turn with text', async () => {
    const json = await bodyOf(
      await post(
        `${M}:generateContent`,
        body({
          tools: TOOLS,
          contents: [
            { role: 'user', parts: [{ text: 'x' }] },
            { role: 'model', parts: [{ functionCall: { name: 'lookup', args: {} } }] },
            { role: 'user', parts: [{ functionResponse: { name: 'lookup', response: { ok: 1 } } }] },
          ],
        }),
      )
    );
    expect(json.candidates[0].content.parts).toEqual([{ text: 'Hello from mock gemini: {"ok":1}' }]);
  });
});

describe('Gemini streamGenerateContent', () => {
  it('streams SSE (CRLF-separated) GenerateContentResponses with cumulative usage and finishReason last', async () => {
    const res = await post(`${M}:streamGenerateContent?alt=sse`, body());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const text = await res.text();
    expect(text.startsWith('data: {')).toBe(true);
    expect(text.endsWith('}\r\n\r\n')).toBe(true);
    expect(text).not.toMatch(/[^\r]\n\n/);
    const chunks = parseSse(text).map((e) => JSON.parse(e.data));
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    const ids = new Set(chunks.map((c) => c.responseId));
    expect(ids.size).toBe(1);
    let previous = 0;
    chunks.forEach((c, i) => {
      const last = i === chunks.length - 1;
      expect(c.modelVersion).toBe('gemini-2.0-flash');
      expect(c.candidates).toHaveLength(1);
      expect(c.candidates[0].content.role).toBe('model');
      expect('finishReason' in c.candidates[0]).toBe(last);
      expect(c.usageMetadata.promptTokenCount).toBe(6);
      expect(c.usageMetadata.candidatesTokenCount).toBeGreaterThan(previous);
      expect(c.usageMetadata.totalTokenCount).toBe(6 + c.usageMetadata.candidatesTokenCount);
      previous = c.usageMetadata.candidatesTokenCount;
    });
    expect(chunks[chunks.length - 1].candidates[0].finishReason).toBe('STOP');
    expect(previous).toBe(8);
    expect(chunks.map((c) => c.candidates[0].content.parts[0].text).join('')).toBe(REPLY);
  });

  it('streams function calls', async () => {
    const text = await (await post(`${M}:streamGenerateContent?alt=sse`, body({ tools: TOOLS }))).text();
    const chunks = parseSse(text).map((e) => JSON.parse(e.data));
    const parts = chunks.flatMap((c) => c.candidates[0].content.parts);
    expect(parts.map((p: any) => p.functionCall.name)).toEqual(['lookup', 'translate']);
    expect(chunks[chunks.length - 1].candidates[0].finishReason).toBe('STOP');
  });

  it('without alt=sse streams one JSON array', async () => {
    const res = await post(`${M}:streamGenerateContent`, body());
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const arr = await bodyOf(res);
    expect(Array.isArray(arr)).toBe(true);
    expect(arr.map((c: any) => c.candidates[0].content.parts[0].text).join('')).toBe(REPLY);
  });
});

describe('Gemini embeddings and countTokens', () => {
  it('embedContent and batchEmbedContents', async () => {
    const one = await bodyOf(await post('/v1beta/models/text-embedding-004:embedContent', { content: { parts: [{ text: 'hello' }] } }));
    expect(one).toEqual({ embedding: { values: expect.any(Array) } });
    expect(one.embedding.values).toHaveLength(8);
    const batch = await bodyOf(
      await post('/v1beta/models/text-embedding-004:batchEmbedContents', {
        requests: [
          { model: 'models/text-embedding-004', content: { parts: [{ text: 'hello' }] } },
          { model: 'models/text-embedding-004', content: { parts: [{ text: 'bye' }] }, outputDimensionality: 3 },
        ],
      })
    );
    expect(batch.embeddings).toHaveLength(2);
    expect(batch.embeddings[0].values).toEqual(one.embedding.values);
    expect(batch.embeddings[1].values).toHaveLength(3);
  });

  it('countTokens', async () => {
    expect(await bodyOf(await post(`${M}:countTokens`, body()))).toEqual({ totalTokens: 6 });
  });
});
