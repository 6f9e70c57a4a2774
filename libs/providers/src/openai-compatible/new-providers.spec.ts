import type { TransformContext } from '../core/types.js';
import { PROVIDERS } from '../registry.js';

/**
 * The OpenAI-compatible providers added to match the reference and beyond: base URLs from the
 * providers' public docs (and the reference's, for its ids), their endpoints and auth.
 */
const ctx = (provider: string, apiKey = 'key-1'): TransformContext => ({ endpoint: 'chatComplete', options: { provider, apiKey }, stream: false, strictOpenAiCompliance: true });

describe.each([
  ['ncompass', 'https://api.ncompass.tech/v1', ['chatComplete']],
  ['matterai', 'https://api.matterai.so/v1', ['chatComplete']],
  ['nextbit', 'https://api.nextbit256.com/v1', ['chatComplete', 'complete']],
  ['modal', 'https://api.modal.com/v1', ['chatComplete', 'complete']],
  ['aibadgr', 'https://aibadgr.com/api/v1', ['chatComplete']],
  ['bytez', 'https://api.bytez.com/models/v2/openai/v1', ['chatComplete']],
  ['nvidia', 'https://integrate.api.nvidia.com/v1', ['chatComplete', 'complete', 'embed']],
  ['databricks', undefined, ['chatComplete', 'complete', 'embed']],
  ['sglang', undefined, ['chatComplete', 'complete', 'embed']],
  ['tgi', undefined, ['chatComplete', 'complete']],
] as const)('%s', (id, base, endpoints) => {
  const provider = PROVIDERS.get(id)!;

  it('has its base URL (or needs a custom host) and its endpoints', () => {
    expect(provider.baseUrl({ provider: id })).toBe(base);
    expect(Object.keys(provider.endpoints).sort()).toEqual([...endpoints].sort());
    expect(provider.endpoints.chatComplete!.path({}, ctx(id))).toBe('/chat/completions');
  });

  it('sends the key as a bearer token', () => {
    expect(provider.headers(ctx(id))).toEqual({ authorization: 'Bearer key-1' });
  });
});

describe('portkey (hosted gateway as a target)', () => {
  const portkey = PROVIDERS.get('portkey')!;

  it('sends the key as x-portkey-api-key, never as a bearer token', () => {
    expect(portkey.baseUrl({ provider: 'portkey' })).toBe('https://api.portkey.ai/v1');
    expect(portkey.headers(ctx('portkey', 'pk-123'))).toEqual({ 'x-portkey-api-key': 'pk-123' });
  });
});

describe('ncompass', () => {
  it('rewrites the developer role for its open models', () => {
    const body = { model: 'm', messages: [{ role: 'developer', content: 'Be brief.' }] };
    expect(PROVIDERS.get('ncompass')!.endpoints.chatComplete!.request!(body, ctx('ncompass'))).toEqual({ model: 'm', messages: [{ role: 'system', content: 'Be brief.' }] });
  });
});
