import { parseSse, startMockProvider, type MockProvider } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const AUTH = { authorization: 'Bearer co-key' };
function post(path: string, body: unknown, headers: Record<string, string> = AUTH): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
const chatBody = (extra: Record<string, unknown> = {}) => ({
  model: 'command-r-plus',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
  ],
  ...extra,
});
const REPLY = 'Hello from mock cohere: Weather in Paris?';
const TOOLS = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
];

describe('Cohere v2 chat', () => {
  it('answers a v2 chat response with billed and raw token usage', async () => {
    const res = await post('/v2/chat', chatBody());
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toEqual({
      id: expect.any(String),
      finish_reason: 'COMPLETE',
      message: { role: 'assistant', content: [{ type: 'text', text: REPLY }] },
      usage: { billed_units: { input_tokens: 5, output_tokens: 7 }, tokens: { input_tokens: 12, output_tokens: 7 } },
    });
    expect(mock.requests('command-r-plus')[0]).toMatchObject({ flavour: 'cohere', endpoint: 'chat' });
  });

  it('plans and calls tools; NONE disables them; a tool result ends the loop; max_tokens truncates', async () => {
    const json = await bodyOf(await post('/v2/chat', chatBody({ tools: TOOLS })));
    expect(json.finish_reason).toBe('TOOL_CALL');
    expect(json.message).toEqual({
      role: 'assistant',
      tool_plan: 'I will call get_weather and get_time.',
      tool_calls: [
        { id: expect.stringMatching(/^get_weather_/), type: 'function', function: { name: 'get_weather', arguments: '{"city":"mock"}' } },
        { id: expect.stringMatching(/^get_time_/), type: 'function', function: { name: 'get_time', arguments: '{}' } },
      ],
    });
    expect((await bodyOf(await post('/v2/chat', chatBody({ tools: TOOLS, tool_choice: 'NONE' })))).finish_reason).toBe('COMPLETE');
    const after = await bodyOf(
      await post('/v2/chat', {
        model: 'command-r-plus',
        messages: [
          { role: 'user', content: 'Weather?' },
          { role: 'assistant', tool_calls: json.message.tool_calls },
          { role: 'tool', tool_call_id: 'x', content: [{ type: 'document', document: { data: '{"temp":21}' } }] },
        ],
        tools: TOOLS,
      }),
    );
    expect(after.message.content[0].text).toBe('Hello from mock cohere: {"temp":21}');
    const cut = await bodyOf(await post('/v2/chat', chatBody({ max_tokens: 2 })));
    expect(cut).toMatchObject({ finish_reason: 'MAX_TOKENS', message: { content: [{ text: 'Hello from' }] } });
  });

  it('streams message-start, content-start/delta/end, message-end with usage (named SSE events)', async () => {
    const res = await post('/v2/chat', chatBody({ stream: true }));
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseSse(await res.text());
    const types = events.map((e) => e.event);
    expect(events.every((e) => JSON.parse(e.data).type === e.event)).toBe(true);
    expect(types[0]).toBe('message-start');
    expect(types[1]).toBe('content-start');
    expect(types.slice(-2)).toEqual(['content-end', 'message-end']);
    const data = events.map((e) => JSON.parse(e.data));
    expect(data[0].delta.message).toEqual({ role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] });
    const text = data.filter((d) => d.type === 'content-delta').map((d) => d.delta.message.content.text).join('');
    expect(text).toBe(REPLY);
    expect(data.at(-1)).toEqual({
      type: 'message-end',
      delta: { finish_reason: 'COMPLETE', usage: { billed_units: { input_tokens: 5, output_tokens: 7 }, tokens: { input_tokens: 12, output_tokens: 7 } } },
    });
  });

  it('streams tool-plan-delta and tool-call-start/delta/end', async () => {
    const data = parseSse(await (await post('/v2/chat', chatBody({ stream: true, tools: TOOLS }))).text()).map((e) => JSON.parse(e.data));
    const types = data.map((d) => d.type);
    expect(types.filter((t) => t === 'tool-call-start')).toHaveLength(2);
    expect(types.indexOf('tool-plan-delta')).toBeLessThan(types.indexOf('tool-call-start'));
    expect(data.filter((d) => d.type === 'tool-plan-delta').map((d) => d.delta.message.tool_plan).join('')).toBe('I will call get_weather and get_time.');
    const start = data.find((d) => d.type === 'tool-call-start');
    expect(start).toMatchObject({ index: 0, delta: { message: { tool_calls: { type: 'function', function: { name: 'get_weather', arguments: '' } } } } });
    const args = data.filter((d) => d.type === 'tool-call-delta' && d.index === 0).map((d) => d.delta.message.tool_calls.function.arguments).join('');
    expect(args).toBe('{"city":"mock"}');
    expect(data.filter((d) => d.type === 'tool-call-end').map((d) => d.index)).toEqual([0, 1]);
    expect(data.at(-1).delta.finish_reason).toBe('TOOL_CALL');
  });

  it('401 without a bearer key; scripted statuses use Cohere’s {id, message}', async () => {
    const res = await post('/v2/chat', chatBody(), {});
    expect(res.status).toBe(401);
    expect(await bodyOf(res)).toEqual({ id: expect.any(String), message: 'no api key supplied' });
    mock.scenario('command-r-plus', [{ status: 429 }]);
    const limited = await post('/v2/chat', chatBody());
    expect(limited.status).toBe(429);
    expect((await bodyOf(limited)).message).toMatch(/per-minute request limit/);
  });

  it('errorEventAfterChunks ends the stream with a message-end carrying an error', async () => {
    mock.scenario('command-r-plus', [{ errorEventAfterChunks: 2 }]);
    const data = parseSse(await (await post('/v2/chat', chatBody({ stream: true }))).text()).map((e) => JSON.parse(e.data));
    expect(data.map((d) => d.type)).toEqual(['message-start', 'content-start', 'message-end']);
    expect(data[2].delta).toMatchObject({ error: expect.stringContaining('internal server error'), finish_reason: 'ERROR' });
  });
});

