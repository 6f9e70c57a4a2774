import { startMockProvider, parseSse, type MockProvider } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const HEADERS = { 'x-api-key': 'sk-ant', 'anthropic-version': '2023-06-01' };
function post(body: unknown, headers: Record<string, string> = HEADERS, path = '/v1/messages'): Promise<Response> {
  return fetch(mock.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
const base = (extra: Record<string, unknown> = {}) => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  system: 'You are terse.',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Tell me a joke' }] }],
  ...extra,
});
const REPLY = 'Hello from mock anthropic: Tell me a joke';
const TOOLS = [
  { name: 'search', description: 'web search', input_schema: { type: 'object', properties: { query: { type: 'string' }, limit: { type: 'number' } } } },
  { name: 'calc', input_schema: { type: 'object', properties: { expr: { type: 'string' } } } },
  { name: 'unused', input_schema: { type: 'object', properties: {} } },
];

describe('Anthropic messages (JSON)', () => {
  it('answers a message with a text block and full usage', async () => {
    const res = await post(base());
    expect(res.status).toBe(200);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    expect(await bodyOf(res)).toEqual({
      id: expect.stringMatching(/^msg_/),
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: REPLY }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 7, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 8 },
    });
  });

  it('also matches …/messages without /v1 and string content', async () => {
    const json = await bodyOf(await post(base({ messages: [{ role: 'user', content: 'plain' }] }), HEADERS, '/anthropic/messages'));
    expect(json.content[0].text).toBe('Hello from mock anthropic: plain');
  });

  it('stops with max_tokens when the budget is smaller than the reply', async () => {
    const json = await bodyOf(await post(base({ max_tokens: 2 })));
    expect(json).toMatchObject({ content: [{ type: 'text', text: 'Hello from' }], stop_reason: 'max_tokens', usage: { output_tokens: 2 } });
  });

  it('with tools: a text block then two tool_use blocks, stop_reason tool_use', async () => {
    const json = await bodyOf(await post(base({ tools: TOOLS })));
    expect(json.stop_reason).toBe('tool_use');
    expect(json.content).toEqual([
      { type: 'text', text: REPLY },
      { type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'search', input: { query: 'mock', limit: 1 } },
      { type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'calc', input: { expr: 'mock' } },
    ]);
    const single = await bodyOf(await post(base({ tools: TOOLS, tool_choice: { type: 'tool', name: 'calc' } })));
    expect(single.content.filter((b: any) => b.type === 'tool_use').map((b: any) => b.name)).toEqual(['calc']);
  });

  it('answers a tool_result turn with text', async () => {
    const json = await bodyOf(
      await post(
        base({
          tools: TOOLS,
          messages: [
            { role: 'user', content: 'q' },
            { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'search', input: {} }] },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'result text' }] },
          ],
        }),
      )
    );
    expect(json).toMatchObject({ content: [{ type: 'text', text: 'Hello from mock anthropic: result text' }], stop_reason: 'end_turn' });
  });

  it('counts tokens on …/messages/count_tokens', async () => {
    const json = await bodyOf(await post(base(), HEADERS, '/v1/messages/count_tokens'));
    expect(json).toEqual({ input_tokens: 7 });
  });
});

