import fc from 'fast-check';
import { backoffDelay, isRetryable, retryAfterMs } from './retry-policy.js';

describe('backoffDelay', () => {
  it('property: in [0, min(cap, base · 2^n)] for any draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, baseMs, capMs, r) => {
          const d = backoffDelay(n, { baseMs, capMs }, () => r);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(Math.min(capMs, baseMs * 2 ** n));
        },
      ),
    );
  });
});

describe('isRetryable', () => {
  const retry = { attempts: 2, onStatusCodes: [429, 503], useRetryAfterHeader: false };
  it.each([
    [{ status: 429 }, false, true],
    [{ status: 500 }, false, false],
    [{ status: 500, transportError: true }, false, true],
    [{ status: 408 }, true, true],
    [{ status: 503, gatewayException: true }, false, false],
  ])('%j (timed out: %p) → %p', (outcome, timedOut, expected) => {
    expect(isRetryable(outcome, timedOut, retry)).toBe(expected);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it.each([
    [undefined, undefined],
    [{}, undefined],
    [{ 'retry-after-ms': '100' }, 100],
    [{ 'retry-after-ms': ['150', '999'] }, 150],
    [{ 'x-ms-retry-after-ms': '20.5' }, 20.5],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': '1.5' }, 1500],
    [{ 'retry-after': 'Sun, 01 Jun 2025 12:00:30 GMT' }, 30_000],
    [{ 'retry-after': 'Sun, 01 Jun 2025 11:00:00 GMT' }, 0],
    [{ 'retry-after': 'later' }, undefined],
    [{ 'retry-after-ms': '-5', 'retry-after': '1' }, 1000],
    [{ 'retry-after-ms': '', 'x-ms-retry-after-ms': 'abc' }, undefined],
    [{ 'X-Ms-Retry-After-Ms': '42' }, 42],
  ])('%j → %p', (headers, expected) => {
    expect(retryAfterMs(headers, now)).toBe(expected);
  });
});
