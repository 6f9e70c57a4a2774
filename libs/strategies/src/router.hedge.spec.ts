/** Hedged requests, in RxJS virtual time (no real waiting). */
import { asyncScheduler } from 'rxjs';
import { FakeExecutor, config, context } from './__fixtures__/fake-executor.js';
import { inVirtualTime } from './__fixtures__/virtual-time.js';
import { LatencyTracker } from './latency-tracker.js';
import { createRouter } from './router.js';

const router = (latencies?: LatencyTracker) => createRouter({ random: () => 0, latencies });
const A = 'config.targets[0]';
const B = 'config.targets[1]';
const C = 'config.targets[2]';

function fallback(hedge: Record<string, unknown>, targets = 2) {
  return config({
    strategy: { mode: 'fallback' },
    hedge,
    targets: Array.from({ length: targets }, (_, i) => ({ provider: `p${i}`, api_key: 'k' })),
  });
}

describe('hedge on a fallback', () => {
  it('sends the next target after after_ms when the first is slow; the first good answer wins and the loser is aborted', () => {
    const executor = FakeExecutor.byPath({ [A]: { status: 200, delayMs: 1000 }, [B]: { status: 200, delayMs: 100 } });
    const timeline = inVirtualTime(() => router().route(fallback({ after_ms: 150 }), context(), executor));
    expect(timeline.values).toEqual([{ at: 250, value: expect.objectContaining({ target: expect.objectContaining({ path: B }), hedges: 1, attempts: 2 }) }]);
    expect(executor.aborted).toEqual([{ path: A, attempt: 0 }]);
    expect(executor.inFlight).toBe(0);
  });

  it('does not fire when the first target answers in time', () => {
    const executor = FakeExecutor.byPath({ [A]: { status: 200, delayMs: 100 }, [B]: 200 });
    const timeline = inVirtualTime(() => router().route(fallback({ after_ms: 150 }), context(), executor));
    expect(timeline.values).toEqual([{ at: 100, value: expect.objectContaining({ target: expect.objectContaining({ path: A }), hedges: 0, attempts: 1 }) }]);
    expect(executor.paths).toEqual([A]);
  });

  it('keeps the slow first answer when it still beats the hedge', () => {
    const executor = FakeExecutor.byPath({ [A]: { status: 200, delayMs: 200 }, [B]: { status: 200, delayMs: 500 } });
    const timeline = inVirtualTime(() => router().route(fallback({ after_ms: 150 }), context(), executor));
    expect(timeline.values).toEqual([{ at: 200, value: expect.objectContaining({ target: expect.objectContaining({ path: A }), hedges: 1 }) }]);
    expect(executor.aborted).toEqual([{ path: B, attempt: 0 }]);
  });

  it('a failed answer waits for the hedge still running instead of winning', () => {
    const executor = FakeExecutor.byPath({ [A]: { status: 500, delayMs: 200 }, [B]: { status: 200, delayMs: 300 } });
    const timeline = inVirtualTime(() => router().route(fallback({ after_ms: 100 }), context(), executor));
    expect(timeline.values).toEqual([{ at: 400, value: expect.objectContaining({ target: expect.objectContaining({ path: B }), outcome: expect.objectContaining({ status: 200 }) }) }]);
    expect(executor.discarded).toEqual([expect.objectContaining({ status: 500, path: A })]);
  });

  it('falls back as usual when the first fails before the hedge delay', () => {
    const executor = FakeExecutor.byPath({ [A]: { status: 503, delayMs: 50 }, [B]: { status: 200, delayMs: 10 } });
    const timeline = inVirtualTime(() => router().route(fallback({ after_ms: 150 }), context(), executor));
    expect(timeline.values).toEqual([{ at: 60, value: expect.objectContaining({ target: expect.objectContaining({ path: B }), hedges: 0 }) }]);
  });

  it('sends up to max_extra hedges, one per delay, and the last failure stands when nothing succeeds', () => {
    const executor = FakeExecutor.byPath({ [A]: { status: 500, delayMs: 1000 }, [B]: { status: 502, delayMs: 1000 }, [C]: { status: 503, delayMs: 1000 } });
    const timeline = inVirtualTime(() => router().route(fallback({ after_ms: 100, max_extra: 2 }, 3), context(), executor));
    expect(executor.calls.map((c) => c.path)).toEqual([A, B, C]);
    // Started at 0, 100 and 200; the last to fail (C, at 1200) stands.
    expect(timeline.values).toEqual([{ at: 1200, value: expect.objectContaining({ outcome: expect.objectContaining({ status: 503 }), hedges: 2, attempts: 3 }) }]);
  });

  it('never hedges a request marked not hedgeable (non-idempotent passthrough)', () => {
    const executor = FakeExecutor.byPath({ [A]: { status: 200, delayMs: 1000 }, [B]: 200 });
    const timeline = inVirtualTime(() => router().route(fallback({ after_ms: 150 }), context({ hedgeable: false }), executor));
    expect(timeline.values).toEqual([{ at: 1000, value: expect.objectContaining({ target: expect.objectContaining({ path: A }), hedges: 0 }) }]);
    expect(executor.paths).toEqual([A]);
  });

  it('a client that goes away cancels every call in flight and the pending hedge', () => {
    const executor = FakeExecutor.byPath({ [A]: { hang: true }, [B]: { hang: true }, [C]: 200 });
    const cfg = fallback({ after_ms: 100, max_extra: 2 }, 3);
    const timeline = inVirtualTime(() => router().route(cfg, context(), executor), { unsubscribeAt: 150 });
    expect(timeline.values).toEqual([]);
    expect(executor.aborted).toEqual([{ path: A, attempt: 0 }, { path: B, attempt: 0 }]);
    expect(executor.paths).toEqual([A, B]);
  });
});