describe('Anthropic messages (stream)', () => {
  async function events(body: unknown) {
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    return parseSse(await res.text()).map((e) => {
      const data = JSON.parse(e.data);
      expect(data.type).toBe(e.event); // every event names its type twice
      return data;
    });
  }

  it('follows the documented event grammar for text', async () => {
    const evs = await events(base({ stream: true }));
    const types = evs.map((e) => e.type);
    const deltas = types.filter((t) => t === 'content_block_delta').length;
    expect(deltas).toBeGreaterThanOrEqual(2);
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...Array(deltas).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(evs[0]).toEqual({
      type: 'message_start',
      message: {
        id: expect.stringMatching(/^msg_/),
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 7, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
      },
    });
    expect(evs[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    const text = evs.filter((e) => e.type === 'content_block_delta').map((e) => {
      expect(e.index).toBe(0);
      expect(e.delta.type).toBe('text_delta');
      return e.delta.text;
    });
    expect(text.join('')).toBe(REPLY);
    expect(evs[evs.length - 3]).toEqual({ type: 'content_block_stop', index: 0 });
    expect(evs[evs.length - 2]).toEqual({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 8 } });
    expect(evs[evs.length - 1]).toEqual({ type: 'message_stop' });
  });

  it('streams tool_use blocks with input_json_delta fragments', async () => {
    const evs = await events(base({ stream: true, tools: TOOLS }));
    const starts = evs.filter((e) => e.type === 'content_block_start');
    expect(starts.map((s) => [s.index, s.content_block.type])).toEqual([
      [0, 'text'],
      [1, 'tool_use'],
      [2, 'tool_use'],
    ]);
    expect(starts[1].content_block).toEqual({ type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'search', input: {} });
    for (const [index, expected] of [
      [1, { query: 'mock', limit: 1 }],
      [2, { expr: 'mock' }],
    ] as const) {
      const frags = evs.filter((e) => e.type === 'content_block_delta' && e.index === index);
      expect(frags.length).toBeGreaterThanOrEqual(2);
      expect(frags.every((f) => f.delta.type === 'input_json_delta')).toBe(true);
      expect(JSON.parse(frags.map((f) => f.delta.partial_json).join(''))).toEqual(expected);
      // block order: start, deltas, stop
      const own = evs.filter((e) => e.index === index).map((e) => e.type);
      expect(own).toEqual(['content_block_start', ...frags.map(() => 'content_block_delta'), 'content_block_stop']);
    }
    expect(evs[evs.length - 2].delta.stop_reason).toBe('tool_use');
  });
});

describe('Anthropic legacy text completions (/v1/complete)', () => {
  const prompt = '\n\nHuman: Write a haiku\n\nAssistant:';

  it('answers a completion object', async () => {
    const res = await post({ model: 'claude-2.1', prompt, max_tokens_to_sample: 100 }, HEADERS, '/v1/complete');
    expect(await bodyOf(res)).toEqual({
      type: 'completion',
      id: expect.stringMatching(/^compl_/),
      completion: 'Hello from mock anthropic: Write a haiku',
      stop_reason: 'stop_sequence',
      model: 'claude-2.1',
    });
  });

  it('streams event: completion frames, a ping, and a final stop_reason frame', async () => {
    const res = await post({ model: 'claude-2.1', prompt, max_tokens_to_sample: 100, stream: true }, HEADERS, '/v1/complete');
    const evs = parseSse(await res.text());
    expect(evs[1]).toEqual({ event: 'ping', data: '{"type":"ping"}' });
    const completions = evs.filter((e) => e.event === 'completion').map((e) => JSON.parse(e.data));
    expect(evs.filter((e) => e.event !== 'completion' && e.event !== 'ping')).toEqual([]);
    expect(completions.map((c) => c.completion).join('')).toBe('Hello from mock anthropic: Write a haiku');
    expect(completions.slice(0, -1).every((c) => c.stop_reason === null && c.type === 'completion')).toBe(true);
    expect(completions[completions.length - 1]).toMatchObject({ completion: '', stop_reason: 'stop_sequence', model: 'claude-2.1' });
  });

  it('400 without max_tokens_to_sample', async () => {
    const res = await post({ model: 'claude-2.1', prompt }, HEADERS, '/v1/complete');
    expect(res.status).toBe(400);
    expect(await bodyOf(res)).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens_to_sample: Field required' } });
  });
});

describe('Anthropic errors', () => {
  it('401 authentication_error without x-api-key', async () => {
    const res = await post(base(), { 'anthropic-version': '2023-06-01' });
    expect(res.status).toBe(401);
    expect(await bodyOf(res)).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } });
  });

  it('400 without anthropic-version', async () => {
    const res = await post(base(), { 'x-api-key': 'k' });
    expect(res.status).toBe(400);
    expect(await bodyOf(res)).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } });
  });

  it('400 without max_tokens, with Anthropic’s exact body', async () => {
    const { max_tokens: _omit, ...noMax } = base();
    const res = await post(noMax);
    expect(res.status).toBe(400);
    expect(await bodyOf(res)).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } });
  });

  it('renders scripted 529 as overloaded_error', async () => {
    mock.scenario('claude-sonnet-4-5', [{ status: 529 }]);
    const res = await post(base());
    expect(res.status).toBe(529);
    expect(await bodyOf(res)).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  });
});

describe('Anthropic model list', () => {
  it('answers GET /v1/models in Anthropic’s shape when anthropic-version is sent (OpenAI’s otherwise)', async () => {
    const anthropic = await bodyOf(await fetch(`${mock.url}/v1/models`, { headers: HEADERS }));
    expect(anthropic).toMatchObject({ data: [{ type: 'model', id: 'claude-sonnet-4-5', display_name: expect.any(String), created_at: expect.any(String) }, {}], has_more: false });
    const openai = await bodyOf(await fetch(`${mock.url}/v1/models`, { headers: { authorization: 'Bearer sk' } }));
    expect(openai).toMatchObject({ object: 'list', data: [{ object: 'model' }] });
  });
});
