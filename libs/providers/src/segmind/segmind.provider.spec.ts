import type { TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { segmind, segmindPath, toOpenAiImages, toSegmindRequest } from './segmind.provider.js';

const ctx: TransformContext = { endpoint: 'imageGenerate', options: { provider: 'segmind', apiKey: 'SG_test' }, stream: false, strictOpenAiCompliance: true };

describe('segmind provider', () => {
  it('posts to the model’s own path with an x-api-key header', () => {
    expect(segmind.id).toBe('segmind');
    expect(segmind.baseUrl({ provider: 'segmind' })).toBe('https://api.segmind.com/v1');
    expect(Object.keys(segmind.endpoints)).toEqual(['imageGenerate']);
    expect(segmindPath({ model: 'sdxl1.0-txt2img' })).toBe('/sdxl1.0-txt2img');
    expect(segmindPath({ model: '../billing?x=1' })).toBe('/..%2Fbilling%3Fx%3D1');
    expect(() => segmindPath({})).toThrow(UnsupportedRequestError);
    expect(segmind.headers(ctx)).toEqual({ 'x-api-key': 'SG_test' });
  });

  it('maps OpenAI fields onto the model inputs, forwards the rest and asks for base64', () => {
    expect(
      toSegmindRequest({ model: 'sdxl1.0-txt2img', prompt: 'a red fox in the snow', n: 2, size: '1024x768', response_format: 'b64_json', negative_prompt: 'blurry', scheduler: 'UniPC', num_inference_steps: 25, guidance_scale: 8, seed: 468685 }),
    ).toEqual({
      prompt: 'a red fox in the snow',
      negative_prompt: 'blurry',
      scheduler: 'UniPC',
      num_inference_steps: 25,
      guidance_scale: 8,
      seed: 468685,
      samples: 2,
      img_width: 1024,
      img_height: 768,
      base64: true,
    });
    expect(() => toSegmindRequest({ model: 'sdxl1.0-txt2img' })).toThrow(UnsupportedRequestError);
  });

  it('maps base64 answers to b64_json', () => {
    expect(toOpenAiImages({ image: 'iVBORw0KGgoAAAANSUhEUgAA' }, 1_760_000_000)).toEqual({ created: 1_760_000_000, data: [{ b64_json: 'iVBORw0KGgoAAAANSUhEUgAA' }] });
    expect(toOpenAiImages({ images: ['/9j/4AAQ', '/9j/4BBQ'] }, 1_760_000_000).data).toEqual([{ b64_json: '/9j/4AAQ' }, { b64_json: '/9j/4BBQ' }]);
  });

  it('maps error bodies', () => {
    expect(segmind.error(401, { error: 'Invalid API key' }, ctx)).toEqual({
      error: { message: 'segmind error: Invalid API key', type: null, param: null, code: null },
      provider: 'segmind',
    });
    expect(segmind.error(406, 'Not enough credits', ctx).error.message).toBe('segmind error: Not enough credits');
  });
});
