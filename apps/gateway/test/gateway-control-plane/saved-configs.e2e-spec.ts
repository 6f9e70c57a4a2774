import OpenAI from 'openai';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { ConfigsService } from '../../src/control-plane/configs/configs.service.js';
import { type SeededWorkspace, TEST_ACTOR, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { chat, type ControlPlaneGateway, startControlPlaneGateway } from './support/control-plane-gateway.js';

/**
 * Saved configs (`x-portkey-config: pc-…`) through the gateway: the current version routes the
 * request and is named in `x-portkey-config-version`; a new version and a restore take over at once
 * (cache invalidation); a config is only usable with a gateway key of its own workspace.
 */
let db: TestDatabase;
let mock: MockProvider;
let gateway: ControlPlaneGateway;
let a: SeededWorkspace;
let b: SeededWorkspace;
let slugA: string;
let slugA2: string;

/** v1: a fallback whose first target always fails, so the second one (model sc-v1) answers. */
const v1 = () => ({
  strategy: { mode: 'fallback' },
  targets: [
    { virtual_key: slugA, override_params: { model: 'sc-down' } },
    { virtual_key: slugA2, override_params: { model: 'sc-v1' } },
  ],
});
/** v2: a single target with another model. */
const v2 = () => ({ virtual_key: slugA, override_params: { model: 'sc-v2' } });

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider({ port: 0 });
  gateway = await startControlPlaneGateway(db.url);
  a = await gateway.seed('Workspace A');
  b = await gateway.seed('Workspace B');
  const settings = { customHost: `${mock.url}/v1` };
  slugA = await a.createVirtualKey({ name: 'Primary', provider: 'openai', secret: { apiKey: 'sk-primary' }, settings });
  slugA2 = await a.createVirtualKey({ name: 'Secondary', provider: 'openai', secret: { apiKey: 'sk-secondary' }, settings });
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
  await db?.drop();
});
beforeEach(() => {
  mock.reset();
  mock.scenario('sc-down', [{ status: 503 }], { repeatLast: true });
});

