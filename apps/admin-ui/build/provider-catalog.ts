/**
 * `virtual:provider-catalog`: the provider ids and names the virtual-key form offers, generated at
 * build time from the gateway's own registry (@aigw/providers, which is Node code and cannot ship
 * to the browser), so the console lists exactly the providers the gateway serves.
 */
import type { Plugin } from 'vite';

const ID = 'virtual:provider-catalog';

export interface CatalogEntry {
  id: string;
  name: string;
  /** No built-in base URL: the key needs a custom host (self-hosted servers). */
  needsCustomHost: boolean;
}

async function loadCatalog(): Promise<CatalogEntry[]> {
  let registry: { PROVIDERS: Map<string, { id: string; displayName: string; baseUrl(o: { provider: string }): string | undefined }> };
  try {
    registry = (await import('@aigw/providers')) as never;
  } catch (error) {
    throw new Error(`provider catalog: @aigw/providers is not built (npx nx run @aigw/providers:build): ${(error as Error).message}`);
  }
  return [...registry.PROVIDERS.values()]
    .map((p) => {
      let needsCustomHost = false;
      try {
        needsCustomHost = !p.baseUrl({ provider: p.id });
      } catch {
        needsCustomHost = false; // the URL is built from per-key settings (Azure, Vertex)
      }
      return { id: p.id, name: p.displayName, needsCustomHost };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function providerCatalog(): Plugin {
  return {
    name: 'aigw-provider-catalog',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    async load(id) {
      if (id !== `\0${ID}`) return undefined;
      return `export default ${JSON.stringify(await loadCatalog())};`;
    },
  };
}
