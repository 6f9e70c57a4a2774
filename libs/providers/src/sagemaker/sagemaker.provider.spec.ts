import { createHash } from 'node:crypto';
import { UnsupportedRequestError } from '../core/types.js';
import { sagemaker } from './sagemaker.provider.js';

const options = { provider: 'sagemaker', awsAccessKeyId: 'AKIDEXAMPLE', awsSecretAccessKey: 'secret', awsRegion: 'eu-west-1' };
const ctx = { endpoint: 'passthrough' as const, options, stream: false, strictOpenAiCompliance: true };

describe('sagemaker (passthrough only)', () => {
  it('targets the runtime API of the region and serves no unified endpoint', () => {
    expect(sagemaker.baseUrl(options)).toBe('https://runtime.sagemaker.eu-west-1.amazonaws.com');
    expect(sagemaker.endpoints).toEqual({});
  });

  it('signs the exact body with SigV4 for the sagemaker service', () => {
    const body = '{"inputs":"hello"}';
    const headers = sagemaker.sign(
      { method: 'POST', url: 'https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/my-llm/invocations', headers: { 'content-type': 'application/json' }, body },
      ctx,
      new Date('2026-01-02T03:04:05Z'),
    );
    expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260102\/eu-west-1\/sagemaker\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);
    expect(headers['x-amz-date']).toBe('20260102T030405Z');
    expect(headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
  });

  it('refuses a request without AWS keys', () => {
    expect(() => sagemaker.sign({ method: 'POST', url: 'https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/e/invocations', headers: {}, body: '' }, { options: { provider: 'sagemaker' } }, new Date())).toThrow(UnsupportedRequestError);
  });
});
