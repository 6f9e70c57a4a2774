import { UnsupportedRequestError } from '../core/types.js';
import { aspectRatio, stabilityPath, toStabilityImageRequest } from './image-request.js';

describe('stability-ai image requests', () => {
  it.each([
    ['stable-diffusion-xl-1024-v1-0', '/v1/generation/stable-diffusion-xl-1024-v1-0/text-to-image'],
    ['stable-diffusion-v1-6', '/v1/generation/stable-diffusion-v1-6/text-to-image'],
    ['sd3', '/v2beta/stable-image/generate/sd3'],
    ['sd3.5-large', '/v2beta/stable-image/generate/sd3'],
    ['sd3-medium', '/v2beta/stable-image/generate/sd3'],
    ['stable-image-core', '/v2beta/stable-image/generate/core'],
    ['stable-image-ultra', '/v2beta/stable-image/generate/ultra'],
  ])('routes %s to %s', (model, path) => {
    expect(stabilityPath({ model })).toBe(path);
  });

  it('keeps a hostile engine id inside its path segment', () => {
    expect(stabilityPath({ model: '../v2beta/x?y' })).toBe('/v1/generation/..%2Fv2beta%2Fx%3Fy/text-to-image');
  });

  it('builds a v1 text-to-image body', () => {
    expect(
      toStabilityImageRequest({ model: 'stable-diffusion-xl-1024-v1-0', prompt: 'A painting of a cat', negative_prompt: 'blurry, bad', size: '1152x896', n: 2, cfg_scale: 5, steps: 40, seed: 0, style: 'vivid' }),
    ).toEqual({
      text_prompts: [
        { text: 'A painting of a cat', weight: 1 },
        { text: 'blurry, bad', weight: -1 },
      ],
      width: 1152,
      height: 896,
      samples: 2,
      cfg_scale: 5,
      steps: 40,
      seed: 0,
    });
  });

  it('builds v2beta form fields, with the SD3 model and the nearest aspect ratio', () => {
    expect(toStabilityImageRequest({ model: 'sd3.5-large', prompt: 'A lighthouse at dusk', size: '1792x1024', seed: 12345, n: 1 })).toEqual({
      prompt: 'A lighthouse at dusk',
      aspect_ratio: '16:9',
      output_format: 'png',
      model: 'sd3.5-large',
      seed: 12345,
    });
    expect(toStabilityImageRequest({ model: 'stable-image-ultra', prompt: 'A fox', aspect_ratio: '9:21', output_format: 'webp', negative_prompt: 'text' })).toEqual({
      prompt: 'A fox',
      negative_prompt: 'text',
      aspect_ratio: '9:21',
      output_format: 'webp',
    });
  });

  it('refuses several images on v2beta and a missing prompt or model', () => {
    expect(() => toStabilityImageRequest({ model: 'stable-image-core', prompt: 'x', n: 2 })).toThrow(UnsupportedRequestError);
    expect(() => toStabilityImageRequest({ model: 'stable-image-core' })).toThrow(UnsupportedRequestError);
    expect(() => toStabilityImageRequest({ prompt: 'x' })).toThrow(UnsupportedRequestError);
  });

  it.each([
    [{ width: 1024, height: 1024 }, '1:1'],
    [{ width: 1024, height: 1792 }, '9:16'],
    [{ width: 1536, height: 1024 }, '3:2'],
    [{ width: 2560, height: 1080 }, '21:9'],
    [{ width: 832, height: 1024 }, '4:5'],
  ])('picks the aspect ratio nearest to %o', (size, expected) => {
    expect(aspectRatio(size)).toBe(expected);
  });
});
