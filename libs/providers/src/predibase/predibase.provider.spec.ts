import type { TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { predibase } from './predibase.provider.js';

const ctx: TransformContext = { endpoint: 'chatComplete', options: { provider: 'predibase', apiKey: 'pb-1' }, stream: false, strictOpenAiCompliance: true };

describe('Predibase', () => {
  const chat = predibase.endpoints.chatComplete!;
  const body = { model: 'llama-3-8b:sentiment/1', user: 'tenant-9', messages: [{ role: 'user', content: 'hi' }] };

  it('routes to the deployment under the tenant, with the adapter as the model', () => {
    expect(chat.path(body, ctx)).toBe('/tenant-9/deployments/v2/llms/llama-3-8b/v1/chat/completions');
    expect(chat.request!(body, ctx)).toEqual({ model: 'sentiment/1', messages: body.messages });
    expect(chat.request!({ ...body, model: 'llama-3-8b' }, ctx).model).toBe('');
    expect(predibase.headers(ctx)).toEqual({ authorization: 'Bearer pb-1' });
  });

  it('refuses a request without a tenant id, naming where to put it', () => {
    expect(() => chat.path({ model: 'm', messages: [] }, ctx)).toThrow(UnsupportedRequestError);
    expect(() => chat.path({ model: 'm', messages: [] }, ctx)).toThrow(/user/);
  });
});