describe('x-portkey-config: pc-…', () => {
  it('routes by the saved config and names its version; new versions and restores take over at once', async () => {
    const id = await a.createConfig('Support bot', v1());
    expect(id).toMatch(/^pc-support-bot-[0-9a-f]{6}$/);
    const headers = { 'x-portkey-api-key': a.apiKey, 'x-portkey-config': id };

    const first = await chat(gateway.url, headers, { model: 'client-model' });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-portkey-config-version')).toBe('1');
    expect(first.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    expect(mock.requests('sc-down')[0].headers.authorization).toBe('Bearer sk-primary');
    expect(mock.requests('sc-v1')[0].headers.authorization).toBe('Bearer sk-secondary');
    expect(mock.count('client-model')).toBe(0); // override_params replaced the client's model

    // A new version, saved through the service: the gateway serves it within a second.
    const configs = gateway.get(ConfigsService);
    expect((await configs.update(a.workspaceId, id, { config: v2() }, TEST_ACTOR)).currentVersion).toBe(2);
    let latest = first;
    await waitFor(async () => {
      latest = await chat(gateway.url, headers);
      return latest.headers.get('x-portkey-config-version') === '2';
    }, 1_000);
    expect(latest.status).toBe(200);
    expect(latest.headers.get('x-portkey-last-used-option-index')).toBe('config');
    expect(mock.requests('sc-v2')[0].headers.authorization).toBe('Bearer sk-primary');

    // Restoring version 1 appends it as version 3, with version 1's routing.
    const restored = await configs.restore(a.workspaceId, id, 1, TEST_ACTOR);
    expect(restored.currentVersion).toBe(3);
    await waitFor(async () => {
      latest = await chat(gateway.url, headers);
      return latest.headers.get('x-portkey-config-version') === '3';
    }, 1_000);
    expect(latest.status).toBe(200);
    expect(latest.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    const sv1 = mock.requests('sc-v1');
    expect(sv1).toHaveLength(2);
    expect(sv1[1].seq).toBeGreaterThan(mock.requests('sc-v2').at(-1)!.seq);
  });

  it('works with the OpenAI SDK (gateway key as Bearer), JSON and streamed', async () => {
    const id = await a.createConfig('SDK', { virtual_key: slugA2, override_params: { model: 'sc-sdk' } });
    const client = new OpenAI({ apiKey: a.apiKey, baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-config': id } });

    const { data, response } = await client.chat.completions
      .create({ model: 'ignored', messages: [{ role: 'user', content: 'saved config please' }] })
      .withResponse();
    expect(data.choices[0].message.content).toContain('saved config please');
    expect(response.headers.get('x-portkey-config-version')).toBe('1');

    const streamed = await client.chat.completions
      .create({ model: 'ignored', stream: true, messages: [{ role: 'user', content: 'stream the config' }] })
      .withResponse();
    expect(streamed.response.headers.get('x-portkey-config-version')).toBe('1');
    let text = '';
    for await (const chunk of streamed.data) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toContain('stream the config');

    const seen = mock.requests('sc-sdk');
    expect(seen).toHaveLength(2);
    for (const s of seen) expect(s.headers.authorization).toBe('Bearer sk-secondary');
    expect(mock.count('ignored')).toBe(0);
  });

  it('answers 404 for an unknown config id', async () => {
    const r = await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-config': 'pc-does-not-exist-000000' }, { model: 'sc-unknown' });
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ status: 'failure', message: 'Config pc-does-not-exist-000000 was not found in this workspace' });
    expect(mock.count()).toBe(0);
  });

  it('needs a gateway key', async () => {
    const id = await a.createConfig('Keyless', v2());
    const r = await chat(gateway.url, { 'x-portkey-config': id });
    expect(r.status).toBe(401);
    expect(r.json.message).toMatch(/gateway API key is required/);
    expect(mock.count()).toBe(0);
  });

  it('stops serving a deleted config at once', async () => {
    const id = await a.createConfig('Short lived', v2());
    const headers = { 'x-portkey-api-key': a.apiKey, 'x-portkey-config': id };
    expect((await chat(gateway.url, headers)).status).toBe(200);
    await gateway.get(ConfigsService).remove(a.workspaceId, id, TEST_ACTOR);
    expect((await chat(gateway.url, headers)).status).toBe(404);
  });
});

describe('workspace isolation', () => {
  it('never lets a key of workspace B use workspace A’s config, and the reverse', async () => {
    const idA = await a.createConfig('Private to A', v2());
    const refused = await chat(gateway.url, { 'x-portkey-api-key': b.apiKey, 'x-portkey-config': idA }, { model: 'sc-cross' });
    expect(refused.status).toBe(404);
    expect(refused.json.message).toBe(`Config ${idA} was not found in this workspace`);
    expect(refused.headers.get('x-portkey-config-version')).toBeNull();
    // Also as Bearer (what the OpenAI SDK sends).
    expect((await chat(gateway.url, { authorization: `Bearer ${b.apiKey}`, 'x-portkey-config': idA })).status).toBe(404);
    expect(mock.count()).toBe(0);

    // A's own key still works (and a B request first did not poison A's cache entry).
    expect((await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-config': idA })).status).toBe(200);

    // B cannot even save a config naming A's virtual keys; B's own config is B's only.
    await expect(gateway.get(ConfigsService).create(b.workspaceId, { name: 'steal', config: { virtual_key: slugA } }, TEST_ACTOR)).rejects.toThrow(
      /no virtual key/,
    );
    const slugB = await b.createVirtualKey({ name: 'B key', provider: 'openai', secret: { apiKey: 'sk-b' }, settings: { customHost: `${mock.url}/v1` } });
    const idB = await b.createConfig('Private to B', { virtual_key: slugB, override_params: { model: 'sc-b' } });
    expect((await chat(gateway.url, { 'x-portkey-api-key': b.apiKey, 'x-portkey-config': idB })).status).toBe(200);
    expect(mock.requests('sc-b')[0].headers.authorization).toBe('Bearer sk-b');
    expect((await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-config': idB })).status).toBe(404);
  });
});
