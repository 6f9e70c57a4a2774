/**
 * Three gateway replicas (separate processes on loopback) sharing one Postgres and one Redis, as
 * the compose file and the Kubernetes manifests run them: what is created through one replica's
 * admin API is served by the others; a change made through one reaches the others' caches over
 * Redis; a rate limit and the response cache hold across all three (one window, one store); and
 * one replica killed (SIGKILL) and restarted under steady traffic costs no request,
 * with a client that retries a call on another replica when the connection fails.
 */
import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { freePort } from '../gateway-control-plane/support/gateway-process.js';
import { type Replica, startReplica } from './support/replica.js';

jest.setTimeout(60_000);
const REDIS_URL = process.env.REDIS_URL;
const SECRET = 'sk-replicated-secret';
const ADMIN = { email: 'fleet@example.com', password: 'replicas-share-everything' };

let db: TestDatabase;
let mock: MockProvider;
let replicas: Replica[] = [];
let ports: number[];
let env: Record<string, string | undefined>;
let token: string;
let workspace: string;
let apiKey: string;
let slug: string;
let configId: string;

async function admin(replica: Replica, method: string, path: string, body?: unknown) {
  const response = await fetch(`${replica.url}/admin/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${replica.name}: admin ${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as any;
}

function chat(replica: Replica, headers: Record<string, string>, model = 'replica-chat') {
  return fetch(`${replica.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portkey-api-key': apiKey, ...headers },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello' }] }),
    signal: AbortSignal.timeout(10_000),
  });
}

const describeWithRedis = REDIS_URL ? describe : describe.skip;

