import type { TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { ReplicatePredictionError, replicate, replicatePath, toOpenAiImages, toReplicateRequest } from './replicate.provider.js';

const ctx: TransformContext = { endpoint: 'imageGenerate', options: { provider: 'replicate', apiKey: 'r8_test' }, stream: false, strictOpenAiCompliance: true };

/** A prediction as returned by POST /v1/models/{owner}/{name}/predictions with Prefer: wait. */
const SUCCEEDED = {
  id: 'gm3qorzdhgbfurvjtvhg6dckhu',
  model: 'black-forest-labs/flux-schnell',
  version: 'dp-4d0bcc010b3049749a251855f12800be',
  input: { prompt: 'black forest gateau cake spelling out the words "FLUX SCHNELL"', num_outputs: 1 },
  logs: '',
  output: ['https://replicate.delivery/yhqm/hcDDSNf633zeDUz9sWkKfaftcfJLWIvuhn9vfCFWmufxelmemA/out-0.webp'],
  data_removed: false,
  error: null,
  status: 'succeeded',
  created_at: '2024-07-31T13:20:42.219Z',
  urls: {
    get: 'https://api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu',
    cancel: 'https://api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu/cancel',
  },
};

describe('replicate provider', () => {
  it('waits synchronously for the prediction', () => {
    expect(replicate.id).toBe('replicate');
    expect(replicate.baseUrl({ provider: 'replicate' })).toBe('https://api.replicate.com/v1');
    expect(Object.keys(replicate.endpoints)).toEqual(['imageGenerate']);
    expect(replicate.headers(ctx)).toEqual({ authorization: 'Bearer r8_test', prefer: 'wait' });
  });

  it('runs official models by name and pinned versions by id', () => {
    expect(replicatePath({ model: 'black-forest-labs/flux-schnell' })).toBe('/models/black-forest-labs/flux-schnell/predictions');
    expect(replicatePath({ model: 'stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc' })).toBe('/predictions');
    expect(() => replicatePath({ model: 'flux-schnell' })).toThrow(UnsupportedRequestError);
    expect(() => replicatePath({ model: '../../account' })).toThrow(UnsupportedRequestError);
  });

  it('maps prompt and n, and merges the client’s own model inputs', () => {
    expect(toReplicateRequest({ model: 'black-forest-labs/flux-schnell', prompt: 'a cake', n: 2, input: { aspect_ratio: '16:9', output_format: 'png' } })).toEqual({
      input: { prompt: 'a cake', num_outputs: 2, aspect_ratio: '16:9', output_format: 'png' },
    });
    expect(toReplicateRequest({ model: 'stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc', prompt: 'a cake' })).toEqual({
      version: '7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc',
      input: { prompt: 'a cake' },
    });
  });

  it('maps a succeeded prediction’s output URLs to images', () => {
    expect(toOpenAiImages(SUCCEEDED, 1_722_432_042)).toEqual({
      created: 1_722_432_042,
      data: [{ url: 'https://replicate.delivery/yhqm/hcDDSNf633zeDUz9sWkKfaftcfJLWIvuhn9vfCFWmufxelmemA/out-0.webp' }],
    });
    expect(toOpenAiImages({ ...SUCCEEDED, output: 'https://replicate.delivery/pbxt/abc/out.png' }, 1).data).toEqual([{ url: 'https://replicate.delivery/pbxt/abc/out.png' }]);
  });

  it('throws for predictions without images instead of answering an empty success', () => {
    const failed = () => toOpenAiImages({ ...SUCCEEDED, status: 'failed', output: null, error: 'NSFW content detected. Try running it again, or try a different prompt.' });
    expect(failed).toThrow(ReplicatePredictionError);
    try {
      failed();
    } catch (error) {
      expect((error as ReplicatePredictionError).status).toBe(502);
      expect((error as ReplicatePredictionError).body.error.message).toBe('replicate error: NSFW content detected. Try running it again, or try a different prompt.');
    }
    try {
      toOpenAiImages({ ...SUCCEEDED, status: 'processing', output: null });
    } catch (error) {
      expect((error as ReplicatePredictionError).status).toBe(504);
      expect((error as ReplicatePredictionError).body.error.message).toContain('https://api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu');
    }
    expect.assertions(5);
  });

  it('maps problem-details errors', () => {
    expect(replicate.error(422, { title: 'Invalid version or not permitted', detail: 'The specified version does not exist (or perhaps you don\'t have permission to use it?)', status: 422 }, ctx)).toEqual({
      error: { message: "replicate error: The specified version does not exist (or perhaps you don't have permission to use it?)", type: 'Invalid version or not permitted', param: null, code: null },
      provider: 'replicate',
    });
    expect(replicate.error(401, { title: 'Unauthenticated', detail: 'You did not pass a valid authentication token', status: 401 }, ctx).error.type).toBe('Unauthenticated');
  });
});
