import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProviderPlugins, ProviderPluginError } from './provider-plugins.js';
import { ProviderRegistry } from './provider-registry.js';

/** The example plug-in shipped in the repository (plugins/providers/acme-llm). */
const EXAMPLE_DIR = fileURLToPath(new URL('../../../../plugins/providers', import.meta.url));

const GOOD_ADAPTER = `export const adapter = {
  id: 'in-house', displayName: 'In house',
  baseUrl: () => 'https://llm.example.internal/v1', headers: () => ({}),
  endpoints: { chatComplete: { path: () => '/chat/completions' } },
  error: (status) => ({ error: { message: 'in-house error: ' + status, type: null, param: null, code: null }, provider: 'in-house' }),
};`;

async function pluginDir(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'aigw-plugins-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

const manifest = (extra: Record<string, unknown> = {}) => JSON.stringify({ id: 'in-house', displayName: 'In house', version: '1.0.0', ...extra });

describe('provider plug-ins', () => {
  it('loads the example plug-in of the repository, next to the built-in providers', async () => {
    const plugins = await loadProviderPlugins(EXAMPLE_DIR);
    expect(plugins.map((p) => p.id)).toEqual(['acme-llm']);
    const registry = ProviderRegistry.withBuiltIns(plugins);
    expect(registry.get('acme-llm')?.baseUrl({ provider: 'acme-llm', acmeRegion: 'us-east-1' })).toBe('https://llm.us-east-1.acme.internal/v1');
    expect(registry.has('openai')).toBe(true);
  });

  it('loads a plug-in from its manifest and entry', async () => {
    const dir = await pluginDir({ 'in-house/manifest.json': manifest(), 'in-house/index.mjs': GOOD_ADAPTER });
    expect((await loadProviderPlugins(dir)).map((p) => p.displayName)).toEqual(['In house']);
  });

  it.each([
    ['a missing manifest', { 'x/index.mjs': GOOD_ADAPTER }, /manifest.json not found/],
    ['a bad id', { 'x/manifest.json': manifest({ id: 'In House' }), 'x/index.mjs': GOOD_ADAPTER }, /manifest id/],
    ['an id differing from the adapter', { 'x/manifest.json': manifest({ id: 'other' }), 'x/index.mjs': GOOD_ADAPTER }, /differs from the manifest id/],
    ['an entry outside the folder', { 'x/manifest.json': manifest({ entry: '../evil.mjs' }), 'evil.mjs': GOOD_ADAPTER }, /inside the plug-in folder/],
    ['no adapter export', { 'x/manifest.json': manifest(), 'x/index.mjs': 'export const nothing = 1;' }, /exports no adapter/],
    ['an unknown endpoint', { 'x/manifest.json': manifest(), 'x/index.mjs': GOOD_ADAPTER.replace('chatComplete', 'chat') }, /unknown endpoint "chat"/],
    ['an entry that throws', { 'x/manifest.json': manifest(), 'x/index.mjs': 'throw new Error("boom");' }, /failed to load: boom/],
  ])('refuses %s at start-up, naming the folder', async (_name, files, message) => {
    const dir = await pluginDir(files);
    const error = await loadProviderPlugins(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderPluginError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(join(dir, 'x'));
  });

  it('refuses a plug-in that reuses a built-in id', async () => {
    const dir = await pluginDir({ 'x/manifest.json': manifest({ id: 'openai' }), 'x/index.mjs': GOOD_ADAPTER.replace(/in-house/g, 'openai') });
    const plugins = await loadProviderPlugins(dir);
    expect(() => ProviderRegistry.withBuiltIns(plugins)).toThrow('Provider plug-in "openai" reuses the id of a built-in provider');
  });
});
