import type { MockStep, ScenarioOptions } from './types.js';

interface Scenario {
  steps: MockStep[];
  next: number;
  repeatLast: boolean;
}

/**
 * Scripts keyed by model name. The gateway does not forward arbitrary client headers, but the
 * model reaches every provider (body or path), so it is the one reliable key for scripting.
 */
export class ScenarioStore {
  private readonly byModel = new Map<string, Scenario>();

  set(model: string, steps: MockStep[], opts: ScenarioOptions = {}): void {
    this.byModel.set(model, { steps: [...steps], next: 0, repeatLast: opts.repeatLast === true });
  }

  /** Consumes and returns the next step for the first model that has a script, if any. */
  take(model: string | undefined, alt?: string): MockStep | undefined {
    if (this.byModel.size === 0) return undefined; // fast path for benchmarks
    const s = (model !== undefined && this.byModel.get(model)) || (alt !== undefined && this.byModel.get(alt)) || undefined;
    if (!s) return undefined;
    if (s.next < s.steps.length) return s.steps[s.next++];
    return s.repeatLast && s.steps.length > 0 ? s.steps[s.steps.length - 1] : undefined;
  }

  clear(): void {
    this.byModel.clear();
  }
}
