import { createHash } from 'node:crypto';
import type { SignableRequest } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { AWS_KEYS, chatCtx } from './__fixtures__/context.js';
import { bedrock } from './bedrock.provider.js';

const chat = bedrock.endpoints.chatComplete!;
const NOW = new Date('2024-06-20T10:00:00Z');

function request(overrides: Partial<SignableRequest> = {}): SignableRequest {
  return {
    method: 'POST',
    url: 'https://bedrock-runtime.eu-west-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse',
    headers: { 'content-type': 'application/json', 'x-forwarded-trace': 'abc' },
    body: '{"messages":[]}',
    ...overrides,
  };
}

describe('bedrock provider', () => {
  it('uses the reference id and regional base URL', () => {
    expect(bedrock.id).toBe('bedrock');
    expect(bedrock.baseUrl({ provider: 'bedrock' })).toBe('https://bedrock-runtime.us-east-1.amazonaws.com');
    expect(bedrock.baseUrl({ provider: 'bedrock', awsRegion: 'eu-central-1' })).toBe('https://bedrock-runtime.eu-central-1.amazonaws.com');
  });

  it('refuses a region that is not a region, since it lands in the host name', () => {
    expect(() => bedrock.baseUrl({ provider: 'bedrock', awsRegion: 'evil.example.com/x#' })).toThrow(UnsupportedRequestError);
  });

  it('builds converse and converse-stream paths with the model id encoded as one segment', () => {
    expect(chat.path({ model: 'anthropic.claude-3-5-sonnet-20240620-v1:0' }, chatCtx())).toBe('/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse');
    expect(chat.path({ model: 'us.amazon.nova-pro-v1:0' }, chatCtx({ stream: true }))).toBe('/model/us.amazon.nova-pro-v1%3A0/converse-stream');
    expect(chat.path({ model: 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc' }, chatCtx())).toBe(
      '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aprovisioned-model%2Fabc/converse',
    );
    expect(bedrock.endpoints.embed!.path({ model: 'amazon.titan-embed-text-v2:0' }, chatCtx({ endpoint: 'embed' }))).toBe('/model/amazon.titan-embed-text-v2%3A0/invoke');
  });

  it('answers a 400 before any I/O when there are no credentials', () => {
    expect(() => chat.path({ model: 'm' }, chatCtx({ options: { provider: 'bedrock' } }))).toThrow(/needs AWS credentials/);
    expect(() => chat.path({ model: 'm' }, chatCtx({ options: { provider: 'bedrock', awsAuthType: 'assumedRole', awsRoleArn: 'arn:aws:iam::123456789012:role/r' } }))).toThrow(/access keys that assume the role/);
    expect(bedrock.headers(chatCtx({ options: { provider: 'bedrock' } }))).toEqual({});
  });

  describe('SigV4', () => {
    it('sends no static auth header and signs the final request', () => {
      const ctx = chatCtx({ options: { ...AWS_KEYS, awsRegion: 'eu-west-1', awsSessionToken: 'session-token' } });
      expect(bedrock.headers(ctx)).toEqual({});
      const signed = bedrock.sign!(request(), ctx, NOW);
      expect(signed).toEqual({
        'x-amz-date': '20240620T100000Z',
        'x-amz-security-token': 'session-token',
        'x-amz-content-sha256': createHash('sha256').update('{"messages":[]}').digest('hex'),
        authorization: expect.stringMatching(
          /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240620\/eu-west-1\/bedrock\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
        ),
      });
    });

    it('leaves forwarded headers unsigned, so they cannot break the signature', () => {
      const ctx = chatCtx();
      const a = bedrock.sign!(request(), ctx, NOW);
      const b = bedrock.sign!(request({ headers: { 'Content-Type': 'application/json' } }), ctx, NOW);
      expect(a.authorization).toBe(b.authorization);
    });

    it('signs a different body differently', () => {
      const ctx = chatCtx();
      expect(bedrock.sign!(request(), ctx, NOW).authorization).not.toBe(bedrock.sign!(request({ body: '{"messages":[1]}' }), ctx, NOW).authorization);
    });
  });

  describe('Bedrock API keys', () => {
    it('uses the bearer key without signing when aws_auth_type is apiKey', () => {
      const ctx = chatCtx({ options: { ...AWS_KEYS, apiKey: 'ABSKexample', awsAuthType: 'apiKey' } });
      expect(bedrock.headers(ctx)).toEqual({ authorization: 'Bearer ABSKexample' });
      expect(bedrock.sign!(request(), ctx, NOW)).toEqual({});
    });

    it('uses a bare API key when no access keys are given, and access keys when both are', () => {
      expect(bedrock.headers(chatCtx({ options: { provider: 'bedrock', apiKey: 'ABSKexample' } }))).toEqual({ authorization: 'Bearer ABSKexample' });
      expect(bedrock.headers(chatCtx({ options: { ...AWS_KEYS, apiKey: 'portkey-dummy' } }))).toEqual({});
    });
  });

  describe('errors', () => {
    it('maps the {message} body with the error type its status stands for', () => {
      expect(bedrock.error(429, { message: 'Too many requests, please wait before trying again.' }, chatCtx())).toEqual({
        error: { message: 'bedrock error: Too many requests, please wait before trying again.', type: 'ThrottlingException', param: null, code: null },
        provider: 'bedrock',
      });
      expect(bedrock.error(400, { message: 'The provided model identifier is invalid.' }, chatCtx()).error.type).toBe('ValidationException');
      expect(bedrock.error(403, { Message: 'User is not authorized' }, chatCtx()).error).toMatchObject({ message: 'bedrock error: User is not authorized', type: 'AccessDeniedException' });
    });

    it('prefers an explicit AWS __type and falls back for other bodies', () => {
      expect(bedrock.error(400, { __type: 'com.amazon.coral.validate#ValidationException', message: 'bad' }, chatCtx()).error.type).toBe('ValidationException');
      expect(bedrock.error(502, '<html>Bad gateway</html>', chatCtx())).toEqual({
        error: { message: 'bedrock error: <html>Bad gateway</html>', type: null, param: null, code: null },
        provider: 'bedrock',
      });
    });
  });
});
