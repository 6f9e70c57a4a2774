import type { TransformContext } from '../core/types.js';
import { recraftAi } from './recraft-ai.provider.js';

const ctx: TransformContext = { endpoint: 'imageGenerate', options: { provider: 'recraft-ai', apiKey: 'rc-test' }, stream: false, strictOpenAiCompliance: true };

describe('recraft-ai provider', () => {
  it('serves image generation on the OpenAI path with a bearer key', () => {
    expect(recraftAi.id).toBe('recraft-ai');
    expect(recraftAi.baseUrl({ provider: 'recraft-ai' })).toBe('https://external.api.recraft.ai/v1');
    expect(Object.keys(recraftAi.endpoints)).toEqual(['imageGenerate']);
    expect(recraftAi.endpoints.imageGenerate?.path({}, ctx)).toBe('/images/generations');
    expect(recraftAi.headers(ctx)).toEqual({ authorization: 'Bearer rc-test' });
  });

  it('forwards the request, Recraft’s own fields included, and passes the answer through', () => {
    const image = recraftAi.endpoints.imageGenerate!;
    // No request transform: the body goes out as the client sent it.
    expect(image.request).toBeUndefined();
    expect(image.response).toBeUndefined();
  });

  // Recraft does not document its error body; this pins the shared mapping on a {code, message} body.
  it('maps error bodies through the shared mapping', () => {
    expect(recraftAi.error(400, { code: 'invalid_style', message: 'Style is not supported' }, ctx)).toEqual({
      error: { message: 'recraft-ai error: Style is not supported', type: null, param: null, code: 'invalid_style' },
      provider: 'recraft-ai',
    });
  });
});
