import { allowanceHeaders, formatDuration, retryAfterSeconds } from './rate-limit-headers.js';

describe('rate-limit headers', () => {
  it('formats resets as OpenAI does (ms under a second, then h/m/s)', () => {
    expect(formatDuration(20)).toBe('20ms');
    expect(formatDuration(1_000)).toBe('1s');
    expect(formatDuration(59_001)).toBe('1m0s');
    expect(formatDuration(6 * 60_000)).toBe('6m0s');
    expect(formatDuration(3_600_000 + 61_000)).toBe('1h1m1s');
  });

  it('names each dimension; costs in USD from nano-dollars; no reset for concurrency', () => {
    expect(
      allowanceHeaders({
        requests: { limit: 50, remaining: 49, resetMs: 60_000 },
        concurrent: { limit: 5, remaining: 4, resetMs: 0 },
        'cost-day': { limit: 5_000_000_000, remaining: 1_250_000_000, resetMs: 3_600_000 },
      }),
    ).toEqual({
      'x-ratelimit-limit-requests': '50',
      'x-ratelimit-remaining-requests': '49',
      'x-ratelimit-reset-requests': '1m0s',
      'x-ratelimit-limit-concurrent': '5',
      'x-ratelimit-remaining-concurrent': '4',
      'x-ratelimit-limit-cost-day': '5.000000',
      'x-ratelimit-remaining-cost-day': '1.250000',
      'x-ratelimit-reset-cost-day': '1h0m0s',
    });
  });

  it('asks clients to wait at least a second', () => {
    expect(retryAfterSeconds(10)).toBe(1);
    expect(retryAfterSeconds(41_200)).toBe(42);
  });
});
