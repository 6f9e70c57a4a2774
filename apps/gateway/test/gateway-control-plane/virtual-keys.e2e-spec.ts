import { jest } from '@jest/globals';
import OpenAI from 'openai';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { ApiKeysService } from '../../src/control-plane/api-keys/api-keys.service.js';
import { LookupRepository } from '../../src/control-plane/lookup/lookup.repository.js';
import { VirtualKeysService } from '../../src/control-plane/virtual-keys/virtual-keys.service.js';
import { type SeededWorkspace, TEST_ACTOR } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { chat, type ControlPlaneGateway, headerValues, startControlPlaneGateway } from './support/control-plane-gateway.js';

/**
 * Virtual keys and gateway API keys through the gateway, over real HTTP: the stored credential is
 * decrypted and sent upstream (the client never has it), in headers and in config targets; disabled,
 * unknown and other workspaces' keys are refused without the upstream ever being called; and
 * GATEWAY_REQUIRE_API_KEY decides whether inline configs with raw provider keys need a gateway key.
 */
let db: TestDatabase;
let mock: MockProvider;
let gateway: ControlPlaneGateway;
let a: SeededWorkspace;
let b: SeededWorkspace;
let slugA: string;
let slugA2: string;
const SECRET_A = 'sk-vk-a-0123456789abcdef';
const SECRET_A2 = 'sk-vk-a2-fedcba9876543210';

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider({ port: 0 });
  gateway = await startControlPlaneGateway(db.url);
  a = await gateway.seed('Workspace A');
  b = await gateway.seed('Workspace B');
  const settings = { customHost: `${mock.url}/v1` };
  slugA = await a.createVirtualKey({ name: 'OpenAI A', provider: 'openai', secret: { apiKey: SECRET_A }, settings });
  slugA2 = await a.createVirtualKey({ name: 'OpenAI A2', provider: 'openai', secret: { apiKey: SECRET_A2 }, settings });
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
  await db?.drop();
});
beforeEach(() => mock.reset());

