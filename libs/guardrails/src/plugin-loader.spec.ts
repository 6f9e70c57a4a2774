import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGuardrailPlugin } from './plugin-loader.js';
import { PluginRegistry } from './plugin.js';
import { runHooks } from './runner.js';
import { hookPlanOf } from './hook-specs.js';
import { beforeCtx } from './__fixtures__/contexts.js';

const EXAMPLE = fileURLToPath(new URL('../../../plugins/guardrails/banned-topics', import.meta.url));

function pluginDir(manifest: unknown, code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gr-plugin-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'index.mjs'), code);
  return dir;
}

describe('plug-in loading', () => {
  it('loads the example plug-in folder and runs its check through the registry', async () => {
    const plugin = await loadGuardrailPlugin(EXAMPLE);
    expect(plugin.manifest.id).toBe('acme');
    const registry = new PluginRegistry([plugin]);
    const hooks = hookPlanOf({ inputGuardrails: [{ 'acme.bannedTopics': { topics: ['weapons'] } }] }).before;
    const services = { postJson: async () => ({ status: 200, json: {} }) };
    expect((await runHooks(hooks, beforeCtx('tell me about weapons'), { registry, services, defaultTimeoutMs: 100 })).results[0].verdict).toBe(false);
    expect((await runHooks(hooks, beforeCtx('tell me about gardens'), { registry, services, defaultTimeoutMs: 100 })).results[0].verdict).toBe(true);
  });

  it.each([
    [{ id: 'x', functions: [{ id: 'f', type: 'guardrail', supportedHooks: ['beforeRequestHook'] }] }, 'export const functions = {};', /f is in the manifest but not exported/],
    [{ id: 'x', functions: [{ id: 'f', type: 'other', supportedHooks: ['beforeRequestHook'] }] }, 'export const functions = { f() {} };', /type must be/],
    [{ id: 'x', functions: [{ id: 'f', type: 'guardrail', supportedHooks: ['onSomething'] }] }, 'export const functions = { f() {} };', /supportedHooks/],
    [{ id: 'bad id!', functions: [] }, '', /manifest id/],
    [{ id: 'x', entry: '../outside.mjs', functions: [] }, '', /inside the plug-in folder/],
  ])('refuses a bad plug-in at load time (%j)', async (manifest, code, message) => {
    await expect(loadGuardrailPlugin(pluginDir(manifest, code))).rejects.toThrow(message);
  });

  it('refuses a missing folder and a duplicate plug-in id', async () => {
    await expect(loadGuardrailPlugin('/nonexistent/plugin')).rejects.toThrow(/folder not found/);
    const plugin = await loadGuardrailPlugin(EXAMPLE);
    expect(() => new PluginRegistry([plugin, plugin])).toThrow(/already enabled/);
  });

  it('a name that is not a folder is loaded as an installed npm package, and refused when it is not a plug-in', async () => {
    await expect(loadGuardrailPlugin('zod')).rejects.toThrow(/Guardrail plug-in zod: manifest id/);
    await expect(loadGuardrailPlugin('no-such-guardrail-package-xyz')).rejects.toThrow(/package failed to load/);
  });

  it('a folder without manifest.json is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gr-plugin-'));
    mkdirSync(join(dir, 'x'));
    await expect(loadGuardrailPlugin(dir)).rejects.toThrow(/manifest.json missing/);
  });
});
