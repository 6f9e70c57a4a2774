/**
 * Password guessing, slowed: failed sign-ins are counted per account (the e-mail as typed,
 * normalised, whether or not it exists, so the lock itself reveals nothing) and per client address
 * within a window; past the limit the account or address is locked for a while. A success clears
 * the account's count. Counts live in this process (bounded); behind N replicas an attacker gets at
 * most N times the limit, still a handful of guesses per window.
 */
export interface LoginThrottleOptions {
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  windowMs: number;
  lockMs: number;
  maxTracked: number;
  now: () => number;
}

interface Counter {
  failures: number[];
  lockedUntil: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; message: string };

const DEFAULTS: LoginThrottleOptions = {
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 30,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxTracked: 20_000,
  now: Date.now,
};

export class LoginThrottle {
  private readonly options: LoginThrottleOptions;
  private readonly accounts = new Map<string, Counter>();
  private readonly addresses = new Map<string, Counter>();

  constructor(options: Partial<LoginThrottleOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  check(email: string, address: string | undefined): ThrottleDecision {
    const now = this.options.now();
    for (const [counter, what] of [
      [this.accounts.get(normalize(email)), 'this account'],
      [address ? this.addresses.get(address) : undefined, 'this address'],
    ] as const) {
      if (counter && counter.lockedUntil > now) {
        const retryAfterSeconds = Math.ceil((counter.lockedUntil - now) / 1000);
        return { allowed: false, retryAfterSeconds, message: `Too many failed sign-ins for ${what}; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)` };
      }
    }
    return { allowed: true };
  }

  failure(email: string, address: string | undefined): void {
    this.count(this.accounts, normalize(email), this.options.maxFailuresPerAccount);
    if (address) this.count(this.addresses, address, this.options.maxFailuresPerAddress);
  }

  success(email: string): void {
    this.accounts.delete(normalize(email));
  }

  private count(map: Map<string, Counter>, key: string, max: number): void {
    const now = this.options.now();
    const counter = map.get(key) ?? { failures: [], lockedUntil: 0 };
    counter.failures = counter.failures.filter((at) => now - at < this.options.windowMs);
    counter.failures.push(now);
    if (counter.failures.length >= max) {
      counter.lockedUntil = now + this.options.lockMs;
      counter.failures = [];
    }
    map.delete(key); // re-insert: the Map's order is then oldest-touched first, for eviction
    map.set(key, counter);
    if (map.size > this.options.maxTracked) map.delete(map.keys().next().value as string);
  }
}

function normalize(email: string): string {
  return email.trim().toLowerCase();
}
