/**
 * A stand-in for `Intl.DateTimeFormat` that builds the real formatter only when it is first used.
 *
 * Why: building an `Intl.DateTimeFormat` maps the ICU locale and time-zone data it needs, ~4.8 MB
 * of the node binary's ICU section (measured with /proc/<pid>/pagemap: 0.5 MB resident in a bare
 * node, 5.3 MB after one `new Intl.DateTimeFormat(undefined, {…})`). @nestjs/common builds two at
 * load time for its console loggers' timestamps, which the gateway never prints: its logs go
 * through pino (PinoNestLogger). See load-nest-common.ts, the only user.
 */
export type DateTimeFormatFactory = (locales?: string | string[], options?: Intl.DateTimeFormatOptions) => Intl.DateTimeFormat;

export function deferredDateTimeFormat(Real: typeof Intl.DateTimeFormat): DateTimeFormatFactory {
  // A plain function, not an arrow: callers use `new`, and a constructor returning an object yields that object.
  return function DateTimeFormat(locales, options) {
    let real: Intl.DateTimeFormat | undefined;
    const formatter = (): Intl.DateTimeFormat => (real ??= new Real(locales, options));
    // Every instance method a caller could reach, forwarded; `format` is a bound getter on the real one.
    return {
      format: (date?: Date | number) => formatter().format(date),
      formatToParts: (date?: Date | number) => formatter().formatToParts(date),
      formatRange: (start: Date | number, end: Date | number) => formatter().formatRange(start, end),
      formatRangeToParts: (start: Date | number, end: Date | number) => formatter().formatRangeToParts(start, end),
      resolvedOptions: () => formatter().resolvedOptions(),
      [Symbol.toStringTag]: 'Intl.DateTimeFormat',
    } as Intl.DateTimeFormat;
  };
}

/**
 * Runs `load` with `Intl.DateTimeFormat` replaced by the deferred stand-in, and puts the real one
 * back before returning (also when `load` throws), so code loaded later sees the real constructor.
 */
export async function withDeferredDateTimeFormat<T>(load: () => Promise<T>): Promise<T> {
  const Real = Intl.DateTimeFormat;
  (Intl as { DateTimeFormat: unknown }).DateTimeFormat = deferredDateTimeFormat(Real);
  try {
    return await load();
  } finally {
    (Intl as { DateTimeFormat: unknown }).DateTimeFormat = Real;
  }
}
