import type { StreamContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { toAi21ChatRequest, toOpenAiChatCompletion } from './chat.js';
import { createAi21ChatStream } from './chat-stream.js';

const CREATED = 1_760_000_000;

/** Shapes from https://docs.ai21.com/reference/jamba-1-6-api-ref (response and streamed results). */
const RESPONSE = {
  id: 'chat-3c7ea4d5e7ba4c2e8b3f5b8e2d7f9a10',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I help you today?', tool_calls: null }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 16, completion_tokens: 10, total_tokens: 26 },
  meta: { requestDurationMillis: 251 },
  model: 'jamba-mini-1.6-2025-03',
};

const STREAM = [
  'data: {"id":"chat-9f1b2c3d","choices":[{"index":0,"delta":{"role":"assistant"},"logprobs":null,"finish_reason":null}],"usage":null}',
  'data: {"id":"chat-9f1b2c3d","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"usage":null}',
  'data: {"id":"chat-9f1b2c3d","choices":[{"index":0,"delta":{"content":"!"},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":16,"total_tokens":18,"completion_tokens":2}}',
  'data: [DONE]',
].map((line) => ({ data: line.slice(6) }));

describe('ai21 chat', () => {
  it('joins text parts, renames developer to system and gives tool-call turns string content', () => {
    const out = toAi21ChatRequest({
      model: 'jamba-large',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather in ' }, { type: 'text', text: 'Paris?' }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp_c":18}' },
      ],
      max_completion_tokens: 512,
      n: 2,
      stop: ['\n\n'],
      response_format: { type: 'json_object' },
      stream: true,
      stream_options: { include_usage: true },
      documents: [{ content: 'Paris is in France.' }],
    });
    expect(out).toEqual({
      model: 'jamba-large',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: '', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp_c":18}' },
      ],
      max_tokens: 512,
      n: 2,
      stop: ['\n\n'],
      response_format: { type: 'json_object' },
      stream: true,
      documents: [{ content: 'Paris is in France.' }],
    });
  });

  it('refuses images, which Jamba cannot read', () => {
    expect(() => toAi21ChatRequest({ model: 'jamba-large', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] }] })).toThrow(UnsupportedRequestError);
  });

  it('adds the OpenAI fields AI21 leaves out of responses', () => {
    expect(toOpenAiChatCompletion(RESPONSE, { model: 'jamba-mini' }, CREATED)).toEqual({ ...RESPONSE, object: 'chat.completion', created: CREATED });
  });

  it('completes stream chunks and splits the usage off into the last chunk', () => {
    const ctx: StreamContext = { endpoint: 'chatComplete', options: { provider: 'ai21' }, stream: true, strictOpenAiCompliance: true, id: 'fallback', model: 'jamba-mini', created: CREATED };
    const stream = createAi21ChatStream(ctx);
    const chunks = STREAM.flatMap((e) => stream.onEvent(e));
    expect(chunks).toEqual([
      { id: 'chat-9f1b2c3d', object: 'chat.completion.chunk', created: CREATED, model: 'jamba-mini', choices: [{ index: 0, delta: { role: 'assistant' }, logprobs: null, finish_reason: null }] },
      { id: 'chat-9f1b2c3d', object: 'chat.completion.chunk', created: CREATED, model: 'jamba-mini', choices: [{ index: 0, delta: { content: 'Hello' }, logprobs: null, finish_reason: null }] },
      { id: 'chat-9f1b2c3d', object: 'chat.completion.chunk', created: CREATED, model: 'jamba-mini', choices: [{ index: 0, delta: { content: '!' }, logprobs: null, finish_reason: 'stop' }] },
      { id: 'chat-9f1b2c3d', object: 'chat.completion.chunk', created: CREATED, model: 'jamba-mini', choices: [], usage: { prompt_tokens: 16, total_tokens: 18, completion_tokens: 2 } },
    ]);
    expect(stream.onEnd()).toEqual([]);
  });
});
