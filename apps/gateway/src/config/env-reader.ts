/**
 * Reads settings from the environment and collects every problem instead of stopping at the
 * first, so a misconfigured deployment learns all of its mistakes from one failed start.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export class EnvReader {
  readonly problems: string[] = [];

  constructor(readonly env: NodeJS.ProcessEnv) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: string, fallback: number, min = 0): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      this.problems.push(`${name} must be an integer >= ${min}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  optionalInt(name: string, min = 1): number | undefined {
    return this.raw(name) === undefined ? undefined : this.int(name, min, min);
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  /** Comma-separated; the fallback only when the variable is unset (an empty value is an empty list). */
  list(name: string, fallback: string[]): string[] {
    const value = this.env[name];
    if (value === undefined) return fallback;
    return value.split(',').map((e) => e.trim()).filter(Boolean);
  }

  /** Runs a check that throws with a message; the message is recorded, the fallback returned. */
  check<T>(run: () => T, fallback: T): T {
    try {
      return run();
    } catch (error) {
      this.problems.push(error instanceof Error ? error.message : String(error));
      return fallback;
    }
  }

  /** Throws one ConfigError naming every problem found so far. */
  assertValid(): void {
    if (this.problems.length) throw new ConfigError(this.problems);
  }
}
