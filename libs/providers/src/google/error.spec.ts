import { invalidKeyError, quotaErrorArray } from './__fixtures__/gemini-responses.js';
import { googleError } from './error.js';

describe('googleError', () => {
  it('maps the Google error body, status as type and code as a string', () => {
    expect(googleError(400, invalidKeyError)).toEqual({
      error: { message: 'google error: API key not valid. Please pass a valid API key.', type: 'INVALID_ARGUMENT', param: null, code: '400' },
      provider: 'google',
    });
  });

  it('unwraps the one-element array the streaming endpoint answers with', () => {
    expect(googleError(429, quotaErrorArray)).toEqual({
      error: {
        message: 'google error: You exceeded your current quota, please check your plan and billing details.',
        type: 'RESOURCE_EXHAUSTED',
        param: null,
        code: '429',
      },
      provider: 'google',
    });
  });

  it('falls back to the shared mapping for other bodies', () => {
    expect(googleError(502, '<html><body>Bad Gateway</body></html>')).toEqual({
      error: { message: 'google error: <html><body>Bad Gateway</body></html>', type: null, param: null, code: null },
      provider: 'google',
    });
    expect(googleError(500, null)).toEqual({ error: { message: 'google error: HTTP 500', type: null, param: null, code: null }, provider: 'google' });
  });
});
