import type { TransformContext } from '../core/types.js';
import { PROVIDERS } from '../registry.js';
import { openAiCompatible } from './factory.js';

const ctx = (over: Partial<TransformContext> = {}): TransformContext => ({
  endpoint: 'chatComplete',
  options: { provider: 'openai', apiKey: 'sk-1' },
  stream: false,
  strictOpenAiCompliance: true,
  ...over,
});

describe('OpenAI-compatible providers', () => {
  const provider = openAiCompatible({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test/v1', endpoints: ['chatComplete', 'embed'], developerAsSystem: true });

  it('forwards the body whole, unknown fields included', () => {
    const body = { model: 'm', messages: [{ role: 'user', content: 'hi' }], vendor_flag: true, top_k: 3 };
    expect(provider.endpoints.chatComplete!.request!(body, ctx())).toEqual(body);
  });

  it('asks for stream usage, keeping the client’s other stream options', () => {
    const body = { model: 'm', messages: [], stream: true, stream_options: { continuous_usage_stats: true } };
    expect(provider.endpoints.chatComplete!.request!(body, ctx({ stream: true }))).toEqual({
      ...body,
      stream_options: { continuous_usage_stats: true, include_usage: true },
    });
  });

  it('rewrites developer messages to system where the server lacks the role', () => {
    const out = provider.endpoints.chatComplete!.request!({ messages: [{ role: 'developer', content: 'rules' }, { role: 'user', content: 'q' }] }, ctx());
    expect(out.messages).toEqual([{ role: 'system', content: 'rules' }, { role: 'user', content: 'q' }]);
  });

  it('authenticates with a bearer key and serves only its endpoints', () => {
    expect(provider.headers(ctx())).toEqual({ authorization: 'Bearer sk-1' });
    expect(provider.headers(ctx({ options: { provider: 'acme' } }))).toEqual({});
    expect(Object.keys(provider.endpoints)).toEqual(['chatComplete', 'embed']);
    expect(provider.endpoints.embed!.path({}, ctx())).toBe('/embeddings');
  });

  it('maps OpenAI error bodies and odd ones to the unified error', () => {
    const openAiBody = { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } };
    expect(provider.error(429, openAiBody, ctx())).toEqual({
      error: { message: 'acme error: Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' },
      provider: 'acme',
    });
    expect(provider.error(422, { detail: 'Extra inputs are not permitted' }, ctx()).error.message).toBe('acme error: Extra inputs are not permitted');
    expect(provider.error(502, '<html>Bad gateway</html>', ctx()).error.message).toBe('acme error: <html>Bad gateway</html>');
    expect(provider.error(500, '', ctx()).error.message).toBe('acme error: HTTP 500');
  });
});

describe('the OpenAI-compatible family, where the reference cuts their base URLs', () => {
  it.each([
    ['openai', 'https://api.openai.com/v1', '/chat/completions'],
    ['together-ai', 'https://api.together.xyz', '/v1/chat/completions'],
    ['anyscale', 'https://api.endpoints.anyscale.com/v1', '/chat/completions'],
    ['perplexity-ai', 'https://api.perplexity.ai', '/chat/completions'],
    ['deepinfra', 'https://api.deepinfra.com/v1/openai', '/chat/completions'],
    ['groq', 'https://api.groq.com/openai/v1', '/chat/completions'],
    ['fireworks-ai', 'https://api.fireworks.ai/inference/v1', '/chat/completions'],
    ['openrouter', 'https://openrouter.ai/api', '/v1/chat/completions'],
    ['deepseek', 'https://api.deepseek.com', '/v1/chat/completions'],
    ['x-ai', 'https://api.x.ai/v1', '/chat/completions'],
    ['mistral-ai', 'https://api.mistral.ai/v1', '/chat/completions'],
  ])('%s: %s + %s', (id, base, path) => {
    const provider = PROVIDERS.get(id)!;
    expect(provider.baseUrl({ provider: id })).toBe(base);
    expect(provider.endpoints.chatComplete!.path({}, ctx())).toBe(path);
  });

  it('does not add stream_options for Mistral, which rejects unknown fields', () => {
    const mistral = PROVIDERS.get('mistral-ai')!;
    const body = { model: 'mistral-small', messages: [], stream: true, stop: ['\n'], response_format: { type: 'json_object' } };
    expect(mistral.endpoints.chatComplete!.request!(body, ctx({ stream: true }))).toEqual(body);
  });

  it('sends OpenAI organization and project headers', () => {
    const openai = PROVIDERS.get('openai')!;
    expect(openai.headers(ctx({ options: { provider: 'openai', apiKey: 'k', openaiOrganization: 'org-1', openaiProject: 'proj-1' } }))).toEqual({
      authorization: 'Bearer k',
      'openai-organization': 'org-1',
      'openai-project': 'proj-1',
    });
  });
});
