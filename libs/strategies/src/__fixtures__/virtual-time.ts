/**
 * Runs a scenario in RxJS virtual time (TestScheduler.run): `timer`s, the router's default sleep
 * and the fake executor's delays all use it, so "5 s later" costs nothing and is exact.
 */
import { TestScheduler } from 'rxjs/testing';
import { timer, type Observable } from 'rxjs';

export interface Timeline<T> {
  values: Array<{ at: number; value: T }>;
  error?: { at: number; error: unknown };
  completedAt?: number;
}

/**
 * Subscribes to `build()` at time 0, optionally unsubscribes at `unsubscribeAt`, runs virtual
 * time to the end and returns what happened when. `during` runs checks at given times.
 */
export function inVirtualTime<T>(
  build: () => Observable<T>,
  options: { unsubscribeAt?: number; during?: Array<[number, () => void]> } = {},
): Timeline<T> {
  const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  const out: Timeline<T> = { values: [] };
  scheduler.run(() => {
    const subscription = build().subscribe({
      next: (value) => out.values.push({ at: scheduler.now(), value }),
      error: (error: unknown) => (out.error = { at: scheduler.now(), error }),
      complete: () => (out.completedAt = scheduler.now()),
    });
    if (options.unsubscribeAt !== undefined) timer(options.unsubscribeAt).subscribe(() => subscription.unsubscribe());
    for (const [at, check] of options.during ?? []) timer(at).subscribe(check);
  });
  return out;
}