describe('Cohere embed, rerank and generate', () => {
  it('embeds texts as embeddings.float (and base64 when asked)', async () => {
    const json = await bodyOf(await post('/v2/embed', { model: 'embed-english-v3.0', texts: ['a b', 'c'], input_type: 'search_document', embedding_types: ['float', 'base64'] }));
    expect(json.embeddings.float).toHaveLength(2);
    expect(json.embeddings.float[0]).toHaveLength(8);
    const bytes = Buffer.from(json.embeddings.base64[0], 'base64');
    const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    expect(floats[0]).toBeCloseTo(json.embeddings.float[0][0], 5);
    expect(json).toMatchObject({ texts: ['a b', 'c'], response_type: 'embeddings_by_type', meta: { billed_units: { input_tokens: 3 } } });
  });

  it('reranks with results[{index, relevance_score}] and billed search units', async () => {
    const json = await bodyOf(await post('/v2/rerank', { model: 'rerank-v3.5', query: 'red apple', documents: ['green pear', 'red apple pie'], top_n: 1 }));
    expect(json).toMatchObject({ results: [{ index: 1, relevance_score: 0.95 }], meta: { billed_units: { search_units: 1 } } });
  });

  it('generates (legacy /v1/generate) as JSON and as NDJSON', async () => {
    const json = await bodyOf(await post('/v1/generate', { model: 'command', prompt: 'Say hi' }));
    expect(json).toMatchObject({ generations: [{ text: 'Hello from mock cohere: Say hi', finish_reason: 'COMPLETE' }], meta: { billed_units: { input_tokens: 2, output_tokens: 6 } } });
    const res = await post('/v1/generate', { model: 'command', prompt: 'Say hi', stream: true });
    expect(res.headers.get('content-type')).toBe('application/stream+json');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    const end = lines.pop();
    expect(end).toMatchObject({ is_finished: true, event_type: 'stream-end', finish_reason: 'COMPLETE' });
    expect(lines.every((l) => l.event_type === 'text-generation' && l.is_finished === false)).toBe(true);
    expect(lines.map((l) => l.text).join('')).toBe('Hello from mock cohere: Say hi');
  });
});
