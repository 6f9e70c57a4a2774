import type { ResponseContext } from '../core/types.js';
import { mistralFim } from './fim.js';
import { mistralAi } from './mistral-ai.provider.js';

const ctx = { endpoint: 'complete', options: { provider: 'mistral-ai' }, stream: false, strictOpenAiCompliance: true, model: 'codestral-latest' } as ResponseContext;

describe('Mistral FIM', () => {
  it('serves /v1/completions from /fim/completions, body untouched', () => {
    expect(mistralAi.endpoints.complete).toBe(mistralFim);
    expect(mistralFim.path({}, ctx)).toBe('/fim/completions');
    expect(mistralFim.request).toBeUndefined();
  });

  it('turns Mistral’s chat-shaped FIM answer into a text completion', () => {
    const body = {
      id: 'cmpl-1', object: 'chat.completion', created: 1, model: 'codestral-latest',
      choices: [{ index: 0, message: { role: 'assistant', content: 'return a + b' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 8, completion_tokens: 4, total_tokens: 12 },
    };
    expect(mistralFim.response!(body, ctx)).toEqual({
      id: 'cmpl-1', object: 'text_completion', created: 1, model: 'codestral-latest',
      choices: [{ index: 0, text: 'return a + b', logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 8, completion_tokens: 4, total_tokens: 12 },
    });
  });

  it('streams text completion chunks, keeping usage', () => {
    const stream = mistralFim.stream!.create({ ...ctx, stream: true, id: 'x', created: 1 });
    const out = stream.onEvent({ data: JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'a + ' }, finish_reason: null }] }) });
    expect(out).toEqual([{ id: 'c', object: 'text_completion', choices: [{ index: 0, text: 'a + ', logprobs: null, finish_reason: null }] }]);
    const last = stream.onEvent({ data: JSON.stringify({ id: 'c', choices: [{ index: 0, delta: { content: 'b' }, finish_reason: 'stop' }], usage: { prompt_tokens: 8, completion_tokens: 2, total_tokens: 10 } }) });
    expect(last[0]).toMatchObject({ choices: [{ text: 'b', finish_reason: 'stop' }], usage: { completion_tokens: 2 } });
    expect(stream.onEvent({ data: '[DONE]' })).toEqual([]);
  });
});