describe('the hedge clock starts when a call goes upstream', () => {
  it('never hedges a call answered without an upstream call (a cache hit), however long it takes', () => {
    const executor = FakeExecutor.byPath({ [A]: { status: 200, delayMs: 400, noSend: true }, [B]: 200 });
    const timeline = inVirtualTime(() => router().route(fallback({ after_ms: 100 }), context(), executor));
    expect(timeline.values).toEqual([{ at: 400, value: expect.objectContaining({ target: expect.objectContaining({ path: A }), hedges: 0, attempts: 1 }) }]);
    expect(executor.paths).toEqual([A]);
  });

  it('counts the delay from the send, not from the start of the attempt (a cache lookup first)', () => {
    const executor = FakeExecutor.byPath({ [A]: { status: 200, delayMs: 1000, sendAfterMs: 50 }, [B]: { status: 200, delayMs: 10 } });
    const timeline = inVirtualTime(() => router().route(fallback({ after_ms: 100 }), context(), executor));
    // A went upstream at 50, so B starts at 150 and answers at 160.
    expect(timeline.values).toEqual([{ at: 160, value: expect.objectContaining({ target: expect.objectContaining({ path: B }), hedges: 1 }) }]);
    expect(executor.raced).toEqual([{ path: A, attempt: 0 }, { path: B, attempt: 0 }]);
  });

  it('tells the calls of a racer they race, and only those', () => {
    const plain = FakeExecutor.byPath({ [A]: 200 });
    inVirtualTime(() => router().route(config({ strategy: { mode: 'fallback' }, targets: [{ provider: 'p0', api_key: 'k' }] }), context(), plain));
    expect(plain.raced).toEqual([]);
  });
});

describe('hedge on a loadbalance', () => {
  it('hedges to the other target and answers a failure of the chosen one without falling back', () => {
    const cfg = config({ strategy: { mode: 'loadbalance' }, hedge: { after_ms: 100 }, targets: [{ provider: 'a', api_key: 'k', weight: 1 }, { provider: 'b', api_key: 'k', weight: 1 }] });
    const slow = FakeExecutor.byPath({ [A]: { status: 200, delayMs: 500 }, [B]: { status: 200, delayMs: 50 } });
    expect(inVirtualTime(() => router().route(cfg, context(), slow)).values).toEqual([{ at: 150, value: expect.objectContaining({ target: expect.objectContaining({ path: B }), hedges: 1 }) }]);
    const failing = FakeExecutor.byPath({ [A]: { status: 500, delayMs: 20 }, [B]: 200 });
    expect(inVirtualTime(() => router().route(cfg, context(), failing)).values).toEqual([{ at: 20, value: expect.objectContaining({ outcome: expect.objectContaining({ status: 500 }), hedges: 0 }) }]);
  });
});

describe('after_ms: "p95"', () => {
  it("waits for the first target's recent 95th-percentile latency, or 1 s before there is enough history", () => {
    const latencies = new LatencyTracker();
    const cfg = fallback({ after_ms: 'p95' });
    const slowFirst = () => FakeExecutor.byPath({ [A]: { status: 200, delayMs: 5000 }, [B]: { status: 200, delayMs: 10 } });
    expect(inVirtualTime(() => router(latencies).route(cfg, context(), slowFirst())).values[0].at).toBe(1010);
    // Teach the tracker: 100 calls to the first target, 90 at 50 ms and 10 at 400 ms → p95 = 400.
    const key = 'p0||||||';
    for (let i = 0; i < 100; i++) latencies.observe(key, i % 10 === 0 ? 400 : 50);
    expect(latencies.p95(key)).toBe(400);
    expect(inVirtualTime(() => router(latencies).route(cfg, context(), slowFirst())).values[0].at).toBe(410);
  });

  it('learns from real answers: each leaf call reports its latency to the tracker', () => {
    const latencies = new LatencyTracker();
    const cfg = config({ provider: 'p0', api_key: 'k' });
    // The router's clock, in virtual time (the default is Date.now).
    const timed = () => createRouter({ random: () => 0, latencies, now: () => asyncScheduler.now() });
    for (let i = 0; i < 25; i++) inVirtualTime(() => timed().route(cfg, context(), FakeExecutor.byPath({ config: { status: 200, delayMs: 30 } })));
    expect(latencies.p95('p0||||||')).toBe(30);
  });
});
