import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  let now = 0;
  const throttle = () => new LoginThrottle({ maxFailuresPerAccount: 3, maxFailuresPerAddress: 5, windowMs: 60_000, lockMs: 120_000, now: () => now });

  beforeEach(() => (now = 1_000_000));

  it('locks an account after too many failures in the window, for the lock time', () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) {
      expect(t.check('a@example.com', '10.0.0.1').allowed).toBe(true);
      t.failure('A@Example.com ', `10.0.0.${i + 1}`);
    }
    expect(t.check('a@example.com', '10.0.0.9')).toEqual({ allowed: false, retryAfterSeconds: 120, message: 'Too many failed sign-ins for this account; try again in 2 minute(s)' });
    now += 119_000;
    expect(t.check('a@example.com', undefined).allowed).toBe(false);
    now += 2_000;
    expect(t.check('a@example.com', undefined).allowed).toBe(true);
  });

  it('forgets failures older than the window, and a success clears the account', () => {
    const t = throttle();
    t.failure('b@example.com', undefined);
    t.failure('b@example.com', undefined);
    now += 61_000;
    t.failure('b@example.com', undefined);
    expect(t.check('b@example.com', undefined).allowed).toBe(true);
    t.failure('b@example.com', undefined);
    t.success('b@example.com');
    t.failure('b@example.com', undefined);
    expect(t.check('b@example.com', undefined).allowed).toBe(true);
  });

  it('locks an address that tries many accounts', () => {
    const t = throttle();
    for (let i = 0; i < 5; i++) t.failure(`user${i}@example.com`, '203.0.113.7');
    expect(t.check('someone-else@example.com', '203.0.113.7')).toMatchObject({ allowed: false, message: expect.stringMatching(/this address/) });
    expect(t.check('someone-else@example.com', '203.0.113.8').allowed).toBe(true);
  });

  it('treats an unknown account like a real one (the lock reveals nothing)', () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) t.failure('nobody@example.com', undefined);
    expect(t.check('nobody@example.com', undefined).allowed).toBe(false);
  });

  it('stays bounded in memory', () => {
    const t = new LoginThrottle({ maxTracked: 100, now: () => now });
    for (let i = 0; i < 1_000; i++) t.failure(`u${i}@example.com`, `198.51.100.${i % 250}`);
    expect((t as unknown as { accounts: Map<string, unknown> }).accounts.size).toBeLessThanOrEqual(100);
  });
});
