import type { Endpoint, ProviderAdapter } from '@aigw/providers';
import { PROVIDERS } from '@aigw/providers';

/** One provider as the console's picker and the admin API list it. */
export interface ProviderCatalogEntry {
  id: string;
  name: string;
  /** No built-in base URL: a key or target needs a custom host (self-hosted servers, plug-ins without one). */
  needsCustomHost: boolean;
  /** Loaded from GATEWAY_PROVIDER_PLUGINS rather than built in. */
  plugin: boolean;
  /** The unified endpoints it serves (any provider also takes `/v1/*` passthrough). */
  endpoints: Endpoint[];
}

/**
 * The providers this gateway routes to: the built-in adapters of `@aigw/providers` plus the
 * plug-ins loaded at start-up. A Nest provider (see ProvidersModule), injected where a provider id
 * is resolved (route planner, leaf executor), so tests swap it through Nest's testing module
 * instead of module state. The adapters themselves stay pure functions in the library.
 */
export class ProviderRegistry {
  private readonly byId = new Map<string, ProviderAdapter>();
  private readonly plugins = new Set<string>();

  constructor(adapters: Iterable<ProviderAdapter>, pluginIds: Iterable<string> = []) {
    for (const id of pluginIds) this.plugins.add(id);
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
    return new ProviderRegistry([...PROVIDERS.values(), ...plugins], plugins.map((p) => p.id));
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

  isPlugin(id: string): boolean {
    return this.plugins.has(id);
  }

  /** Every provider, sorted by name: what the console offers in its provider pickers. */
  catalog(): ProviderCatalogEntry[] {
    return [...this.byId.values()]
      .map((adapter) => ({
        id: adapter.id,
        name: adapter.displayName,
        needsCustomHost: needsCustomHost(adapter),
        plugin: this.plugins.has(adapter.id),
        endpoints: (Object.keys(adapter.endpoints) as Endpoint[]).filter((e) => adapter.endpoints[e]),
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
}

function needsCustomHost(adapter: ProviderAdapter): boolean {
  try {
    return !adapter.baseUrl({ provider: adapter.id });
  } catch {
    // The URL is built from per-key settings (Azure resource, Vertex region): not a custom host.
    return false;
  }
}
