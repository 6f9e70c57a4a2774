import { CircuitBreakerRegistry } from './circuit-breaker.js';

function registry(options: { failureThreshold?: number; windowMs?: number; cooldownMs?: number } = {}) {
  const clock = { t: 1_000_000 };
  const breakers = new CircuitBreakerRegistry({ failureThreshold: 3, windowMs: 10_000, cooldownMs: 5_000, ...options, now: () => clock.t });
  const fail = (key = 'k', probe = false) => breakers.onAttemptEnd(key, true, probe);
  const succeed = (key = 'k', probe = false) => breakers.onAttemptEnd(key, false, probe);
  return { breakers, clock, fail, succeed };
}

describe('CircuitBreakerRegistry', () => {
  it('starts closed and available for any key', () => {
    const { breakers } = registry();
    expect(breakers.state('new')).toBe('closed');
    expect(breakers.isAvailable('new')).toBe(true);
    expect(breakers.snapshot()).toEqual([]);
  });

  it('opens after N failures within the window', () => {
    const { breakers, clock, fail } = registry();
    fail();
    clock.t += 1000;
    fail();
    expect(breakers.state('k')).toBe('closed');
    expect(breakers.snapshot()).toEqual([{ key: 'k', state: 'closed', failures: 2 }]);
    clock.t += 1000;
    fail();
    expect(breakers.state('k')).toBe('open');
    expect(breakers.isAvailable('k')).toBe(false);
    expect(breakers.snapshot()).toEqual([{ key: 'k', state: 'open', failures: 3, openedAt: clock.t }]);
  });

  it('does not count failures older than the window', () => {
    const { breakers, clock, fail } = registry();
    fail();
    fail();
    clock.t += 10_001;
    fail();
    expect(breakers.state('k')).toBe('closed');
    expect(breakers.snapshot()).toEqual([{ key: 'k', state: 'closed', failures: 1 }]);
  });

  it('resets the count on a success', () => {
    const { breakers, fail, succeed } = registry();
    fail();
    fail();
    succeed();
    fail();
    fail();
    expect(breakers.state('k')).toBe('closed');
  });

  it('keeps keys apart', () => {
    const { breakers, fail } = registry();
    fail('a');
    fail('a');
    fail('a');
    expect(breakers.state('a')).toBe('open');
    expect(breakers.state('b')).toBe('closed');
  });

  it('turns half-open after the cool-down and lets exactly one probe through', () => {
    const { breakers, clock, fail } = registry();
    fail();
    fail();
    fail();
    clock.t += 4_999;
    expect(breakers.isAvailable('k')).toBe(false);
    clock.t += 1;
    expect(breakers.state('k')).toBe('half-open');
    expect(breakers.isAvailable('k')).toBe(true);
    expect(breakers.onAttemptStart('k')).toBe(true);
    // The probe is out: nobody else gets through, and a second start is not a probe.
    expect(breakers.isAvailable('k')).toBe(false);
    expect(breakers.onAttemptStart('k')).toBe(false);
  });

  it('closes when the probe succeeds', () => {
    const { breakers, clock, fail, succeed } = registry();
    fail();
    fail();
    fail();
    clock.t += 5_000;
    const probe = breakers.onAttemptStart('k');
    succeed('k', probe);
    expect(breakers.state('k')).toBe('closed');
    expect(breakers.isAvailable('k')).toBe(true);
    expect(breakers.snapshot()).toEqual([]);
  });

  it('re-opens for a full cool-down when the probe fails', () => {
    const { breakers, clock, fail } = registry();
    fail();
    fail();
    fail();
    clock.t += 5_000;
    const probe = breakers.onAttemptStart('k');
    fail('k', probe);
    expect(breakers.state('k')).toBe('open');
    expect(breakers.snapshot()[0]).toEqual({ key: 'k', state: 'open', failures: 3, openedAt: clock.t });
    clock.t += 4_999;
    expect(breakers.isAvailable('k')).toBe(false);
    clock.t += 1;
    expect(breakers.isAvailable('k')).toBe(true);
  });

  it('ignores failures of non-probe calls while open (they must not push the cool-down back)', () => {
    const { breakers, clock, fail } = registry();
    fail();
    fail();
    fail();
    const openedAt = clock.t;
    clock.t += 3_000;
    fail('k', false);
    expect(breakers.snapshot()[0].openedAt).toBe(openedAt);
  });

  it('frees the probe slot when the probe is cancelled', () => {
    const { breakers, clock, fail } = registry();
    fail();
    fail();
    fail();
    clock.t += 5_000;
    const probe = breakers.onAttemptStart('k');
    breakers.onAttemptAbort('k', probe);
    expect(breakers.isAvailable('k')).toBe(true);
  });

  it('allows a new probe when the previous one never reported for a cool-down', () => {
    const { breakers, clock, fail } = registry();
    fail();
    fail();
    fail();
    clock.t += 5_000;
    breakers.onAttemptStart('k');
    clock.t += 4_999;
    expect(breakers.isAvailable('k')).toBe(false);
    clock.t += 1;
    expect(breakers.isAvailable('k')).toBe(true);
  });

  it('forgets breakers on reset', () => {
    const { breakers, fail } = registry();
    fail('a');
    fail('a');
    fail('a');
    fail('b');
    breakers.reset('a');
    expect(breakers.state('a')).toBe('closed');
    expect(breakers.snapshot().map((s) => s.key)).toEqual(['b']);
    breakers.reset();
    expect(breakers.snapshot()).toEqual([]);
  });
});
