import type { TransformContext } from '../core/types.js';
import { stabilityAi, stabilityEncode, stabilityImageGenerate } from './stability-ai.provider.js';

const ctx = (options: Record<string, unknown> = {}): TransformContext => ({ endpoint: 'imageGenerate', options: { provider: 'stability-ai', apiKey: 'sk-stab', ...options }, stream: false, strictOpenAiCompliance: true });

describe('stability-ai provider', () => {
  it('serves image generation only, asking for JSON answers', () => {
    expect(stabilityAi.id).toBe('stability-ai');
    expect(stabilityAi.baseUrl({ provider: 'stability-ai' })).toBe('https://api.stability.ai');
    expect(Object.keys(stabilityAi.endpoints)).toEqual(['imageGenerate']);
    expect(stabilityAi.headers(ctx())).toEqual({ authorization: 'Bearer sk-stab', accept: 'application/json' });
    expect(stabilityAi.headers(ctx({ stabilityClientId: 'my-app', stabilityClientUserId: 'user-9', stabilityClientVersion: '1.2.1' }))).toEqual({
      authorization: 'Bearer sk-stab',
      accept: 'application/json',
      'stability-client-id': 'my-app',
      'stability-client-user-id': 'user-9',
      'stability-client-version': '1.2.1',
    });
  });

  it('encodes v2beta bodies as multipart and leaves v1 bodies to JSON', async () => {
    const v2 = stabilityImageGenerate.request!({ model: 'stable-image-core', prompt: 'A red bicycle' }, ctx());
    const encoded = stabilityEncode(v2)!;
    expect(encoded.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(encoded.body, { headers: { 'content-type': encoded.contentType } }).formData();
    expect(Object.fromEntries(form.entries())).toEqual({ prompt: 'A red bicycle', output_format: 'png' });

    const v1 = stabilityImageGenerate.request!({ model: 'stable-diffusion-xl-1024-v1-0', prompt: 'A red bicycle' }, ctx());
    expect(stabilityEncode(v1)).toBeUndefined();
    expect(stabilityImageGenerate.encode).toBe(stabilityEncode);
  });

  it('maps v1 artifacts and v2beta images to b64_json', () => {
    const v1 = { artifacts: [{ base64: 'iVBORw0KGgoAAAANSUhEUg==', seed: 1050625087, finishReason: 'SUCCESS' }, { base64: 'iVBORw0KGgoAAAAXXXX==', seed: 1050625088, finishReason: 'CONTENT_FILTERED' }] };
    expect(stabilityImageGenerate.response!(v1, { ...ctx(), model: 'stable-diffusion-xl-1024-v1-0' })).toEqual({
      created: expect.any(Number),
      data: [{ b64_json: 'iVBORw0KGgoAAAANSUhEUg==' }, { b64_json: 'iVBORw0KGgoAAAAXXXX==' }],
    });
    const v2 = { image: '/9j/4AAQSkZJRgABAQAAAQABAAD', finish_reason: 'SUCCESS', seed: 343940597 };
    expect(stabilityImageGenerate.response!(v2, { ...ctx(), model: 'stable-image-core' }).data).toEqual([{ b64_json: '/9j/4AAQSkZJRgABAQAAAQABAAD' }]);
  });

  it('maps v1 and v2beta error bodies', () => {
    expect(stabilityAi.error(401, { errors: ['authorization: invalid or missing header value'], id: 'e2343353455637f4b7ea0aae7a5444b5', name: 'unauthorized' }, ctx())).toEqual({
      error: { message: 'stability-ai error: authorization: invalid or missing header value', type: 'unauthorized', param: null, code: null },
      provider: 'stability-ai',
    });
    expect(stabilityAi.error(400, { id: '296a972f-666a-44a1-a3df-c9c28a1f56c0', name: 'invalid_prompts', message: 'cannot generate an image from an empty prompt' }, ctx())).toEqual({
      error: { message: 'stability-ai error: cannot generate an image from an empty prompt', type: 'invalid_prompts', param: null, code: null },
      provider: 'stability-ai',
    });
    expect(stabilityAi.error(502, 'Bad Gateway', ctx()).error.message).toBe('stability-ai error: Bad Gateway');
  });
});
