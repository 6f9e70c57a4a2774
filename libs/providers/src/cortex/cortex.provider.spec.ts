import { UnsupportedRequestError } from '../core/types.js';
import { cortex } from './cortex.provider.js';

const ctx = (options: Record<string, unknown>) => ({ endpoint: 'chatComplete' as const, options: { provider: 'cortex', ...options }, stream: false, strictOpenAiCompliance: true });

describe('cortex (Snowflake Cortex chat completions)', () => {
  it('builds the base URL from the account', () => {
    expect(cortex.baseUrl({ provider: 'cortex', snowflakeAccount: 'MyOrg-Acct1' })).toBe('https://myorg-acct1.snowflakecomputing.com/api/v2/cortex/v1');
    expect(cortex.endpoints.chatComplete!.path({}, ctx({}))).toBe('/chat/completions');
  });

  it('lets no account value choose another host (a custom host is the way to do that)', () => {
    expect(() => cortex.baseUrl({ provider: 'cortex', snowflakeAccount: 'evil.example.com/x?' })).toThrow(UnsupportedRequestError);
    expect(() => cortex.baseUrl({ provider: 'cortex', snowflakeAccount: 'a@b' })).toThrow(UnsupportedRequestError);
    expect(() => cortex.baseUrl({ provider: 'cortex' })).toThrow(UnsupportedRequestError);
  });

  it('authenticates with the access token as a bearer key', () => {
    expect(cortex.headers(ctx({ apiKey: 'pat-123' }))).toEqual({ authorization: 'Bearer pat-123' });
  });
});
