import { describe, expect, it } from '@jest/globals';
import { deferredDateTimeFormat, withDeferredDateTimeFormat } from './deferred-date-time-format.js';

describe('deferredDateTimeFormat', () => {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' };

  it('builds the real formatter on first use only, once, with the same arguments', () => {
    const built: unknown[][] = [];
    const Counting = function (this: unknown, ...args: unknown[]) {
      built.push(args);
      return new Intl.DateTimeFormat(...(args as [string, Intl.DateTimeFormatOptions]));
    } as unknown as typeof Intl.DateTimeFormat;
    const formatter = deferredDateTimeFormat(Counting)('en-US', options);
    expect(built).toHaveLength(0);
    expect(formatter.format(Date.UTC(2026, 11, 2))).toBe('12/02/2026');
    expect(formatter.formatToParts(Date.UTC(2026, 11, 2)).find((p) => p.type === 'year')?.value).toBe('2026');
    expect(formatter.resolvedOptions().timeZone).toBe('UTC');
    expect(built).toEqual([['en-US', options]]);
  });

  it('formats exactly like the real one', () => {
    const real = new Intl.DateTimeFormat('de-DE', options);
    const deferred = deferredDateTimeFormat(Intl.DateTimeFormat)('de-DE', options);
    const when = Date.UTC(2025, 0, 31, 23, 59);
    expect(deferred.format(when)).toBe(real.format(when));
    expect(deferred.formatRange(when, when + 86_400_000)).toBe(real.formatRange(when, when + 86_400_000));
  });
});

describe('withDeferredDateTimeFormat', () => {
  it('swaps the global only while loading, and restores it when loading fails', async () => {
    const Real = Intl.DateTimeFormat;
    let seen: unknown;
    await withDeferredDateTimeFormat(async () => {
      seen = Intl.DateTimeFormat;
      // What the loaded module does with it: `new` at load time, format much later.
      return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric' });
    }).then((made) => expect(made.format(Date.UTC(2026, 0, 1))).toBe('2026'));
    expect(seen).not.toBe(Real);
    expect(Intl.DateTimeFormat).toBe(Real);
    await expect(withDeferredDateTimeFormat(() => Promise.reject(new Error('load failed')))).rejects.toThrow('load failed');
    expect(Intl.DateTimeFormat).toBe(Real);
  });
});
