import { randomUUID } from 'node:crypto';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { Portkey } from 'portkey-ai';
import { ApiKeysService } from '../../src/control-plane/api-keys/api-keys.service.js';
import { RequestLogWriter } from '../../src/control-plane/request-logs/request-log.writer.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { type SeededWorkspace, TEST_ACTOR, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { type ControlPlaneGateway, headerValues, startControlPlaneGateway } from './support/control-plane-gateway.js';

/**
 * The real Portkey SDK (`portkey-ai`) in its usual setups against a gateway with its control
 * plane. `x-portkey-api-key` (always sent by the SDK) is used when it is one of ours: the request
 * belongs to its workspace and its log row says so. A key we never issued is ignored and the
 * request logged as anonymous, unless the request uses a workspace resource (virtual key, saved
 * config) or the gateway requires keys. (Without a database: test/e2e/portkey-sdk.e2e-spec.ts.)
 */
let db: TestDatabase;
let mock: MockProvider;
let gateway: ControlPlaneGateway;
let writer: RequestLogWriter;
let prisma: PrismaService;
let a: SeededWorkspace;
let slug: string;
let configId: string;
const FOREIGN_KEY = 'pk-live-issued-by-portkey-not-us';
const messages = [{ role: 'user' as const, content: 'Hello from the Portkey SDK' }];

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider({ port: 0 });
  gateway = await startControlPlaneGateway(db.url, { controlPlane: { requestLog: { flushIntervalMs: 600_000 } } });
  writer = gateway.get(RequestLogWriter);
  prisma = gateway.get(PrismaService);
  a = await gateway.seed('SDK workspace');
  slug = await a.createVirtualKey({ name: 'SDK key', provider: 'openai', secret: { apiKey: 'sk-from-vault' }, settings: { customHost: `${mock.url}/v1` } });
  configId = await a.createConfig('SDK config', { virtual_key: slug });
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
  await db?.drop();
});
beforeEach(() => mock.reset());

async function logged(traceId: string) {
  let row: Awaited<ReturnType<PrismaService['requestLog']['findFirst']>> = null;
  await waitFor(async () => {
    await writer.flush();
    row = await prisma.requestLog.findFirst({ where: { traceId } });
    return row !== null;
  }, 5_000, 20);
  return row!;
}

type PortkeyOptions = ConstructorParameters<typeof Portkey>[0];

function portkey(options: Omit<PortkeyOptions, 'baseURL'>, baseURL = gateway.url): Portkey {
  return new Portkey({ baseURL: `${baseURL}/v1`, ...options });
}

/** Provider + Authorization, the first setup in Portkey's docs; a fresh trace id per client. */
function providerSetup(apiKey: string, baseURL = gateway.url) {
  const traceId = `sdk-${randomUUID()}`;
  const client = portkey({ apiKey, provider: 'openai', Authorization: 'Bearer sk-provider-key', customHost: `${mock.url}/v1`, traceID: traceId }, baseURL);
  return { client, traceId };
}

/** The status of the SDK's error (its own APIError, or the OpenAI SDK's under its helpers). */
async function status(call: Promise<unknown>): Promise<number | undefined> {
  return (await failure(call)).status;
}

/** The SDK's error: status, and the parsed body where the SDK's own client read it. */
async function failure(call: Promise<unknown>): Promise<{ status?: number; body?: unknown }> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { status?: number; error?: unknown } | undefined;
  expect(error).toBeInstanceOf(Error);
  return { status: error!.status, body: error!.error };
}

/** A refusal of the gateway's own, in its error format. */
const GATEWAY_401 = { status: 401, body: { status: 'failure', message: expect.any(String) } };

