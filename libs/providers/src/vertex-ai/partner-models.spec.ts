import { ProviderStreamError } from '../core/types.js';
import { ctx, responseCtx, streamCtx } from './__fixtures__/context.js';
import { vertexChat } from './chat.js';

/** Shapes from Vertex AI's docs for Llama (OpenAI-compatible endpoint) and Mistral (rawPredict) partner models. */
const messages = [{ role: 'user', content: 'Hi' }];

describe('vertex-ai partner models: Meta Llama', () => {
  it('goes to the OpenAI-compatible endpoint with the model as meta/<model>', () => {
    expect(vertexChat.path({ model: 'meta.llama-3.3-70b-instruct-maas' }, ctx())).toBe('/v1/projects/acme-ml/locations/us-central1/endpoints/openapi/chat/completions');
    expect(vertexChat.request!({ model: 'meta.llama-3.3-70b-instruct-maas', messages, max_tokens: 20 }, ctx())).toEqual({ model: 'meta/llama-3.3-70b-instruct-maas', messages, max_tokens: 20 });
    expect(vertexChat.request!({ model: 'meta.llama-3.3-70b-instruct-maas', messages, stream: true }, ctx({ stream: true }))).toMatchObject({ stream: true });
  });

  it('reads the OpenAI-shaped answer and stream', () => {
    const body = { id: 'c1', object: 'chat.completion', created: 1, model: 'meta/llama-3.3-70b-instruct-maas', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } };
    expect(vertexChat.response!(body, responseCtx('meta.llama-3.3-70b-instruct-maas'))).toEqual(body);
    const stream = vertexChat.stream!.create(streamCtx('meta.llama-3.3-70b-instruct-maas'));
    const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'meta/llama', choices: [{ index: 0, delta: { content: 'He' }, finish_reason: null }] };
    expect(stream.onEvent({ data: JSON.stringify(chunk) })).toEqual([chunk]);
    expect(stream.onEvent({ data: '[DONE]' })).toEqual([]);
    expect(() => stream.onEvent({ data: JSON.stringify({ error: { message: 'quota', code: 429 } }) })).toThrow(ProviderStreamError);
  });
});

describe('vertex-ai partner models: Mistral', () => {
  it('goes to publishers/mistralai rawPredict / streamRawPredict with Mistral’s body', () => {
    expect(vertexChat.path({ model: 'mistralai.mistral-small-2503' }, ctx())).toBe('/v1/projects/acme-ml/locations/us-central1/publishers/mistralai/models/mistral-small-2503:rawPredict');
    expect(vertexChat.path({ model: 'mistralai.mistral-small-2503' }, ctx({ stream: true }))).toMatch(/:streamRawPredict$/);
    expect(vertexChat.request!({ model: 'mistralai.mistral-small-2503', messages, stream: true, stream_options: { include_usage: true } }, ctx({ stream: true }))).toEqual({
      model: 'mistral-small-2503',
      messages,
      stream: true,
    });
  });
});
