import { anthropicError } from './error.js';

describe('anthropicError', () => {
  it('maps Anthropic’s error body, keeping the error type', () => {
    const body = {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
      request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy',
    };
    expect(anthropicError(400, body)).toEqual({
      error: { message: 'anthropic error: max_tokens: Field required', type: 'invalid_request_error', param: null, code: null },
      provider: 'anthropic',
    });
  });

  it.each([
    [401, 'authentication_error', 'invalid x-api-key'],
    [429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'],
    [529, 'overloaded_error', 'Overloaded'],
  ])('maps a %i %s', (status, type, message) => {
    expect(anthropicError(status, { type: 'error', error: { type, message } }).error).toEqual({ message: `anthropic error: ${message}`, type, param: null, code: null });
  });

  it('falls back to the shared mapping for bodies that are not Anthropic’s', () => {
    expect(anthropicError(502, '<html>Bad Gateway</html>')).toEqual({
      error: { message: 'anthropic error: <html>Bad Gateway</html>', type: null, param: null, code: null },
      provider: 'anthropic',
    });
    expect(anthropicError(503, undefined).error.message).toBe('anthropic error: HTTP 503');
    expect(anthropicError(500, { message: 'upstream connect error' }).error.message).toBe('anthropic error: upstream connect error');
  });
});