describe('a key this gateway never issued', () => {
  it('is ignored for provider + Authorization: JSON answered, logged as anonymous', async () => {
    const { client, traceId } = providerSetup(FOREIGN_KEY);
    const completion = await client.chat.completions.create({ model: 'sdk-foreign-json', messages });
    expect(completion.choices[0]!.message!.content).toBeTruthy();
    expect(mock.requests('sdk-foreign-json')[0].headers.authorization).toBe('Bearer sk-provider-key');
    expect(await logged(traceId)).toMatchObject({ status: 200, workspaceId: null, apiKeyId: null, model: 'sdk-foreign-json' });
  });

  it('is ignored for a streamed request too', async () => {
    const { client, traceId } = providerSetup(FOREIGN_KEY);
    const stream = await client.chat.completions.create({ model: 'sdk-foreign-stream', messages, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(await logged(traceId)).toMatchObject({ status: 200, stream: true, workspaceId: null, apiKeyId: null });
  });

  it('is ignored for an inline config with the provider key in it', async () => {
    const client = portkey({ apiKey: FOREIGN_KEY, config: { provider: 'openai', api_key: 'sk-inline', custom_host: `${mock.url}/v1` } });
    const stream = await client.chat.completions.create({ model: 'sdk-foreign-config', messages, stream: true });
    for await (const _chunk of stream) void _chunk;
    expect(mock.requests('sdk-foreign-config')[0].headers.authorization).toBe('Bearer sk-inline');
  });

  it('is refused for a saved config, a virtual key, or a virtual key inside an inline config', async () => {
    const saved = portkey({ apiKey: FOREIGN_KEY, config: configId });
    expect(await failure(saved.chat.completions.create({ model: 'sdk-foreign-refused', messages }))).toMatchObject(GATEWAY_401);
    const vk = portkey({ apiKey: FOREIGN_KEY, virtualKey: slug });
    expect(await failure(vk.chat.completions.create({ model: 'sdk-foreign-refused', messages, stream: true }))).toMatchObject(GATEWAY_401);
    const inline = portkey({ apiKey: FOREIGN_KEY, config: { virtual_key: slug } });
    expect(await failure(inline.chat.completions.create({ model: 'sdk-foreign-refused', messages }))).toMatchObject(GATEWAY_401);
    expect(mock.count('sdk-foreign-refused')).toBe(0);
  });

  it('is refused when the gateway requires keys', async () => {
    const strict = await startControlPlaneGateway(db.url, { gateway: { requireApiKey: true } });
    try {
      const { client } = providerSetup(FOREIGN_KEY, strict.url);
      expect(await failure(client.chat.completions.create({ model: 'sdk-foreign-strict', messages }))).toMatchObject(GATEWAY_401);
      expect(mock.count('sdk-foreign-strict')).toBe(0);
    } finally {
      await strict.close();
    }
  });
});

describe('a key of ours', () => {
  it('is used with provider + Authorization: the request belongs to its workspace', async () => {
    const { client, traceId } = providerSetup(a.apiKey);
    await client.chat.completions.create({ model: 'sdk-ours-json', messages });
    expect(await logged(traceId)).toMatchObject({ status: 200, workspaceId: a.workspaceId, apiKeyId: a.apiKeyId });
    expect(mock.requests('sdk-ours-json')[0].headers.authorization).toBe('Bearer sk-provider-key');
  });

  it('serves a saved config, JSON and streamed, without sending the gateway key upstream', async () => {
    const client = portkey({ apiKey: a.apiKey, config: configId });
    await client.chat.completions.create({ model: 'sdk-ours-saved', messages });
    const stream = await client.chat.completions.create({ model: 'sdk-ours-saved', messages, stream: true });
    for await (const _chunk of stream) void _chunk;
    const upstream = mock.requests('sdk-ours-saved');
    expect(upstream).toHaveLength(2);
    for (const r of upstream) {
      expect(r.headers.authorization).toBe('Bearer sk-from-vault');
      expect(headerValues(r.headers)).not.toContain(a.apiKey);
    }
  });

  it('is never forwarded as a provider key, though the SDK’s helpers also send it as Bearer', async () => {
    // `new Portkey({ apiKey, provider })` without Authorization: the SDK's streaming helper (an
    // OpenAI client underneath) fills Authorization with the Portkey key, which for a header-named
    // provider would otherwise be taken as the provider's key. The provider gets no key (and
    // answers 401) instead of ours.
    const client = portkey({ apiKey: a.apiKey, provider: 'openai', customHost: `${mock.url}/v1` });
    const runner = await client.chat.completions.stream({ model: 'sdk-ours-bearer', messages });
    expect(await status(runner.finalChatCompletion())).toBe(401);
    const [upstream] = mock.requests('sdk-ours-bearer');
    expect(upstream.headers.authorization).toBeUndefined();
    expect(headerValues(upstream.headers)).not.toContain(a.apiKey);
  });

  it('is refused once revoked, even where a foreign key would be ignored', async () => {
    const keys = gateway.get(ApiKeysService);
    const { key, apiKey } = await keys.create(a.workspaceId, { name: 'sdk short-lived' }, TEST_ACTOR);
    await keys.revoke(a.workspaceId, apiKey.id, TEST_ACTOR);
    const { client } = providerSetup(key);
    expect(await failure(client.chat.completions.create({ model: 'sdk-revoked', messages }))).toMatchObject(GATEWAY_401);
    expect(mock.count('sdk-revoked')).toBe(0);
  });
});
