import { createHash, createHmac } from 'node:crypto';
import type { AwsCredentials, SigV4Request } from './sigv4.js';
import { signV4, toAmzDate, uriEncode } from './sigv4.js';

/**
 * Vectors from AWS's SigV4 test suite (aws-sig-v4-test-suite: the .req request, .creq canonical
 * request, .sts string to sign and .authz header of each case). All use these credentials, the
 * region us-east-1, the service name "service" and the time 2015-08-30T12:36:00Z.
 */
const SUITE: AwsCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const WHEN = new Date('2015-08-30T12:36:00Z');
const SCOPE = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** The suite's example session token (post-sts-token cases). */
const SUITE_TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

function suite(request: Partial<SigV4Request> & { method: string }, credentials: AwsCredentials = SUITE) {
  return signV4(
    { url: 'https://example.amazonaws.com/', headers: {}, body: '', ...request },
    { region: 'us-east-1', service: 'service', credentials, now: WHEN },
  );
}

describe('signV4 against the AWS test suite', () => {
  it('get-vanilla: canonical request, string to sign and authorization', () => {
    const result = suite({ method: 'GET' });
    expect(result.canonicalRequest).toBe(['GET', '/', '', 'host:example.amazonaws.com', 'x-amz-date:20150830T123600Z', '', 'host;x-amz-date', EMPTY_SHA256].join('\n'));
    expect(result.stringToSign).toBe(
      ['AWS4-HMAC-SHA256', '20150830T123600Z', '20150830/us-east-1/service/aws4_request', 'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63'].join('\n'),
    );
    expect(result.headers).toEqual({
      'x-amz-date': '20150830T123600Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`,
    });
  });

  it('get-vanilla-query-order-key-case: query parameters sorted by name', () => {
    const result = suite({ method: 'GET', url: 'https://example.amazonaws.com/?Param2=value2&Param1=value1' });
    expect(result.canonicalRequest.split('\n')[2]).toBe('Param1=value1&Param2=value2');
    expect(result.signature).toBe('b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
  });

  it('get-header-value-trim: values trimmed and inner whitespace collapsed', () => {
    const result = suite({ method: 'GET', headers: { 'My-Header1': ' value1', 'My-Header2': '"a   b   c"' } });
    expect(result.canonicalRequest).toContain('my-header1:value1\nmy-header2:"a b c"\n');
    expect(result.signedHeaders).toBe('host;my-header1;my-header2;x-amz-date');
    expect(result.signature).toBe('acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736');
  });

  it('post-vanilla', () => {
    const result = suite({ method: 'POST' });
    expect(result.stringToSign.split('\n')[3]).toBe('553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87');
    expect(result.signature).toBe('5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b');
  });

  it('post-header-key-sort: header names lower-cased and sorted', () => {
    const result = suite({ method: 'POST', headers: { 'My-Header1': 'value1' } });
    expect(result.signedHeaders).toBe('host;my-header1;x-amz-date');
    expect(result.signature).toBe('c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c');
  });

  it('post-x-www-form-urlencoded: a signed content type and a hashed body', () => {
    const result = suite({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'Param1=value1' });
    expect(result.canonicalRequest).toBe(
      [
        'POST',
        '/',
        '',
        'content-type:application/x-www-form-urlencoded',
        'host:example.amazonaws.com',
        'x-amz-date:20150830T123600Z',
        '',
        'content-type;host;x-amz-date',
        '9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e',
      ].join('\n'),
    );
    expect(result.stringToSign.split('\n')[3]).toBe('42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281');
    expect(result.headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a`,
    );
  });

  it('post-sts-header-before: the session token is sent and signed', () => {
    const result = suite({ method: 'POST' }, { ...SUITE, sessionToken: SUITE_TOKEN });
    expect(result.stringToSign.split('\n')[3]).toBe('c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6');
    expect(result.headers['x-amz-security-token']).toBe(SUITE_TOKEN);
    expect(result.headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead`,
    );
  });
});

describe('signV4 for a Bedrock request', () => {
  const body = '{"messages":[{"role":"user","content":[{"text":"Hello"}]}]}';
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const credentials: AwsCredentials = { accessKeyId: 'AKIAEXAMPLEBEDROCK', secretAccessKey: 'bedrock/secret+EXAMPLE', sessionToken: 'session-token-example' };
  const result = signV4(
    {
      method: 'POST',
      url: 'https://bedrock-runtime.us-west-2.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse',
      headers: { 'content-type': 'application/json' },
      body,
    },
    { region: 'us-west-2', service: 'bedrock', credentials, now: new Date('2024-06-20T10:00:00.123Z'), contentSha256Header: true },
  );

  it('double-encodes the model id in the canonical URI and signs host, date, body hash, content type and token', () => {
    expect(result.canonicalRequest).toBe(
      [
        'POST',
        '/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse',
        '',
        'content-type:application/json',
        'host:bedrock-runtime.us-west-2.amazonaws.com',
        `x-amz-content-sha256:${bodyHash}`,
        'x-amz-date:20240620T100000Z',
        'x-amz-security-token:session-token-example',
        '',
        'content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token',
        bodyHash,
      ].join('\n'),
    );
  });

  it('signs with the bedrock scope, following the documented key derivation', () => {
    // The derivation spelled out from the spec, independent of the code under test.
    const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
    const key = hmac(hmac(hmac(hmac('AWS4bedrock/secret+EXAMPLE', '20240620'), 'us-west-2'), 'bedrock'), 'aws4_request');
    const stringToSign = ['AWS4-HMAC-SHA256', '20240620T100000Z', '20240620/us-west-2/bedrock/aws4_request', createHash('sha256').update(result.canonicalRequest).digest('hex')].join('\n');
    expect(result.stringToSign).toBe(stringToSign);
    const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
    expect(result.headers).toEqual({
      'x-amz-date': '20240620T100000Z',
      'x-amz-security-token': 'session-token-example',
      'x-amz-content-sha256': bodyHash,
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEBEDROCK/20240620/us-west-2/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=${signature}`,
    });
  });

  it('never puts the secret key in what it returns', () => {
    expect(JSON.stringify(result)).not.toContain('bedrock/secret+EXAMPLE');
  });

  it('double-encodes inference-profile ARNs too', () => {
    const arn = encodeURIComponent('arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0');
    const signed = signV4(
      { method: 'POST', url: `https://bedrock-runtime.us-east-1.amazonaws.com/model/${arn}/converse-stream`, headers: {}, body: '{}' },
      { region: 'us-east-1', service: 'bedrock', credentials, now: new Date('2024-06-20T10:00:00Z') },
    );
    expect(signed.canonicalRequest.split('\n')[1]).toBe(
      '/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A123456789012%253Ainference-profile%252Fus.anthropic.claude-3-7-sonnet-20250219-v1%253A0/converse-stream',
    );
  });
});

describe('helpers', () => {
  it('formats x-amz-date in ISO 8601 basic format, UTC', () => {
    expect(toAmzDate(new Date('2015-08-30T12:36:00.999Z'))).toBe('20150830T123600Z');
  });

  it('encodes the RFC 3986 reserved characters encodeURIComponent leaves alone', () => {
    expect(uriEncode("a b!'()*~-_.")).toBe('a%20b%21%27%28%29%2A~-_.');
  });
});