describe('x-portkey-virtual-key', () => {
  it('sends the decrypted credential upstream with x-portkey-api-key; the client never had it', async () => {
    const r = await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-virtual-key': slugA }, { model: 'vk-header' });
    expect(r.status).toBe(200);
    expect(r.json.choices[0].message.content).toContain('hello gateway');
    expect(r.headers.get('x-portkey-provider')).toBe('openai');

    const [seen] = mock.requests('vk-header');
    expect(mock.count('vk-header')).toBe(1);
    expect(seen.headers.authorization).toBe(`Bearer ${SECRET_A}`);
    // The gateway key authenticates the app to the gateway; it never reaches the provider.
    expect(headerValues(seen.headers)).not.toContain(a.apiKey);
  });

  it('accepts the gateway key as Authorization: Bearer (the OpenAI SDK) and swaps in the credential', async () => {
    const client = new OpenAI({
      apiKey: a.apiKey,
      baseURL: `${gateway.url}/v1`,
      maxRetries: 0,
      defaultHeaders: { 'x-portkey-virtual-key': slugA },
    });
    const completion = await client.chat.completions.create({ model: 'vk-bearer', messages: [{ role: 'user', content: 'via the sdk' }] });
    expect(completion.choices[0].message.content).toContain('via the sdk');

    const [seen] = mock.requests('vk-bearer');
    expect(seen.headers.authorization).toBe(`Bearer ${SECRET_A}`);
    expect(headerValues(seen.headers)).not.toContain(a.apiKey);
  });

  it('uses the virtual key’s credential, not a placeholder Authorization the SDK sends next to x-portkey-api-key', async () => {
    // What Portkey's SDK does: the gateway key in x-portkey-api-key, the OpenAI client's own apiKey as Bearer.
    const client = new OpenAI({
      apiKey: 'placeholder-not-a-provider-key',
      baseURL: `${gateway.url}/v1`,
      maxRetries: 0,
      defaultHeaders: { 'x-portkey-api-key': a.apiKey, 'x-portkey-virtual-key': slugA2 },
    });
    await client.chat.completions.create({ model: 'vk-portkey-sdk', messages: [{ role: 'user', content: 'hi' }] });
    const [seen] = mock.requests('vk-portkey-sdk');
    expect(seen.headers.authorization).toBe(`Bearer ${SECRET_A2}`);
    expect(headerValues(seen.headers)).not.toContain('placeholder-not-a-provider-key');
  });

  it('streams with a virtual key', async () => {
    const client = new OpenAI({ apiKey: a.apiKey, baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: { 'x-portkey-virtual-key': slugA2 } });
    const stream = await client.chat.completions.create({ model: 'vk-stream', stream: true, messages: [{ role: 'user', content: 'stream me' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toContain('stream me');
    expect(mock.requests('vk-stream')[0].headers.authorization).toBe(`Bearer ${SECRET_A2}`);
  });
});

describe('virtual_key in config targets', () => {
  it('resolves every target of a fallback config to its own credential', async () => {
    mock.scenario('vk-fallback', [{ status: 500 }]); // the first call fails, the second answers
    const config = { strategy: { mode: 'fallback' }, targets: [{ virtual_key: slugA }, { virtual_key: slugA2 }] };
    const r = await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-config': JSON.stringify(config) }, { model: 'vk-fallback' });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');

    const seen = mock.requests('vk-fallback');
    expect(seen.map((s) => s.headers.authorization)).toEqual([`Bearer ${SECRET_A}`, `Bearer ${SECRET_A2}`]);
  });

  it('authenticates with a Bearer gateway key when only the config names virtual keys', async () => {
    const config = { virtual_key: slugA2 };
    const r = await chat(gateway.url, { authorization: `Bearer ${a.apiKey}`, 'x-portkey-config': JSON.stringify(config) }, { model: 'vk-config-bearer' });
    expect(r.status).toBe(200);
    const [seen] = mock.requests('vk-config-bearer');
    expect(seen.headers.authorization).toBe(`Bearer ${SECRET_A2}`);
    expect(headerValues(seen.headers)).not.toContain(a.apiKey);
  });

  it('refuses a config with virtual keys and no gateway key', async () => {
    const r = await chat(gateway.url, { 'x-portkey-config': JSON.stringify({ virtual_key: slugA }) }, { model: 'vk-config-nokey' });
    expect(r.status).toBe(401);
    expect(r.json.message).toMatch(/gateway API key is required/);
    expect(mock.count('vk-config-nokey')).toBe(0);
  });
});

describe('refusals', () => {
  it('refuses a disabled virtual key with 403 and a clear message, at once (no stale cache)', async () => {
    const slug = await a.createVirtualKey({ name: 'To disable', provider: 'openai', secret: { apiKey: 'sk-disabled-1' }, settings: { customHost: `${mock.url}/v1` } });
    const headers = { 'x-portkey-api-key': a.apiKey, 'x-portkey-virtual-key': slug };
    expect((await chat(gateway.url, headers, { model: 'vk-disabled' })).status).toBe(200); // cached now

    await gateway.get(VirtualKeysService).update(a.workspaceId, slug, { enabled: false }, TEST_ACTOR);
    const r = await chat(gateway.url, headers, { model: 'vk-disabled' });
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.json).toEqual({ status: 'failure', message: `Virtual key ${slug} is disabled` });
    expect(mock.count('vk-disabled')).toBe(1); // only the call before disabling

    await gateway.get(VirtualKeysService).update(a.workspaceId, slug, { enabled: true }, TEST_ACTOR);
    expect((await chat(gateway.url, headers, { model: 'vk-disabled' })).status).toBe(200);
  });

  it('answers 404 for an unknown slug', async () => {
    const r = await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-virtual-key': 'no-such-key-000000' }, { model: 'vk-unknown' });
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ status: 'failure', message: 'Virtual key no-such-key-000000 was not found in this workspace' });
    expect(mock.count('vk-unknown')).toBe(0);
  });

  it('answers 401 without a gateway key, or with a wrong or revoked one', async () => {
    const missing = await chat(gateway.url, { 'x-portkey-virtual-key': slugA }, { model: 'vk-nokey' });
    expect(missing.status).toBe(401);
    expect(missing.json.status).toBe('failure');
    expect(missing.json.message).toMatch(/gateway API key is required/);

    const wrong = await chat(gateway.url, { 'x-portkey-api-key': 'aigw_not-a-real-key', 'x-portkey-virtual-key': slugA }, { model: 'vk-nokey' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.message).toMatch(/Invalid gateway API key/);

    const keys = gateway.get(ApiKeysService);
    const { key, apiKey } = await keys.create(a.workspaceId, { name: 'short-lived' }, TEST_ACTOR);
    expect((await chat(gateway.url, { 'x-portkey-api-key': key, 'x-portkey-virtual-key': slugA }, { model: 'vk-revoked' })).status).toBe(200);
    await keys.revoke(a.workspaceId, apiKey.id, TEST_ACTOR);
    const revoked = await chat(gateway.url, { 'x-portkey-api-key': key, 'x-portkey-virtual-key': slugA }, { model: 'vk-revoked' });
    expect(revoked.status).toBe(401);
    expect(revoked.json.message).toMatch(/revoked/);

    expect(mock.count('vk-nokey')).toBe(0);
    expect(mock.count('vk-revoked')).toBe(1);
  });

  it('never lets a key of workspace B use workspace A’s virtual key, in a header or a config', async () => {
    const viaHeader = await chat(gateway.url, { 'x-portkey-api-key': b.apiKey, 'x-portkey-virtual-key': slugA }, { model: 'vk-cross' });
    expect(viaHeader.status).toBe(404);
    expect(viaHeader.json.message).toBe(`Virtual key ${slugA} was not found in this workspace`);
    expect(viaHeader.text).not.toContain(SECRET_A);

    const config = { strategy: { mode: 'fallback' }, targets: [{ virtual_key: slugA }, { virtual_key: slugA2 }] };
    const viaConfig = await chat(gateway.url, { authorization: `Bearer ${b.apiKey}`, 'x-portkey-config': JSON.stringify(config) }, { model: 'vk-cross' });
    expect(viaConfig.status).toBe(404);
    expect(viaConfig.text).not.toContain(SECRET_A);
    expect(viaConfig.text).not.toContain(SECRET_A2);

    // B's own key with B's own virtual key works: the refusal is about the workspace, not the key.
    const slugB = await b.createVirtualKey({ name: 'OpenAI B', provider: 'openai', secret: { apiKey: 'sk-vk-b-1' }, settings: { customHost: `${mock.url}/v1` } });
    const own = await chat(gateway.url, { 'x-portkey-api-key': b.apiKey, 'x-portkey-virtual-key': slugB }, { model: 'vk-own' });
    expect(own.status).toBe(200);
    expect(mock.requests('vk-own')[0].headers.authorization).toBe('Bearer sk-vk-b-1');
    // …and A's key cannot use B's.
    expect((await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-virtual-key': slugB }, { model: 'vk-cross' })).status).toBe(404);

    expect(mock.count('vk-cross')).toBe(0);
  });
});

describe('credential exfiltration', () => {
  it('refuses a caller-chosen custom host next to a virtual key (header or inline config); the credential goes nowhere', async () => {
    const viaHeader = await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-virtual-key': slugA, 'x-portkey-custom-host': 'http://127.0.0.1:9/steal' }, { model: 'exfil-1' });
    expect(viaHeader.status).toBe(400);
    expect(viaHeader.json.message).toMatch(/custom host cannot be combined with virtual key/);

    const inline = JSON.stringify({ strategy: { mode: 'single' }, targets: [{ virtual_key: slugA, custom_host: 'http://127.0.0.1:9/steal' }] });
    const viaConfig = await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-config': inline }, { model: 'exfil-2' });
    expect(viaConfig.status).toBe(400);
    expect(mock.count()).toBe(0);
  });
});

describe('hot path', () => {
  it('resolves keys, virtual keys and saved configs from memory: no database read per request', async () => {
    const repository = gateway.get(LookupRepository);
    const spies = [
      jest.spyOn(repository, 'apiKeyByHash'),
      jest.spyOn(repository, 'virtualKey'),
      jest.spyOn(repository, 'savedConfig'),
    ];
    try {
      const configId = await a.createConfig('Hot', { virtual_key: slugA2, override_params: { model: 'vk-hot-config' } });
      const { key } = await gateway.get(ApiKeysService).create(a.workspaceId, { name: 'fresh' }, TEST_ACTOR);
      const headers = { 'x-portkey-api-key': key, 'x-portkey-virtual-key': slugA };
      for (let i = 0; i < 5; i++) expect((await chat(gateway.url, headers, { model: 'vk-hot' })).status).toBe(200);
      // Unknown slugs are cached too (a flood of bad requests must not reach Postgres).
      for (let i = 0; i < 3; i++) expect((await chat(gateway.url, { ...headers, 'x-portkey-virtual-key': 'missing-aaaaaa' })).status).toBe(404);
      for (let i = 0; i < 5; i++) expect((await chat(gateway.url, { 'x-portkey-api-key': key, 'x-portkey-config': configId })).status).toBe(200);
      expect(spies[0]).toHaveBeenCalledTimes(1); // the new API key, once
      expect(spies[1]).toHaveBeenCalledTimes(1); // the unknown slug, once (slugA and slugA2 were cached by earlier requests)
      expect(spies[2]).toHaveBeenCalledTimes(1); // the config, once
      expect(mock.count('vk-hot')).toBe(5);
      expect(mock.count('vk-hot-config')).toBe(5);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('gateway API keys and inline configs', () => {
  const inline = () => ({ provider: 'openai', api_key: 'sk-raw-inline', custom_host: `${mock.url}/v1` });

  it('serves an inline config with a raw provider key without any gateway key (GATEWAY_REQUIRE_API_KEY off)', async () => {
    const r = await chat(gateway.url, { 'x-portkey-config': JSON.stringify(inline()) }, { model: 'inline-open' });
    expect(r.status).toBe(200);
    expect(mock.requests('inline-open')[0].headers.authorization).toBe('Bearer sk-raw-inline');
  });

  describe('with GATEWAY_REQUIRE_API_KEY', () => {
    let strict: ControlPlaneGateway;
    beforeAll(async () => {
      strict = await startControlPlaneGateway(db.url, { gateway: { requireApiKey: true } });
    });
    afterAll(async () => {
      await strict?.close();
    });

    it('refuses an inline config without a gateway key, and serves it with one', async () => {
      const refused = await chat(strict.url, { 'x-portkey-config': JSON.stringify(inline()) }, { model: 'inline-strict' });
      expect(refused.status).toBe(401);
      expect(refused.json.message).toMatch(/gateway API key is required/);
      expect(mock.count('inline-strict')).toBe(0);

      const header = await chat(strict.url, { 'x-portkey-config': JSON.stringify(inline()), 'x-portkey-provider': 'openai' }, { model: 'inline-strict' });
      expect(header.status).toBe(401);

      const served = await chat(strict.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-config': JSON.stringify(inline()) }, { model: 'inline-strict' });
      expect(served.status).toBe(200);
      // The inline config's own provider key is what goes upstream.
      expect(mock.requests('inline-strict')[0].headers.authorization).toBe('Bearer sk-raw-inline');
      expect(mock.count('inline-strict')).toBe(1);
    });

    it('refuses x-portkey-provider with a raw provider key as the only credential', async () => {
      const r = await chat(
        strict.url,
        { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${mock.url}/v1`, authorization: 'Bearer sk-raw-header' },
        { model: 'header-strict' },
      );
      expect(r.status).toBe(401);
      expect(mock.count('header-strict')).toBe(0);
    });
  });
});
