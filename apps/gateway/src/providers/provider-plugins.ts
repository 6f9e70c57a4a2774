import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Endpoint, ProviderAdapter } from '@aigw/providers';

/**
 * Custom providers without forking: a plug-in folder (GATEWAY_PROVIDER_PLUGINS) holds one folder
 * per provider, each with a `manifest.json` (`{"id", "displayName", "version", "entry"}`) and an
 * ES module (`entry`, default `index.mjs`) exporting `adapter`: a ProviderAdapter, the same
 * interface as the built-in ones (pure transforms; the gateway does the I/O). Everything is
 * validated at start-up, and a bad plug-in stops the gateway with its folder and reason, rather
 * than failing the first request routed to it.
 */
export interface ProviderPluginManifest {
  id: string;
  displayName: string;
  version: string;
  entry?: string;
}

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ENDPOINTS: ReadonlySet<string> = new Set<Endpoint>([
  'chatComplete', 'complete', 'embed', 'imageGenerate', 'imageEdit', 'createSpeech', 'createTranscription',
  'createTranslation', 'moderate', 'rerank', 'messages', 'responses', 'listModels',
]);

export class ProviderPluginError extends Error {
  constructor(folder: string, reason: string) {
    super(`Provider plug-in ${folder}: ${reason}`);
    this.name = 'ProviderPluginError';
  }
}

/** Every plug-in under `dir`, validated; folder names sorted so the load order is stable. */
export async function loadProviderPlugins(dir: string): Promise<ProviderAdapter[]> {
  const root = resolve(dir);
  const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new ProviderPluginError(root, `cannot read the plug-in folder (${error.code ?? error.message})`);
  });
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  const adapters: ProviderAdapter[] = [];
  for (const name of folders) adapters.push(await loadPlugin(join(root, name)));
  return adapters;
}

async function loadPlugin(folder: string): Promise<ProviderAdapter> {
  const manifest = validateManifest(folder, await readJson(folder, join(folder, 'manifest.json')));
  const entry = join(folder, manifest.entry ?? 'index.mjs');
  // The entry must stay inside its folder: a manifest is configuration, not a path to anywhere.
  if (!resolve(entry).startsWith(resolve(folder))) throw new ProviderPluginError(folder, 'entry must be a file inside the plug-in folder');
  if (!(await stat(entry).catch(() => undefined))?.isFile()) throw new ProviderPluginError(folder, `entry ${manifest.entry ?? 'index.mjs'} not found`);
  let module: { adapter?: unknown; default?: unknown };
  try {
    module = (await import(pathToFileURL(entry).href)) as typeof module;
  } catch (error) {
    throw new ProviderPluginError(folder, `entry failed to load: ${(error as Error).message}`);
  }
  const adapter = module.adapter ?? module.default;
  validateAdapter(folder, adapter, manifest);
  return adapter as ProviderAdapter;
}

async function readJson(folder: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ProviderPluginError(folder, 'manifest.json not found');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderPluginError(folder, 'manifest.json is not valid JSON');
  }
}

export function validateManifest(folder: string, value: unknown): ProviderPluginManifest {
  const m = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (typeof m.id !== 'string' || !ID.test(m.id)) throw new ProviderPluginError(folder, 'manifest id must be lower-case letters, digits and dashes (like "openai")');
  if (typeof m.displayName !== 'string' || !m.displayName.trim()) throw new ProviderPluginError(folder, 'manifest displayName is required');
  if (typeof m.version !== 'string' || !m.version.trim()) throw new ProviderPluginError(folder, 'manifest version is required');
  if (m.entry !== undefined && (typeof m.entry !== 'string' || !m.entry.endsWith('.mjs') && !m.entry.endsWith('.js'))) {
    throw new ProviderPluginError(folder, 'manifest entry must name a .mjs or .js file');
  }
  return { id: m.id, displayName: m.displayName, version: m.version, ...(typeof m.entry === 'string' ? { entry: m.entry } : {}) };
}

export function validateAdapter(folder: string, value: unknown, manifest: ProviderPluginManifest): asserts value is ProviderAdapter {
  const a = (value && typeof value === 'object' ? value : undefined) as Record<string, unknown> | undefined;
  if (!a) throw new ProviderPluginError(folder, 'the entry exports no adapter (export const adapter = {...})');
  if (a.id !== manifest.id) throw new ProviderPluginError(folder, `adapter id "${String(a.id)}" differs from the manifest id "${manifest.id}"`);
  for (const fn of ['baseUrl', 'headers', 'error'] as const) {
    if (typeof a[fn] !== 'function') throw new ProviderPluginError(folder, `adapter.${fn} must be a function`);
  }
  if (a.sign !== undefined && typeof a.sign !== 'function') throw new ProviderPluginError(folder, 'adapter.sign must be a function');
  const endpoints = a.endpoints;
  if (!endpoints || typeof endpoints !== 'object') throw new ProviderPluginError(folder, 'adapter.endpoints must be an object');
  for (const [name, endpoint] of Object.entries(endpoints)) {
    if (!ENDPOINTS.has(name)) throw new ProviderPluginError(folder, `unknown endpoint "${name}"`);
    const e = endpoint as Record<string, unknown>;
    if (!e || typeof e.path !== 'function') throw new ProviderPluginError(folder, `endpoints.${name}.path must be a function`);
    for (const fn of ['request', 'response', 'encode'] as const) {
      if (e[fn] !== undefined && typeof e[fn] !== 'function') throw new ProviderPluginError(folder, `endpoints.${name}.${fn} must be a function`);
    }
  }
  if (typeof a.displayName !== 'string') a.displayName = manifest.displayName;
}
