import { readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type GuardrailPlugin, PluginError, validatePlugin } from './plugin.js';

/**
 * Loads one plug-in: a folder holding `manifest.json` and an ES module (`entry`, default
 * `index.mjs`) exporting its functions, or an installed npm package exporting `manifest` and
 * `functions`. Validated here, so a broken plug-in stops start-up with its name and reason.
 */
export async function loadGuardrailPlugin(spec: string): Promise<GuardrailPlugin> {
  const folder = resolve(spec);
  const isFolder = (await stat(folder).catch(() => undefined))?.isDirectory();
  if (!isFolder) {
    if (spec.startsWith('.') || spec.startsWith('/')) throw new PluginError(spec, 'folder not found');
    let mod: Record<string, unknown>;
    try {
      mod = (await import(spec)) as Record<string, unknown>;
    } catch (error) {
      throw new PluginError(spec, `package failed to load: ${(error as Error).message}`);
    }
    return validatePlugin(spec, { manifest: mod.manifest, functions: mod.functions ?? mod.default });
  }
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new PluginError(folder, `manifest.json missing or not JSON (${(error as Error).message})`);
  }
  const entry = resolve(folder, typeof manifest.entry === 'string' ? manifest.entry : 'index.mjs');
  // A manifest is configuration, not a path to anywhere: the entry stays inside its folder.
  if (!entry.startsWith(folder + sep)) throw new PluginError(folder, 'entry must be a file inside the plug-in folder');
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (error) {
    throw new PluginError(folder, `entry failed to load: ${(error as Error).message}`);
  }
  return validatePlugin(folder, { manifest, functions: mod.functions ?? mod.default });
}

/** Every plug-in of a comma-separated list (GATEWAY_GUARDRAIL_PLUGINS), in order. */
export async function loadGuardrailPlugins(list: string[]): Promise<GuardrailPlugin[]> {
  const plugins: GuardrailPlugin[] = [];
  for (const spec of list) plugins.push(await loadGuardrailPlugin(spec));
  return plugins;
}
