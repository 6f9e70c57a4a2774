import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import OpenAI from 'openai';
import pg from 'pg';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { RequestLogWriter } from '../../src/control-plane/request-logs/request-log.writer.js';
import { WorkspacesService } from '../../src/control-plane/workspaces/workspaces.service.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { type SeededWorkspace, TEST_ACTOR, waitFor } from '../control-plane/support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { chat, type ControlPlaneGateway, startControlPlaneGateway } from './support/control-plane-gateway.js';

/**
 * The request log through the gateway: every request (JSON, streamed, failed, refused) becomes one
 * `request_logs` row with who, what, where, how long, tokens and cost; bodies only for workspaces
 * that enable body logging; rows are queued and written in batches, off the request path.
 *
 * The writer's timer is set far out, so rows appear only when a test flushes: that makes "not
 * written yet" observable and the batching deterministic.
 */
let db: TestDatabase;
let mock: MockProvider;
let gateway: ControlPlaneGateway;
let writer: RequestLogWriter;
let prisma: PrismaService;
let a: SeededWorkspace;
let slug: string;
let configId: string;

type Row = NonNullable<Awaited<ReturnType<PrismaService['requestLog']['findFirst']>>>;

/** Flushes until the row of `traceId` is in Postgres (the entry is queued just after the response). */
async function logged(traceId: string): Promise<Row> {
  let row: Row | null = null;
  await waitFor(async () => {
    await writer.flush();
    row = await prisma.requestLog.findFirst({ where: { traceId } });
    return row !== null;
  }, 5_000, 20);
  return row!;
}

