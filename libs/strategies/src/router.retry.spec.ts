import fc from 'fast-check';
import { FakeExecutor, config, context, instantSleep, resultOf, type Reply } from './__fixtures__/fake-executor.js';
import { createRouter } from './router.js';

const leaf = (retry: Record<string, unknown>, extra: Record<string, unknown> = {}) => config({ provider: 'openai', retry, ...extra });

function setup(random = () => 0.5, options: { maxRetryAfterMs?: number; now?: () => number } = {}) {
  const { sleep, delays } = instantSleep();
  return { router: createRouter({ random, sleep, backoff: { baseMs: 100, capMs: 1000 }, ...options }), delays };
}

describe('retry counts', () => {
  it('attempts 2 on an always-500 leaf: 3 calls, count -1, the last 500 returned', () => {
    const { router } = setup();
    const executor = FakeExecutor.byPath({ config: 500 });
    const result = resultOf(router.route(leaf({ attempts: 2 }), context(), executor));
    expect(executor.calls).toEqual([
      { path: 'config', attempt: 0 },
      { path: 'config', attempt: 1 },
      { path: 'config', attempt: 2 },
    ]);
    expect(result).toMatchObject({ retryAttemptCount: -1, attempts: 3, outcome: { status: 500, call: 2 } });
    expect(executor.discarded.map((o) => o.call)).toEqual([0, 1]);
  });

  it('success on the 2nd call: count 1', () => {
    const { router } = setup();
    const executor = FakeExecutor.byPath({ config: [503, 200] });
    expect(resultOf(router.route(leaf({ attempts: 3 }), context(), executor))).toMatchObject({
      retryAttemptCount: 1,
      attempts: 2,
      outcome: { status: 200 },
    });
  });

  it('a status not in on_status_codes is returned at once with the retries made so far', () => {
    const { router } = setup();
    const executor = FakeExecutor.byPath({ config: [429, 400] });
    expect(resultOf(router.route(leaf({ attempts: 5 }), context(), executor))).toMatchObject({ retryAttemptCount: 1, outcome: { status: 400 } });
    expect(executor.calls).toHaveLength(2);
  });

  it('uses the configured on_status_codes instead of the defaults', () => {
    const { router } = setup();
    const only418 = leaf({ attempts: 2, on_status_codes: [418] });
    const ex500 = FakeExecutor.byPath({ config: 500 });
    expect(resultOf(router.route(only418, context(), ex500))).toMatchObject({ retryAttemptCount: 0, attempts: 1 });
    const ex418 = FakeExecutor.byPath({ config: [418, 200] });
    expect(resultOf(router.route(only418, context(), ex418))).toMatchObject({ retryAttemptCount: 1, attempts: 2 });
  });

  it('retries connection errors whatever the status codes say', () => {
    const { router } = setup();
    const executor = FakeExecutor.byPath({ config: [{ status: 502, transportError: true }, 200] });
    expect(resultOf(router.route(leaf({ attempts: 1, on_status_codes: [429] }), context(), executor))).toMatchObject({ retryAttemptCount: 1 });
  });

  it('never retries a gateway exception', () => {
    const { router } = setup();
    const executor = FakeExecutor.byPath({ config: { status: 500, gatewayException: true } });
    expect(resultOf(router.route(leaf({ attempts: 3 }), context(), executor))).toMatchObject({ retryAttemptCount: 0, attempts: 1 });
  });

  it('attempts 0 makes one call and reports -1 on a retryable status (as the reference)', () => {
    const { router } = setup();
    const executor = FakeExecutor.byPath({ config: 503 });
    expect(resultOf(router.route(leaf({ attempts: 0 }), context(), executor))).toMatchObject({ retryAttemptCount: -1, attempts: 1 });
  });

  it('without a retry setting, a 500 is returned with count 0', () => {
    const { router } = setup();
    const executor = FakeExecutor.byPath({ config: 500 });
    expect(resultOf(router.route(config({ provider: 'openai' }), context(), executor))).toMatchObject({ retryAttemptCount: 0 });
  });

  it("spends a leaf's retries before the fallback moves on, then counts the next leaf's own", () => {
    const { router } = setup();
    const cfg = config({
      retry: { attempts: 2 },
      strategy: { mode: 'fallback' },
      targets: [{ provider: 'a' }, { provider: 'b' }],
    });
    const executor = FakeExecutor.byPath({ 'config.targets[0]': 500, 'config.targets[1]': [502, 200] });
    const result = resultOf(router.route(cfg, context(), executor));
    expect(executor.paths).toEqual(['config.targets[0]', 'config.targets[0]', 'config.targets[0]', 'config.targets[1]', 'config.targets[1]']);
    expect(result).toMatchObject({ target: { path: 'config.targets[1]' }, retryAttemptCount: 1, attempts: 5 });
    expect(executor.discarded.map((o) => o.call)).toEqual([0, 1, 2, 3]);
  });

  it('property: for any status sequence, calls and count follow the rules', () => {
    const status = fc.constantFrom(200, 201, 400, 404, 408, 429, 500, 502, 503, 504);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.array(status, { minLength: 6, maxLength: 6 }), (attempts, statuses) => {
        const { router, delays } = setup(() => 0.3);
        const executor = FakeExecutor.byPath({ config: statuses });
        const result = resultOf(router.route(leaf({ attempts }), context(), executor));

        const retryable = (s: number) => [429, 500, 502, 503, 504].includes(s);
        // Expected: call until a non-retryable status or attempts+1 calls.
        let calls = 1;
        while (calls <= attempts && retryable(statuses[calls - 1])) calls++;
        const last = statuses[calls - 1];
        const expectedCount = retryable(last) ? -1 : calls - 1;

        expect(executor.calls).toHaveLength(calls);
        expect(result.attempts).toBe(calls);
        expect(result.outcome.status).toBe(last);
        expect(result.retryAttemptCount).toBe(expectedCount);
        expect(delays).toHaveLength(calls - 1);
        expect(executor.discarded).toHaveLength(calls - 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('backoff', () => {
  it('waits random · min(cap, base · 2^n) before retry n', () => {
    const { router, delays } = setup(() => 0.5);
    resultOf(router.route(leaf({ attempts: 5 }), context(), FakeExecutor.byPath({ config: 500 })));
    // base 100, cap 1000: ceilings 100, 200, 400, 800, 1000 — halved by random 0.5.
    expect(delays).toEqual([50, 100, 200, 400, 500]);
  });

  it('property: every delay lies in [0, min(cap, base · 2^n)]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 50_000 }),
        (draws, baseMs, capMs) => {
          let i = 0;
          const { sleep, delays } = instantSleep();
          const r = createRouter({ random: () => draws[i++ % draws.length], sleep, backoff: { baseMs, capMs } });
          resultOf(r.route(leaf({ attempts: 5 }), context(), FakeExecutor.byPath({ config: 503 })));
          expect(delays).toHaveLength(5);
          delays.forEach((d, n) => {
            expect(d).toBeGreaterThanOrEqual(0);
            expect(d).toBeLessThanOrEqual(Math.min(capMs, baseMs * 2 ** n));
          });
        },
      ),
    );
  });

  it('defaults to base 1 s, cap 16 s', () => {
    const { sleep, delays } = instantSleep();
    const r = createRouter({ random: () => 0.999999, sleep });
    resultOf(r.route(leaf({ attempts: 5 }), context(), FakeExecutor.byPath({ config: 500 })));
    expect(delays.map((d) => Math.round(d))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });
});

describe('Retry-After', () => {
  const withHeader = (headers: Record<string, string>): Reply => ({ status: 429, headers });
  const honoured = leaf({ attempts: 3, use_retry_after_header: true });

  it.each([
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'x-ms-retry-after-ms': '1200' }, 1200],
    [{ 'retry-after': '2' }, 2000],
    [{ 'Retry-After': '3' }, 3000],
    [{ 'retry-after': '2', 'retry-after-ms': '1500' }, 1500],
  ])('waits exactly what %j asks (%p ms)', (headers, expected) => {
    const { router, delays } = setup();
    const result = resultOf(router.route(honoured, context(), FakeExecutor.byPath({ config: [withHeader(headers), 200] })));
    expect(delays).toEqual([expected]);
    expect(result.retryAttemptCount).toBe(1);
  });

  it('reads an HTTP date against the clock', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const { router, delays } = setup(undefined, { now: () => now });
    resultOf(router.route(honoured, context(), FakeExecutor.byPath({ config: [withHeader({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), 200] })));
    expect(delays).toEqual([5000]);
  });

  it('ignores the header unless asked, and ignores an unreadable one', () => {
    const { router, delays } = setup(() => 0.5);
    resultOf(router.route(leaf({ attempts: 1 }), context(), FakeExecutor.byPath({ config: [withHeader({ 'retry-after': '7' }), 200] })));
    resultOf(router.route(honoured, context(), FakeExecutor.byPath({ config: [withHeader({ 'retry-after': 'soon' }), 200] })));
    expect(delays).toEqual([50, 50]);
  });

  it('stops retrying (count -1) when one wait would reach 60 s', () => {
    const { router, delays } = setup();
    const executor = FakeExecutor.byPath({ config: [withHeader({ 'retry-after': '60' }), 200] });
    const result = resultOf(router.route(honoured, context(), executor));
    expect(result).toMatchObject({ retryAttemptCount: -1, attempts: 1, outcome: { status: 429 } });
    expect(delays).toEqual([]);
    expect(executor.discarded).toEqual([]);
  });

  it('stops retrying when the waits add up past 60 s', () => {
    const { router, delays } = setup();
    const executor = FakeExecutor.byPath({ config: [withHeader({ 'retry-after': '25' }), withHeader({ 'retry-after': '30' }), withHeader({ 'retry-after': '10' })] });
    const result = resultOf(router.route(leaf({ attempts: 5, use_retry_after_header: true }), context(), executor));
    expect(delays).toEqual([25_000, 30_000]);
    expect(result).toMatchObject({ retryAttemptCount: -1, attempts: 3 });
  });

  it('honours a configured cap', () => {
    const { router, delays } = setup(undefined, { maxRetryAfterMs: 1000 });
    const result = resultOf(router.route(honoured, context(), FakeExecutor.byPath({ config: [withHeader({ 'retry-after-ms': '999' }), withHeader({ 'retry-after-ms': '2' })] })));
    expect(delays).toEqual([999]);
    expect(result.retryAttemptCount).toBe(-1);
  });
});
