import { startMockProvider, parseSse, type MockProvider } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const AUTH = { authorization: 'Bearer sk-test' };

function post(path: string, body: unknown, headers: Record<string, string> = AUTH): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

const QUESTION = 'What is the weather in Paris today?';
const REPLY = `Hello from mock openai: ${QUESTION}`;
const chatBody = (extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: QUESTION },
  ],
  ...extra,
});
const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' }, unit: { type: 'string', enum: ['c', 'f'] } } },
    },
  },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } } },
  { type: 'function', function: { name: 'third', parameters: { type: 'object', properties: {} } } },
];

describe('OpenAI chat completions (JSON)', () => {
  it('answers a chat.completion echoing the last user text with word-count usage', async () => {
    const res = await post('/v1/chat/completions', chatBody());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const json = await bodyOf(res);
    expect(json).toEqual({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gpt-4o-mini',
      choices: [
        { index: 0, message: { role: 'assistant', content: REPLY, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' },
      ],
      usage: {
        prompt_tokens: 9, // "Be brief." (2) + question (7)
        completion_tokens: 11,
        total_tokens: 20,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
      service_tier: 'default',
      system_fingerprint: 'fp_mock',
    });
  });

  it.each([
    '/v1/chat/completions',
    '/chat/completions',
    '/openai/v1/chat/completions',
    '/inference/v1/chat/completions',
    '/api/v1/chat/completions',
    '/v1/openai/chat/completions',
  ])('matches any base-URL prefix: %s', async (path) => {
    const res = await post(path, chatBody());
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).choices[0].message.content).toBe(REPLY);
  });

  it('echoes text parts and truncates the echo to 40 characters', async () => {
    const long = 'abcdefghij '.repeat(6); // 66 chars
    const res = await post('/v1/chat/completions', {
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'text', text: long }, { type: 'image_url', image_url: { url: 'data:x' } }] }],
    });
    expect((await bodyOf(res)).choices[0].message.content).toBe(`Hello from mock openai: ${long.slice(0, 40)}`);
  });

  it('stops with finish_reason length when max_tokens is smaller than the reply', async () => {
    const json = await bodyOf(await post('/v1/chat/completions', chatBody({ max_completion_tokens: 3 })));
    expect(json.choices[0]).toMatchObject({ message: { content: 'Hello from mock' }, finish_reason: 'length' });
    expect(json.usage.completion_tokens).toBe(3);
  });

  it('calls the first two tools with schema-shaped arguments', async () => {
    const json = await bodyOf(await post('/v1/chat/completions', chatBody({ tools: TOOLS })));
    expect(json.choices[0].finish_reason).toBe('tool_calls');
    const msg = json.choices[0].message;
    expect(msg.content).toBeNull();
    expect(msg.tool_calls).toEqual([
      { id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_weather', arguments: '{"city":"mock","days":1,"unit":"c"}' } },
      { id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_time', arguments: '{"tz":"mock"}' } },
    ]);
  });

  it('calls one tool for a single tool, a forced tool, or parallel_tool_calls:false; none for tool_choice none', async () => {
    const one = await bodyOf(await post('/v1/chat/completions', chatBody({ tools: [TOOLS[0]] })));
    expect(one.choices[0].message.tool_calls.map((t: any) => t.function.name)).toEqual(['get_weather']);
    const forced = await bodyOf(await post('/v1/chat/completions', chatBody({ tools: TOOLS, tool_choice: { type: 'function', function: { name: 'third' } } })));
    expect(forced.choices[0].message.tool_calls.map((t: any) => [t.function.name, t.function.arguments])).toEqual([['third', '{}']]);
    const serial = await bodyOf(await post('/v1/chat/completions', chatBody({ tools: TOOLS, parallel_tool_calls: false })));
    expect(serial.choices[0].message.tool_calls).toHaveLength(1);
    const none = await bodyOf(await post('/v1/chat/completions', chatBody({ tools: TOOLS, tool_choice: 'none' })));
    expect(none.choices[0]).toMatchObject({ message: { content: REPLY }, finish_reason: 'stop' });
  });

  it('answers a tool result with text (so agent loops terminate)', async () => {
    const json = await bodyOf(
      await post('/v1/chat/completions', {
        model: 'm',
        tools: TOOLS,
        messages: [
          { role: 'user', content: QUESTION },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'c1', content: '18C and sunny' },
        ],
      })
    );
    expect(json.choices[0]).toMatchObject({ message: { content: 'Hello from mock openai: 18C and sunny' }, finish_reason: 'stop' });
  });
});

