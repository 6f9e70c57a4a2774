import { validateJsonSchema, type JsonSchema } from './json-schema.js';
import type { CheckFunction, HookEvent } from './types.js';

/**
 * A plug-in: a manifest describing its functions, and the functions themselves. The built-in
 * checks are the `default` plug-in, written against this same interface.
 */
export interface PluginFunctionManifest {
  id: string;
  name?: string;
  description?: string;
  /** `guardrail` judges; `mutator` may rewrite the JSON it is given. */
  type: 'guardrail' | 'mutator';
  /** Where it may run. */
  supportedHooks: HookEvent[];
  /** JSON Schema of its `parameters`, checked before every call. */
  parameters?: JsonSchema;
}

export interface PluginManifest {
  id: string;
  name?: string;
  description?: string;
  functions: PluginFunctionManifest[];
}

export interface GuardrailPlugin {
  manifest: PluginManifest;
  functions: Record<string, CheckFunction>;
}

export class PluginError extends Error {
  constructor(where: string, reason: string) {
    super(`Guardrail plug-in ${where}: ${reason}`);
    this.name = 'PluginError';
  }
}

const ID = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/;
const EVENTS: ReadonlySet<string> = new Set(['beforeRequestHook', 'afterRequestHook']);

/** Refuses a plug-in whose manifest and exports disagree, so a bad one stops start-up, not a request. */
export function validatePlugin(where: string, plugin: unknown): GuardrailPlugin {
  const p = (plugin && typeof plugin === 'object' ? plugin : {}) as Partial<GuardrailPlugin>;
  const m = (p.manifest && typeof p.manifest === 'object' ? p.manifest : {}) as Partial<PluginManifest>;
  if (typeof m.id !== 'string' || !ID.test(m.id)) throw new PluginError(where, 'manifest id must be letters, digits, "-" or "_"');
  if (!Array.isArray(m.functions) || m.functions.length === 0) throw new PluginError(where, 'manifest functions must list at least one function');
  const fns = (p.functions && typeof p.functions === 'object' ? p.functions : {}) as Record<string, unknown>;
  for (const f of m.functions) {
    if (!f || typeof f.id !== 'string' || !ID.test(f.id)) throw new PluginError(where, 'every function needs an id');
    if (f.type !== 'guardrail' && f.type !== 'mutator') throw new PluginError(where, `function ${f.id}: type must be "guardrail" or "mutator"`);
    if (!Array.isArray(f.supportedHooks) || f.supportedHooks.length === 0 || !f.supportedHooks.every((e) => EVENTS.has(e))) {
      throw new PluginError(where, `function ${f.id}: supportedHooks must list beforeRequestHook and/or afterRequestHook`);
    }
    if (f.parameters !== undefined && (typeof f.parameters !== 'object' || f.parameters === null)) throw new PluginError(where, `function ${f.id}: parameters must be a JSON schema object`);
    if (typeof fns[f.id] !== 'function') throw new PluginError(where, `function ${f.id} is in the manifest but not exported`);
  }
  return p as GuardrailPlugin;
}

export interface ResolvedCheck {
  manifest: PluginFunctionManifest;
  run: CheckFunction;
}

/** Every enabled plug-in's functions by `<plugin>.<function>`. */
export class PluginRegistry {
  private readonly checks = new Map<string, ResolvedCheck>();

  constructor(plugins: GuardrailPlugin[]) {
    for (const plugin of plugins) this.add(plugin);
  }

  add(plugin: GuardrailPlugin): void {
    const id = plugin.manifest.id;
    if ([...this.checks.keys()].some((k) => k.startsWith(`${id}.`))) throw new PluginError(id, 'a plug-in with this id is already enabled');
    for (const f of plugin.manifest.functions) this.checks.set(`${id}.${f.id}`, { manifest: f, run: plugin.functions[f.id] });
  }

  get(checkId: string): ResolvedCheck | undefined {
    return this.checks.get(checkId);
  }

  ids(): string[] {
    return [...this.checks.keys()];
  }
}

/** Why a check's parameters do not fit its manifest, or undefined when they do. */
export function parameterProblem(check: ResolvedCheck, parameters: unknown): string | undefined {
  if (!check.manifest.parameters) return undefined;
  const errors = validateJsonSchema(check.manifest.parameters, parameters);
  return errors.length ? `invalid parameters: ${errors.slice(0, 3).join('; ')}` : undefined;
}