/** The whole row as text, to show a prompt is not stored anywhere in it. */
function rowText(row: Row): string {
  return JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

beforeAll(async () => {
  db = await createTestDatabase();
  mock = await startMockProvider({ port: 0 });
  gateway = await startControlPlaneGateway(db.url, { controlPlane: { requestLog: { flushIntervalMs: 600_000 } } });
  writer = gateway.get(RequestLogWriter);
  prisma = gateway.get(PrismaService);
  a = await gateway.seed('Logged workspace');
  slug = await a.createVirtualKey({ name: 'Logged key', provider: 'openai', secret: { apiKey: 'sk-logged' }, settings: { customHost: `${mock.url}/v1` } });
  configId = await a.createConfig('Logged config', { virtual_key: slug, override_params: { model: 'gpt-4o-mini' } });
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
  await db?.drop();
});
beforeEach(() => mock.reset());

describe('request log rows', () => {
  it('logs a JSON request with a virtual key: ids, routing, timings, tokens, cost and metadata, no prompt', async () => {
    const traceId = `trace-${randomUUID()}`;
    const prompt = `private prompt ${randomUUID()}`;
    const r = await chat(
      gateway.url,
      {
        'x-portkey-api-key': a.apiKey,
        'x-portkey-virtual-key': slug,
        'x-portkey-trace-id': traceId,
        'x-portkey-metadata': JSON.stringify({ _user: 'u-42', team: 'search' }),
      },
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] },
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('x-portkey-trace-id')).toBe(traceId);

    const row = await logged(traceId);
    expect(row).toMatchObject({
      traceId,
      workspaceId: a.workspaceId,
      apiKeyId: a.apiKeyId,
      virtualKeySlug: slug,
      configId: null,
      configVersion: null,
      provider: 'openai',
      model: 'gpt-4o-mini',
      method: 'POST',
      path: '/v1/chat/completions',
      status: 200,
      retryCount: 0,
      targetPath: 'config',
      cacheStatus: 'DISABLED',
      stream: false,
      errorMessage: null,
      metadata: { _user: 'u-42', team: 'search' },
      requestBody: null,
      responseBody: null,
    });
    expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(row.latencyMs).toBeGreaterThanOrEqual(0);
    expect(row.ttfbMs).not.toBeNull();
    expect(row.ttfbMs!).toBeLessThanOrEqual(row.latencyMs);
    expect(row.gatewayOverheadMs).not.toBeNull();
    // The mock counts one token per word; the answer echoes the prompt.
    expect(row.promptTokens).toBe(r.json.usage.prompt_tokens);
    expect(row.completionTokens).toBe(r.json.usage.completion_tokens);
    expect(row.promptTokens).toBeGreaterThan(0);
    expect(row.completionTokens).toBeGreaterThan(0);
    // gpt-4o-mini is priced: $0.15 / $0.60 per million tokens.
    const expected = (row.promptTokens! * 0.15 + row.completionTokens! * 0.6) / 1e6;
    expect(Number(row.costUsd)).toBeGreaterThan(0);
    expect(Number(row.costUsd)).toBeCloseTo(expected, 8);
    // Body logging is off for this workspace: the prompt is nowhere in the row.
    expect(rowText(row)).not.toContain(prompt);
  });

  it('logs a streamed request through a saved config, with tokens the client did not ask for', async () => {
    const traceId = `trace-${randomUUID()}`;
    const client = new OpenAI({
      apiKey: a.apiKey,
      baseURL: `${gateway.url}/v1`,
      maxRetries: 0,
      defaultHeaders: { 'x-portkey-config': configId, 'x-portkey-trace-id': traceId, 'x-portkey-metadata': '{"feature":"chat"}' },
    });
    const stream = await client.chat.completions.create({ model: 'any', stream: true, messages: [{ role: 'user', content: 'stream one two three' }] });
    let text = '';
    for await (const chunk of stream) {
      expect(chunk.usage ?? null).toBeNull(); // not asked for: never shown to the client
      text += chunk.choices[0]?.delta?.content ?? '';
    }
    expect(text).toContain('stream one two three');

    const row = await logged(traceId);
    expect(row).toMatchObject({
      workspaceId: a.workspaceId,
      apiKeyId: a.apiKeyId,
      virtualKeySlug: slug,
      configId,
      configVersion: 1,
      provider: 'openai',
      model: 'gpt-4o-mini',
      status: 200,
      stream: true,
      targetPath: 'config',
      errorMessage: null,
      metadata: { feature: 'chat' },
    });
    expect(row.ttfbMs).not.toBeNull();
    expect(row.gatewayOverheadMs).not.toBeNull();
    expect(row.promptTokens).toBeGreaterThan(0);
    expect(row.completionTokens).toBeGreaterThan(0);
    expect(Number(row.costUsd)).toBeGreaterThan(0);
  });

  it('logs the target that answered, its retries and the model it was sent', async () => {
    mock.scenario('log-down', [{ status: 503 }], { repeatLast: true });
    mock.scenario('log-retry', [{ status: 500 }, { status: 500 }]); // then the default 200
    const traceId = `trace-${randomUUID()}`;
    const config = {
      strategy: { mode: 'fallback' },
      targets: [
        { virtual_key: slug, override_params: { model: 'log-down' } },
        { virtual_key: slug, retry: { attempts: 3 }, override_params: { model: 'log-retry' } },
      ],
    };
    const r = await chat(
      gateway.url,
      { 'x-portkey-api-key': a.apiKey, 'x-portkey-config': JSON.stringify(config), 'x-portkey-trace-id': traceId },
      { model: 'client-named-model' },
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    expect(r.headers.get('x-portkey-retry-attempt-count')).toBe('2');

    const row = await logged(traceId);
    expect(row).toMatchObject({ status: 200, retryCount: 2, targetPath: 'config.targets[1]', virtualKeySlug: slug, errorMessage: null });
    // The model served (override_params of the answering target), not the one the client named.
    expect(row.model).toBe('log-retry');
    // An unpriced model: tokens are kept, cost is unknown rather than 0.
    expect(row.promptTokens).toBeGreaterThan(0);
    expect(row.costUsd).toBeNull();
  });

  it('logs an upstream failure with its status and error message', async () => {
    mock.scenario('log-fail', [{ status: 500 }], { repeatLast: true });
    const traceId = `trace-${randomUUID()}`;
    const r = await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-virtual-key': slug, 'x-portkey-trace-id': traceId }, { model: 'log-fail' });
    expect(r.status).toBe(500);

    const row = await logged(traceId);
    expect(row).toMatchObject({ status: 500, provider: 'openai', virtualKeySlug: slug, workspaceId: a.workspaceId });
    expect(row.errorMessage).toBe(r.json.error.message);
    expect(row.errorMessage).toMatch(/^openai error: /);
  });

  it('logs requests the gateway refused, with the reason', async () => {
    const unknownTrace = `trace-${randomUUID()}`;
    const unknown = await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-virtual-key': 'nope-000000', 'x-portkey-trace-id': unknownTrace });
    expect(unknown.status).toBe(404);
    expect(await logged(unknownTrace)).toMatchObject({
      status: 404,
      workspaceId: a.workspaceId,
      apiKeyId: a.apiKeyId,
      errorMessage: 'Virtual key nope-000000 was not found in this workspace',
    });

    const anonymousTrace = `trace-${randomUUID()}`;
    const anonymous = await chat(gateway.url, { 'x-portkey-config': configId, 'x-portkey-trace-id': anonymousTrace });
    expect(anonymous.status).toBe(401);
    const row = await logged(anonymousTrace);
    expect(row).toMatchObject({ status: 401, workspaceId: null, apiKeyId: null });
    expect(row.errorMessage).toMatch(/gateway API key is required/);
  });
});

