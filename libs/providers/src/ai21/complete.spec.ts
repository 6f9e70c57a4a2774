import type { StreamContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { ai21 } from './ai21.provider.js';
import { createAi21CompleteStream, toOpenAiTextCompletion } from './complete.js';

const CREATED = 1_760_000_000;
const ctx = { endpoint: 'complete' as const, options: { provider: 'ai21' }, stream: false, strictOpenAiCompliance: true };

describe('ai21 completions on the Jamba chat endpoint', () => {
  it('sends the prompt as one user message to /chat/completions', () => {
    const complete = ai21.endpoints.complete!;
    expect(complete.path({}, ctx)).toBe('/chat/completions');
    expect(complete.request!({ model: 'jamba-mini', prompt: 'Complete: One fish, two fish', max_tokens: 20, temperature: 0.2, stop: '.', logprobs: 2, stream_options: { include_usage: true } }, ctx)).toEqual({
      model: 'jamba-mini',
      messages: [{ role: 'user', content: 'Complete: One fish, two fish' }],
      max_tokens: 20,
      temperature: 0.2,
      stop: '.',
    });
  });

  it('refuses what a chat endpoint cannot do', () => {
    const request = ai21.endpoints.complete!.request!;
    expect(() => request({ model: 'jamba-mini', prompt: ['a', 'b'] }, ctx)).toThrow(UnsupportedRequestError);
    expect(() => request({ model: 'jamba-mini', prompt: 'a', echo: true }, ctx)).toThrow(UnsupportedRequestError);
  });

  it('answers a text_completion', () => {
    const body = {
      id: 'chat-1a2b',
      choices: [{ index: 0, message: { role: 'assistant', content: 'red fish, blue fish.' }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18 },
      model: 'jamba-mini-1.6-2025-03',
    };
    expect(toOpenAiTextCompletion(body, { model: 'jamba-mini' }, CREATED)).toEqual({
      id: 'chat-1a2b',
      object: 'text_completion',
      created: CREATED,
      model: 'jamba-mini-1.6-2025-03',
      choices: [{ index: 0, text: 'red fish, blue fish.', logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18 },
    });
  });

  it('streams text_completion chunks and the usage last', () => {
    const streamCtx: StreamContext = { ...ctx, stream: true, id: 'fallback', model: 'jamba-mini', created: CREATED };
    const stream = createAi21CompleteStream(streamCtx);
    const chunks = [
      '{"id":"chat-7","choices":[{"index":0,"delta":{"role":"assistant"},"logprobs":null,"finish_reason":null}],"usage":null}',
      '{"id":"chat-7","choices":[{"index":0,"delta":{"content":"red fish"},"logprobs":null,"finish_reason":null}],"usage":null}',
      '{"id":"chat-7","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"total_tokens":15,"completion_tokens":3}}',
    ].flatMap((data) => stream.onEvent({ data }));
    expect(chunks).toEqual([
      { id: 'chat-7', object: 'text_completion', created: CREATED, model: 'jamba-mini', choices: [{ index: 0, text: 'red fish', logprobs: null, finish_reason: null }] },
      { id: 'chat-7', object: 'text_completion', created: CREATED, model: 'jamba-mini', choices: [{ index: 0, text: '', logprobs: null, finish_reason: 'stop' }] },
      { id: 'chat-7', object: 'text_completion', created: CREATED, model: 'jamba-mini', choices: [], usage: { prompt_tokens: 12, total_tokens: 15, completion_tokens: 3 } },
    ]);
  });
});