describe('OpenAI chat completions (stream)', () => {
  async function events(body: unknown) {
    const res = await post('/v1/chat/completions', body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const text = await res.text();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const evs = parseSse(text);
    expect(evs.every((e) => e.event === undefined)).toBe(true);
    expect(evs[evs.length - 1]!.data).toBe('[DONE]');
    return evs.slice(0, -1).map((e) => JSON.parse(e.data));
  }

  it('streams a role chunk, content chunks, a finish chunk, then [DONE] (no usage chunk unless asked)', async () => {
    const chunks = await events(chatBody({ stream: true }));
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    const id = chunks[0].id;
    for (const c of chunks) {
      expect(c).toMatchObject({ id, object: 'chat.completion.chunk', model: 'gpt-4o-mini', created: expect.any(Number) });
      expect(c).not.toHaveProperty('usage');
      expect(c.choices).toHaveLength(1);
    }
    expect(chunks[0].choices[0]).toEqual({ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null });
    const middle = chunks.slice(1, -1);
    expect(middle.length).toBeGreaterThanOrEqual(2);
    expect(middle.every((c) => Object.keys(c.choices[0].delta).join() === 'content' && c.choices[0].finish_reason === null)).toBe(true);
    expect(middle.map((c) => c.choices[0].delta.content).join('')).toBe(REPLY);
    expect(chunks[chunks.length - 1].choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });
  });

  it('adds usage:null to every chunk and a final choices:[] usage chunk with include_usage', async () => {
    const chunks = await events(chatBody({ stream: true, stream_options: { include_usage: true } }));
    const last = chunks[chunks.length - 1];
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 11, total_tokens: 20 });
    for (const c of chunks.slice(0, -1)) expect(c.usage).toBeNull();
    expect(chunks[chunks.length - 2].choices[0].finish_reason).toBe('stop');
  });

  it('streams tool-call deltas: id/type/name first, arguments over several chunks, indexes 0 and 1', async () => {
    const chunks = await events(chatBody({ stream: true, tools: TOOLS }));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: null, refusal: null });
    const deltas = chunks.flatMap((c) => c.choices[0].delta.tool_calls ?? []);
    for (const index of [0, 1]) {
      const mine = deltas.filter((d: any) => d.index === index);
      expect(mine[0]).toEqual({ index, id: expect.stringMatching(/^call_/), type: 'function', function: { name: index === 0 ? 'get_weather' : 'get_time', arguments: '' } });
      const rest = mine.slice(1);
      expect(rest.length).toBeGreaterThanOrEqual(2);
      for (const d of rest) expect(Object.keys(d).sort()).toEqual(['function', 'index']);
      const args = rest.map((d: any) => d.function.arguments).join('');
      expect(JSON.parse(args)).toEqual(index === 0 ? { city: 'mock', days: 1, unit: 'c' } : { tz: 'mock' });
    }
    // every delta of tool 0 comes before tool 1's
    const order = deltas.map((d: any) => d.index);
    expect(order).toEqual([...order].sort());
    expect(chunks[chunks.length - 1].choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'tool_calls' });
  });
});