describe('body logging', () => {
  it('stores bodies only for a workspace that enables it, and follows the setting when it changes', async () => {
    const workspaces = gateway.get(WorkspacesService);
    const c = await gateway.seed('Body logging workspace');
    const slugC = await c.createVirtualKey({ name: 'C key', provider: 'openai', secret: { apiKey: 'sk-c' }, settings: { customHost: `${mock.url}/v1` } });
    const send = async (prompt: string, extra: Record<string, unknown> = {}) => {
      const traceId = `trace-${randomUUID()}`;
      const r = await chat(gateway.url, { 'x-portkey-api-key': c.apiKey, 'x-portkey-virtual-key': slugC, 'x-portkey-trace-id': traceId }, { messages: [{ role: 'user', content: prompt }], ...extra });
      expect(r.status).toBe(200);
      return logged(traceId);
    };

    const before = `before enabling ${randomUUID()}`;
    const off = await send(before);
    expect(off.requestBody).toBeNull();
    expect(off.responseBody).toBeNull();
    expect(rowText(off)).not.toContain(before);

    await workspaces.update(c.workspaceId, { logBodies: true }, TEST_ACTOR);
    // The setting reaches the request path through cache invalidation (reloaded in the background).
    let on!: Row;
    const prompt = `logged prompt ${randomUUID()}`;
    await waitFor(async () => {
      on = await send(prompt);
      return on.requestBody !== null;
    }, 2_000);
    expect(on.requestBody).toMatchObject({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });
    // The mock echoes the first 40 characters of the prompt.
    expect((on.responseBody as any).choices[0].message.content).toBe(`Hello from mock openai: ${prompt.slice(0, 40)}`);

    const streamedPrompt = `streamed prompt ${randomUUID()}`;
    const streamed = await send(streamedPrompt, { stream: true });
    expect(streamed.stream).toBe(true);
    expect(streamed.requestBody).toMatchObject({ messages: [{ role: 'user', content: streamedPrompt }], stream: true });

    // Workspace A never enabled it, whatever C does.
    const traceA = `trace-${randomUUID()}`;
    const promptA = `not for logs ${randomUUID()}`;
    await chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-virtual-key': slug, 'x-portkey-trace-id': traceA }, { messages: [{ role: 'user', content: promptA }] });
    expect(rowText(await logged(traceA))).not.toContain(promptA);

    await workspaces.update(c.workspaceId, { logBodies: false }, TEST_ACTOR);
    const after = `after disabling ${randomUUID()}`;
    let offAgain!: Row;
    await waitFor(async () => {
      offAgain = await send(after);
      return offAgain.requestBody === null;
    }, 2_000);
    expect(rowText(offAgain)).not.toContain(after);
  });
});

describe('writing', () => {
  it('answers before the row is written, then writes queued rows in one batch', async () => {
    await writer.flush();
    const query = jest.spyOn(pg.Pool.prototype, 'query');
    const inserts = () => query.mock.calls.filter(([sql]) => String(sql).startsWith('INSERT INTO request_logs')).length;
    try {
      const traceIds = Array.from({ length: 6 }, () => `trace-${randomUUID()}`);
      const answers = await Promise.all(
        traceIds.map((traceId) => chat(gateway.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-virtual-key': slug, 'x-portkey-trace-id': traceId })),
      );
      for (const r of answers) expect(r.status).toBe(200);
      await waitFor(() => writer.stats().queued >= traceIds.length, 2_000);
      // Every client has its answer, and nothing was written on the request path.
      expect(inserts()).toBe(0);
      expect(await prisma.requestLog.count({ where: { traceId: { in: traceIds } } })).toBe(0);

      await writer.flush();
      expect(inserts()).toBe(1); // one INSERT for the six rows
      expect(await prisma.requestLog.count({ where: { traceId: { in: traceIds } } })).toBe(traceIds.length);
    } finally {
      query.mockRestore();
    }
  });

  it('flushes the queue when the gateway shuts down', async () => {
    const other = await startControlPlaneGateway(db.url, { controlPlane: { requestLog: { flushIntervalMs: 600_000 } } });
    let closed = false;
    try {
      const traceIds = [`trace-${randomUUID()}`, `trace-${randomUUID()}`];
      for (const traceId of traceIds) {
        const r = await chat(other.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-virtual-key': slug, 'x-portkey-trace-id': traceId });
        expect(r.status).toBe(200);
      }
      await waitFor(() => other.get(RequestLogWriter).stats().queued === traceIds.length, 2_000);
      expect(await prisma.requestLog.count({ where: { traceId: { in: traceIds } } })).toBe(0);
      await other.close();
      closed = true;
      expect(await prisma.requestLog.count({ where: { traceId: { in: traceIds } } })).toBe(traceIds.length);
    } finally {
      if (!closed) await other.close();
    }
  });

  it('stores bodies for every workspace when the operator sets GATEWAY_LOG_BODIES', async () => {
    const other = await startControlPlaneGateway(db.url, { gateway: { logBodies: true }, controlPlane: { requestLog: { flushIntervalMs: 600_000 } } });
    try {
      const traceId = `trace-${randomUUID()}`;
      const prompt = `operator-wide body logging ${randomUUID()}`;
      const r = await chat(other.url, { 'x-portkey-api-key': a.apiKey, 'x-portkey-virtual-key': slug, 'x-portkey-trace-id': traceId }, { messages: [{ role: 'user', content: prompt }] });
      expect(r.status).toBe(200);
      await waitFor(() => other.get(RequestLogWriter).stats().queued === 1, 2_000);
      await other.get(RequestLogWriter).flush();
      const row = await prisma.requestLog.findFirstOrThrow({ where: { traceId } });
      expect(row.requestBody).toMatchObject({ messages: [{ role: 'user', content: prompt }] });
    } finally {
      await other.close();
    }
  });
});
