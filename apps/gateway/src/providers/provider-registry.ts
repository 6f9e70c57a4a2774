import type { ProviderAdapter } from '@aigw/providers';
import { PROVIDERS } from '@aigw/providers';

/**
 * The providers this gateway routes to: the built-in adapters of `@aigw/providers` plus the
 * plug-ins loaded at start-up. A Nest provider (see ProvidersModule), injected where a provider id
 * is resolved (route planner, leaf executor), so tests swap it through Nest's testing module
 * instead of module state. The adapters themselves stay pure functions in the library.
 */
export class ProviderRegistry {
  private readonly byId = new Map<string, ProviderAdapter>();

  constructor(adapters: Iterable<ProviderAdapter>) {
    for (const adapter of adapters) {
      // Two adapters under one id would make routing depend on load order.
      if (this.byId.has(adapter.id)) throw new Error(`Provider "${adapter.id}" is registered twice`);
      this.byId.set(adapter.id, adapter);
    }
  }

  /** The built-in adapters, then `extra` (plug-ins), which may not reuse a built-in id. */
  static withBuiltIns(extra: Iterable<ProviderAdapter> = []): ProviderRegistry {
    const plugins = [...extra];
    const clash = plugins.find((p) => PROVIDERS.has(p.id));
    // Replacing a built-in would silently change what existing configs route to.
    if (clash) throw new Error(`Provider plug-in "${clash.id}" reuses the id of a built-in provider`);
    return new ProviderRegistry([...PROVIDERS.values(), ...plugins]);
  }

  get(id: string): ProviderAdapter | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get size(): number {
    return this.byId.size;
  }

  ids(): string[] {
    return [...this.byId.keys()].sort();
  }
}
