import type { StreamContext, TransformContext } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { palm } from './palm.provider.js';

const ctx = (over: Partial<TransformContext> = {}): TransformContext => ({ endpoint: 'chatComplete', options: { provider: 'palm', apiKey: 'AIza-test' }, stream: false, strictOpenAiCompliance: true, ...over });

describe('palm provider (served by the Gemini API)', () => {
  it('keeps the palm id on Google’s host, with the key in a header', () => {
    expect(palm.id).toBe('palm');
    expect(palm.baseUrl({ provider: 'palm' })).toBe('https://generativelanguage.googleapis.com');
    expect(palm.headers(ctx())).toEqual({ 'x-goog-api-key': 'AIza-test' });
    expect(Object.keys(palm.endpoints).sort()).toEqual(['chatComplete', 'embed']);
  });

  it('sends chat to generateContent, and streams with alt=sse', () => {
    const chat = palm.endpoints.chatComplete!;
    expect(chat.path({ model: 'gemini-2.5-flash' }, ctx())).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(chat.path({ model: 'gemini-2.5-flash' }, ctx({ stream: true }))).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(chat.request!({ model: 'gemini-2.5-flash', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], max_tokens: 64 }, ctx())).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { maxOutputTokens: 64 },
    });
  });

  it('maps a generateContent response to a chat completion', () => {
    const body = {
      candidates: [{ content: { parts: [{ text: 'Hello there.' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 3, totalTokenCount: 7 },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'mN3aaKq9Ap2z1MkP8t2XyQk',
    };
    expect(palm.endpoints.chatComplete!.response!(body, { ...ctx(), model: 'gemini-2.5-flash' })).toMatchObject({
      id: 'mN3aaKq9Ap2z1MkP8t2XyQk',
      object: 'chat.completion',
      model: 'gemini-2.5-flash',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 },
    });
  });

  it('streams through the Gemini transformer and labels stream errors as palm’s', () => {
    const streamCtx: StreamContext = { ...ctx({ stream: true }), id: 'palm-1', model: 'gemini-2.5-flash', created: 1_760_000_000 };
    const stream = palm.endpoints.chatComplete!.stream!.create(streamCtx);
    const chunks = stream.onEvent({ data: '{"candidates": [{"content": {"parts": [{"text": "Hel"}],"role": "model"},"index": 0}],"modelVersion": "gemini-2.5-flash","responseId": "r1"}' });
    expect(chunks[0]).toMatchObject({ object: 'chat.completion.chunk', choices: [{ delta: { role: 'assistant', content: 'Hel' } }] });
    let thrown: unknown;
    try {
      stream.onEvent({ data: '{"error": {"code": 503,"message": "The model is overloaded. Please try again later.","status": "UNAVAILABLE"}}' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProviderStreamError);
    expect((thrown as ProviderStreamError).body).toEqual({
      error: { message: 'palm error: The model is overloaded. Please try again later.', type: 'UNAVAILABLE', param: null, code: '503' },
      provider: 'palm',
    });
  });

  it('sends embeddings to embedContent', () => {
    expect(palm.endpoints.embed!.path({ model: 'text-embedding-004', input: 'hello' }, ctx({ endpoint: 'embed' }))).toBe('/v1beta/models/text-embedding-004:embedContent');
  });

  it('maps Google error bodies under the palm id', () => {
    const body = { error: { code: 404, message: 'models/chat-bison-001 is not found for API version v1beta, or is not supported for generateContent.', status: 'NOT_FOUND' } };
    expect(palm.error(404, body, ctx())).toEqual({
      error: { message: 'palm error: models/chat-bison-001 is not found for API version v1beta, or is not supported for generateContent.', type: 'NOT_FOUND', param: null, code: '404' },
      provider: 'palm',
    });
    expect(palm.error(502, 'Bad Gateway', ctx()).error.message).toBe('palm error: Bad Gateway');
  });
});