describeWithRedis(`three replicas, one Postgres, one Redis${REDIS_URL ? '' : ` (skipped: ${process.env.AIGW_TEST_REDIS_SKIP ?? 'REDIS_URL is unset'})`}`, () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    mock = await startMockProvider({ port: 0 });
    ports = [await freePort(), await freePort(), await freePort()];
    env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      GATEWAY_MASTER_KEY: randomBytes(32).toString('hex'), // shared: each decrypts what another stored
      GATEWAY_RETRY_BASE_MS: '5',
      GATEWAY_RETRY_CAP_MS: '20',
      ADMIN_EMAIL: undefined,
      ADMIN_PASSWORD: undefined,
    };
    // Replica a creates the first admin; b and c only share the database.
    replicas = await Promise.all(['a', 'b', 'c'].map((name, i) => startReplica(name, ports[i]!, i === 0 ? { ...env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } : env)));
  }, 150_000);

  afterAll(async () => {
    for (const r of replicas) r.child.kill('SIGKILL');
    await Promise.all(replicas.map((r) => r.exited));
    await mock?.close();
    await db?.drop();
  }, 30_000);

  it('a virtual key and a saved config created through replica a’s admin API are served by b and c', async () => {
    const [a, b, c] = replicas as [Replica, Replica, Replica];
    token = (await admin(a, 'POST', '/auth/login', ADMIN)).token;
    workspace = (await admin(a, 'GET', '/workspaces'))[0].id;
    const ws = `/workspaces/${workspace}`;
    slug = (await admin(a, 'POST', `${ws}/virtual-keys`, { name: 'Fleet', provider: 'openai', secret: { apiKey: SECRET }, settings: { customHost: `${mock.url}/v1` } })).slug;
    configId = (await admin(a, 'POST', `${ws}/configs`, { name: 'fleet', config: { virtual_key: slug, override_params: { model: 'fleet-v1' } } })).id;
    apiKey = (await admin(a, 'POST', `${ws}/api-keys`, { name: 'app', kind: 'gateway' })).key;

    for (const replica of [b, c]) {
      expect((await chat(replica, { 'x-portkey-virtual-key': slug }, 'via-vk')).status).toBe(200);
      const viaConfig = await chat(replica, { 'x-portkey-config': configId });
      expect(viaConfig.status).toBe(200);
      expect(viaConfig.headers.get('x-portkey-config-version')).toBe('1');
    }
    // b and c decrypted the credential a stored, and the config's override reached the provider.
    expect(mock.requests('via-vk').map((r) => r.headers.authorization)).toEqual([`Bearer ${SECRET}`, `Bearer ${SECRET}`]);
    expect(mock.count('fleet-v1')).toBe(2);
  });

  it('a config saved through b reaches a’s and c’s caches within a second, over Redis', async () => {
    const redis = new Redis(REDIS_URL!);
    try {
      const [, subscribers] = (await redis.pubsub('NUMSUB', 'aigw_control_plane')) as [string, number];
      expect(subscribers).toBeGreaterThanOrEqual(3); // every replica listens on the shared channel
    } finally {
      redis.disconnect();
    }
    const [a, b, c] = replicas as [Replica, Replica, Replica];
    for (const r of [a, c]) expect((await chat(r, { 'x-portkey-config': configId })).headers.get('x-portkey-config-version')).toBe('1'); // cached
    await admin(b, 'PATCH', `/workspaces/${workspace}/configs/${configId}`, { config: { virtual_key: slug, override_params: { model: 'fleet-v2' } } });
    const deadline = Date.now() + 1_000;
    for (const r of [a, c]) {
      while ((await chat(r, { 'x-portkey-config': configId })).headers.get('x-portkey-config-version') !== '2') {
        if (Date.now() > deadline) throw new Error(`replica ${r.name} still serves version 1 after a second`);
        await new Promise((res) => setTimeout(res, 20));
      }
    }
    expect(mock.count('fleet-v2')).toBeGreaterThanOrEqual(2);
  });

  it('a rate limit set through a binds all three together: 90 requests spread over them, exactly 30 pass', async () => {
    const [a] = replicas as [Replica, Replica, Replica];
    const ws = `/workspaces/${workspace}`;
    // A key of its own, so the limit does not touch the other tests' traffic.
    const limited = (await admin(a, 'POST', `${ws}/virtual-keys`, { name: 'Limited', provider: 'openai', secret: { apiKey: SECRET }, settings: { customHost: `${mock.url}/v1` } })).slug;
    const limit = await admin(a, 'PUT', `${ws}/limits`, { scope: 'virtual_key', scopeId: limited, requestsPerMinute: 30 });
    await new Promise((r) => setTimeout(r, 1_500)); // limits reach every replica within a second

    const answers = await Promise.all(Array.from({ length: 90 }, (_, i) => chat(replicas[i % 3]!, { 'x-portkey-virtual-key': limited }, 'limited-chat')));
    const statuses = answers.map((r) => r.status);
    await Promise.all(answers.map((r) => r.text()));
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60);
    expect(mock.count('limited-chat')).toBe(30); // refused requests never reached the provider
    // Each replica refused some and passed some: one shared window, not three.
    for (const r of [0, 1, 2]) expect(new Set(statuses.filter((_, i) => i % 3 === r)).size).toBe(2);
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.headers.get('x-ratelimit-limit-requests')).toBe('30');
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    await admin(a, 'DELETE', `${ws}/limits/${limit.id}`);
  });

  it('the response cache is shared: an answer stored through a is a HIT on b and c, the provider called once', async () => {
    const [a, b, c] = replicas as [Replica, Replica, Replica];
    const config = JSON.stringify({ virtual_key: slug, override_params: { model: 'fleet-cached' }, cache: { mode: 'simple', max_age: 60 } });
    const namespace = `replicas-${randomBytes(6).toString('hex')}`;
    const cacheStatus: (string | null)[] = [];
    const bodies: string[] = [];
    for (const replica of [a, b, c]) {
      const response = await chat(replica, { 'x-portkey-config': config, 'x-portkey-cache-namespace': namespace });
      expect(response.status).toBe(200);
      cacheStatus.push(response.headers.get('x-portkey-cache-status'));
      bodies.push(JSON.parse(await response.text()).choices[0].message.content);
    }
    expect(cacheStatus).toEqual(['MISS', 'HIT', 'HIT']);
    expect(new Set(bodies).size).toBe(1);
    expect(mock.count('fleet-cached')).toBe(1);
  });

  it('one replica killed and restarted under steady traffic: no failed request', async () => {
    const stats = { ok: 0, failed: [] as string[], retries: 0, byReplica: { a: 0, b: 0, c: 0 } as Record<string, number>, cAfterRestart: 0 };
    let restarted = false;
    let stop = false;
    // The client a load balancer or SDK would be: on a connection error, the same (idempotent)
    // call goes to the next replica; an HTTP answer, whatever its status, is final.
    const call = async (n: number) => {
      for (let attempt = 0; attempt < 6; attempt++) {
        const replica = replicas[(n + attempt) % 3]!;
        try {
          const response = await chat(replica, { 'x-portkey-config': configId });
          await response.text();
          if (response.status !== 200) stats.failed.push(`${replica.name}: HTTP ${response.status}`);
          else {
            stats.ok++;
            stats.byReplica[replica.name]!++;
            if (replica.name === 'c' && restarted) stats.cAfterRestart++;
          }
          return;
        } catch {
          stats.retries++;
        }
      }
      stats.failed.push(`request ${n}: no replica answered`);
    };
    let n = 0;
    const workers = Array.from({ length: 6 }, async () => {
      while (!stop) await call(n++);
    });

    await new Promise((r) => setTimeout(r, 1_000));
    const before = stats.ok;
    const c = replicas[2]!;
    c.child.kill('SIGKILL');
    await c.exited;
    await new Promise((r) => setTimeout(r, 500)); // traffic meets a closed port meanwhile
    replicas[2] = await startReplica('c', ports[2]!, env);
    restarted = true;
    for (const until = Date.now() + 15_000; stats.cAfterRestart < 20 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    stop = true;
    await Promise.all(workers);

    expect(stats.failed).toEqual([]);
    expect(before).toBeGreaterThan(20); // traffic was flowing before the kill
    expect(stats.retries).toBeGreaterThan(0); // the kill did hit the traffic, and retries covered it
    expect(stats.cAfterRestart).toBeGreaterThanOrEqual(20); // the restarted replica serves again
    expect(stats.byReplica.a).toBeGreaterThan(0);
    expect(stats.byReplica.b).toBeGreaterThan(0);
  }, 90_000); // ~15 s here; the restart compiles the gateway from source, slower on a busy machine
});
