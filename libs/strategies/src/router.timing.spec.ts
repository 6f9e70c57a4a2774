/** Timeouts and cancellation, in RxJS virtual time (no real waiting). */
import { FakeExecutor, config, context } from './__fixtures__/fake-executor.js';
import { inVirtualTime } from './__fixtures__/virtual-time.js';
import { createRouter } from './router.js';

const router = () => createRouter({ random: () => 0.5, backoff: { baseMs: 1000, capMs: 16_000 } });

describe('request_timeout', () => {
  it('answers the executor 408 stand-in when no outcome arrives in time, aborting the call', () => {
    const executor = FakeExecutor.byPath({ config: { delayMs: 5000 } });
    const timeline = inVirtualTime(() => router().route(config({ provider: 'openai', request_timeout: 500 }), context(), executor));
    expect(timeline.values).toEqual([
      { at: 500, value: expect.objectContaining({ outcome: { status: 408, call: -1, path: 'config', timedOutAfter: 500 }, retryAttemptCount: 0 }) },
    ]);
    expect(timeline.completedAt).toBe(500);
    expect(executor.aborted).toEqual([{ path: 'config', attempt: 0 }]);
    expect(executor.inFlight).toBe(0);
  });

  it('lets an outcome that arrives in time through, and no timeout fires afterwards', () => {
    const executor = FakeExecutor.byPath({ config: { status: 200, delayMs: 499 } });
    const timeline = inVirtualTime(() => router().route(config({ provider: 'openai', request_timeout: 500 }), context(), executor));
    expect(timeline.values).toEqual([{ at: 499, value: expect.objectContaining({ outcome: expect.objectContaining({ status: 200 }) }) }]);
    expect(executor.aborted).toEqual([]);
  });

  it('bounds each attempt, and a timeout is retryable like a connection error', () => {
    // Attempt 0 hangs (timed out at 300), backoff 0.5·1000 = 500, attempt 1 answers after 100.
    const executor = FakeExecutor.byPath({ config: [{ hang: true }, { status: 200, delayMs: 100 }] });
    const cfg = config({ provider: 'openai', request_timeout: 300, retry: { attempts: 1, on_status_codes: [500] } });
    const timeline = inVirtualTime(() => router().route(cfg, context(), executor));
    expect(timeline.values).toEqual([{ at: 900, value: expect.objectContaining({ retryAttemptCount: 1, attempts: 2 }) }]);
    expect(executor.discarded).toEqual([expect.objectContaining({ status: 408, call: -1 })]);
    expect(executor.aborted).toEqual([{ path: 'config', attempt: 0 }]);
  });

  it('counts -1 when every attempt timed out', () => {
    const executor = FakeExecutor.byPath({ config: { hang: true } });
    const cfg = config({ provider: 'openai', request_timeout: 100, retry: { attempts: 2 } });
    const timeline = inVirtualTime(() => router().route(cfg, context(), executor));
    // 100 + 500 + 100 + 1000 + 100
    expect(timeline.values).toEqual([{ at: 1800, value: expect.objectContaining({ retryAttemptCount: -1, attempts: 3, outcome: expect.objectContaining({ status: 408 }) }) }]);
    expect(executor.aborted).toHaveLength(3);
  });

  it('falls back after a timeout', () => {
    const executor = FakeExecutor.byPath({ 'config.targets[0]': { hang: true }, 'config.targets[1]': { status: 200, delayMs: 10 } });
    const cfg = config({ request_timeout: 1000, strategy: { mode: 'fallback' }, targets: [{ provider: 'a' }, { provider: 'b' }] });
    const timeline = inVirtualTime(() => router().route(cfg, context(), executor));
    expect(timeline.values).toEqual([{ at: 1010, value: expect.objectContaining({ target: expect.objectContaining({ path: 'config.targets[1]' }) }) }]);
  });

  it('lets the x-portkey-request-timeout header value win over the config', () => {
    const executor = FakeExecutor.byPath({ config: { delayMs: 5000 } });
    const timeline = inVirtualTime(() =>
      router().route(config({ provider: 'openai', request_timeout: 4000 }), context({ requestTimeout: 200 }), executor),
    );
    expect(timeline.values[0].at).toBe(200);
    expect(timeline.values[0].value.outcome.status).toBe(408);
  });
  it('ignores an unusable header timeout (0 or NaN) and keeps the config one', () => {
    for (const requestTimeout of [0, Number.NaN]) {
      const executor = FakeExecutor.byPath({ config: { delayMs: 5000 } });
      const timeline = inVirtualTime(() => router().route(config({ provider: 'openai', request_timeout: 300 }), context({ requestTimeout }), executor));
      expect(timeline.values[0].at).toBe(300);
    }
  });
});

describe('cancellation', () => {
  it('unsubscribing aborts the upstream call in flight', () => {
    const executor = FakeExecutor.byPath({ config: { delayMs: 10_000 } });
    const timeline = inVirtualTime(() => router().route(config({ provider: 'openai', request_timeout: 60_000 }), context(), executor), {
      unsubscribeAt: 50,
    });
    expect(timeline.values).toEqual([]);
    expect(executor.aborted).toEqual([{ path: 'config', attempt: 0 }]);
    expect(executor.inFlight).toBe(0);
  });

  it('unsubscribing during a backoff cancels the pending retry', () => {
    const executor = FakeExecutor.byPath({ config: 500 });
    let callsAt600 = -1;
    const timeline = inVirtualTime(() => router().route(config({ provider: 'openai', retry: { attempts: 3 } }), context(), executor), {
      // First call at 0, backoff 500 → second call at 500, backoff 1000 → third due at 1500.
      unsubscribeAt: 600,
      during: [[600, () => (callsAt600 = executor.calls.length)]],
    });
    expect(callsAt600).toBe(2);
    expect(executor.calls).toHaveLength(2);
    expect(timeline.values).toEqual([]);
    expect(timeline.completedAt).toBeUndefined();
  });

  it('unsubscribing mid-fallback aborts the current target and starts no other', () => {
    const executor = FakeExecutor.byPath({ 'config.targets[0]': { status: 500, delayMs: 10 }, 'config.targets[1]': { delayMs: 1000 }, 'config.targets[2]': 200 });
    const cfg = config({ strategy: { mode: 'fallback' }, targets: [{ provider: 'a' }, { provider: 'b' }, { provider: 'c' }] });
    inVirtualTime(() => router().route(cfg, context(), executor), { unsubscribeAt: 100 });
    expect(executor.paths).toEqual(['config.targets[0]', 'config.targets[1]']);
    expect(executor.aborted).toEqual([{ path: 'config.targets[1]', attempt: 0 }]);
  });
});