describe('OpenAI text completions and embeddings', () => {
  it('answers text_completion JSON and stream', async () => {
    const json = await bodyOf(await post('/v1/completions', { model: 'gpt-3.5-turbo-instruct', prompt: 'Say hi' }));
    expect(json).toMatchObject({
      object: 'text_completion',
      model: 'gpt-3.5-turbo-instruct',
      choices: [{ text: 'Hello from mock openai: Say hi', index: 0, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 2, completion_tokens: 6, total_tokens: 8 },
    });
    const text = await (await post('/v1/completions', { model: 'x', prompt: ['ignored', 'Say hi'], stream: true, stream_options: { include_usage: true } })).text();
    const evs = parseSse(text);
    expect(evs.pop()!.data).toBe('[DONE]');
    const chunks = evs.map((e) => JSON.parse(e.data));
    const usage = chunks.pop();
    expect(usage).toMatchObject({ object: 'text_completion', choices: [], usage: { completion_tokens: 6 } });
    expect(chunks.map((c) => c.choices[0].text).join('')).toBe('Hello from mock openai: Say hi');
    expect(chunks[chunks.length - 1].choices[0]).toMatchObject({ text: '', finish_reason: 'stop' });
  });

  it('embeds a string or an array deterministically, honouring dimensions and base64', async () => {
    const one = await bodyOf(await post('/v1/embeddings', { model: 'text-embedding-3-small', input: 'hello world' }));
    expect(one).toEqual({
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: expect.any(Array) }],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
    expect(one.data[0].embedding).toHaveLength(8);
    const many = await bodyOf(await post('/embeddings', { model: 'e', input: ['hello world', 'other'], dimensions: 4 }));
    expect(many.data.map((d: any) => d.index)).toEqual([0, 1]);
    expect(many.data[0].embedding).toHaveLength(4);
    const again = await bodyOf(await post('/v1/embeddings', { model: 'e', input: ['hello world'], dimensions: 4 }));
    expect(again.data[0].embedding).toEqual(many.data[0].embedding);
    expect(many.data[1].embedding).not.toEqual(many.data[0].embedding);
    const b64 = await bodyOf(await post('/v1/embeddings', { model: 'e', input: 'hello world', dimensions: 4, encoding_format: 'base64' }));
    const bytes = Buffer.from(b64.data[0].embedding, 'base64');
    const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    expect(floats).toHaveLength(4);
    expect(Array.from(floats).map((f) => Math.round(f * 1e4))).toEqual(many.data[0].embedding.map((f: number) => Math.round(f * 1e4)));
  });

  it('lists models on GET …/models', async () => {
    const res = await fetch(`${mock.url}/v1/models`, { headers: AUTH });
    expect(await bodyOf(res)).toMatchObject({ object: 'list', data: [{ object: 'model' }] });
  });
});

describe('OpenAI errors', () => {
  it('401 without a bearer key, in OpenAI’s envelope', async () => {
    const res = await post('/v1/chat/completions', chatBody(), {});
    expect(res.status).toBe(401);
    const json = await bodyOf(res);
    expect(json).toEqual({ error: { message: expect.stringContaining("didn't provide an API key"), type: 'invalid_request_error', param: null, code: null } });
  });

  it('400 for a missing messages array or bad JSON', async () => {
    const res = await post('/v1/chat/completions', { model: 'm' });
    expect(res.status).toBe(400);
    expect(await bodyOf(res)).toEqual({
      error: { message: "Missing required parameter: 'messages'.", type: 'invalid_request_error', param: 'messages', code: 'missing_required_parameter' },
    });
    const bad = await fetch(`${mock.url}/v1/chat/completions`, { method: 'POST', headers: AUTH, body: '{nope' });
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.type).toBe('invalid_request_error');
  });

  it('404 for unknown paths, still recorded', async () => {
    const res = await post('/v1/unknown/thing', { model: 'm' });
    expect(res.status).toBe(404);
    expect((await bodyOf(res)).error.message).toBe('Invalid URL (POST /v1/unknown/thing)');
    expect(mock.requests()).toEqual([expect.objectContaining({ path: '/v1/unknown/thing', model: 'm' })]);
    expect(mock.requests()[0]!.flavour).toBeUndefined();
  });
});
