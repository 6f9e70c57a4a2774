import { jest } from '@jest/globals';
/**
 * The request log writer against Postgres: batches, costs, `last_used_at`, the flush at shutdown,
 * a bad entry that must not sink its batch, and a database that is down (bounded queue, drops
 * counted, requests never blocked).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ControlPlaneLookup, RequestLogSink, type RequestLogEntry } from '../../src/control-plane/control-plane.port.js';
import { ControlPlanePool, createControlPlanePool } from '../../src/control-plane/control-plane.pool.js';
import { LookupRepository } from '../../src/control-plane/lookup/lookup.repository.js';
import { WorkspaceSettingsCache } from '../../src/control-plane/lookup/workspace-settings.cache.js';
import { PricingTable } from '../../src/control-plane/request-logs/pricing.js';
import { RequestLogWriter } from '../../src/control-plane/request-logs/request-log.writer.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { seedWorkspace, startControlPlane, testOptions, waitFor, type ControlPlaneContext, type SeededWorkspace } from './support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

function entry(overrides: Partial<RequestLogEntry> = {}): RequestLogEntry {
  return {
    createdAt: new Date(),
    traceId: randomUUID(),
    method: 'POST',
    path: '/v1/chat/completions',
    status: 200,
    latencyMs: 120,
    retryCount: 0,
    stream: false,
    provider: 'openai',
    model: 'gpt-4o-mini',
    promptTokens: 1000,
    completionTokens: 200,
    ...overrides,
  };
}

describe('request log writer', () => {
  let db: TestDatabase;
  let cp: ControlPlaneContext;
  let prisma: PrismaService;
  let ws: SeededWorkspace;

  beforeAll(async () => {
    db = await createTestDatabase();
    cp = await startControlPlane(testOptions(db.url, { requestLog: { flushIntervalMs: 60_000, batchSize: 100 } }));
    prisma = cp.get(PrismaService);
    ws = await seedWorkspace(cp);
  });

  afterAll(async () => {
    await cp?.close();
    await db?.drop();
  });

  it('writes queued entries in batches, with cost, and touches the API key', async () => {
    const writer = cp.get(RequestLogWriter);
    const traceId = randomUUID();
    const query = jest.spyOn(pg.Pool.prototype, 'query');
    try {
      for (let i = 0; i < 250; i++) writer.enqueue(entry({ traceId, workspaceId: ws.workspaceId, apiKeyId: ws.apiKeyId }));
      await writer.flush();
      // 250 entries, batch size 100: three bulk INSERTs, not 250.
      const inserts = query.mock.calls.filter(([sql]) => String(sql).startsWith('INSERT INTO request_logs'));
      expect(inserts).toHaveLength(3);
    } finally {
      query.mockRestore();
    }
    expect(await prisma.requestLog.count({ where: { traceId } })).toBe(250);
    const row = await prisma.requestLog.findFirstOrThrow({ where: { traceId } });
    // gpt-4o-mini: 1000 × 0.15 + 200 × 0.6 per million.
    expect(Number(row.costUsd)).toBeCloseTo(0.00027, 8);
    const key = await prisma.apiKey.findUniqueOrThrow({ where: { id: ws.apiKeyId } });
    expect(key.lastUsedAt).toBeInstanceOf(Date);
    expect(writer.stats()).toMatchObject({ queued: 0, dropped: 0 });
  });

  it('writes on its own timer (off the request path)', async () => {
    const options = testOptions(db.url, { requestLog: { flushIntervalMs: 50 } });
    const other = await startControlPlane(options);
    try {
      const traceId = randomUUID();
      other.get(RequestLogSink).enqueue(entry({ traceId, workspaceId: ws.workspaceId }));
      await waitFor(async () => (await prisma.requestLog.count({ where: { traceId } })) === 1, 3_000);
    } finally {
      await other.close();
    }
  });

  it('flushes the queue on graceful shutdown', async () => {
    const other = await startControlPlane(testOptions(db.url, { requestLog: { flushIntervalMs: 60_000 } }));
    const traceId = randomUUID();
    const sink = other.get(RequestLogSink);
    for (let i = 0; i < 40; i++) sink.enqueue(entry({ traceId, workspaceId: ws.workspaceId }));
    expect(await prisma.requestLog.count({ where: { traceId } })).toBe(0);
    await other.close();
    expect(await prisma.requestLog.count({ where: { traceId } })).toBe(40);
  });

  it('a flush writes what was queued when it started; entries arriving meanwhile wait for the next one', async () => {
    const writer = cp.get(RequestLogWriter);
    const traceId = randomUUID();
    const query = jest.spyOn(pg.Pool.prototype, 'query');
    try {
      for (let i = 0; i < 3; i++) writer.enqueue(entry({ traceId }));
      const flushing = writer.flush(); // its INSERT is on the wire now
      for (let i = 0; i < 2; i++) writer.enqueue(entry({ traceId }));
      await flushing;
      expect(await prisma.requestLog.count({ where: { traceId } })).toBe(3);
      expect(writer.stats().queued).toBe(2);
      await writer.flush();
      expect(await prisma.requestLog.count({ where: { traceId } })).toBe(5);
      const inserts = query.mock.calls.filter(([sql]) => String(sql).startsWith('INSERT INTO request_logs'));
      expect(inserts).toHaveLength(2);
    } finally {
      query.mockRestore();
    }
  });

  it("writes an API key's last_used_at at most once a minute, not with every batch", async () => {
    const writer = cp.get(RequestLogWriter);
    const key = await prisma.apiKey.create({ data: { workspaceId: ws.workspaceId, name: 'touch-once', keyHash: randomUUID(), hint: 'x' } });
    const query = jest.spyOn(pg.Pool.prototype, 'query');
    try {
      const first = new Date(Date.now() - 1_000);
      writer.enqueue(entry({ workspaceId: ws.workspaceId, apiKeyId: key.id, createdAt: first }));
      await writer.flush();
      writer.enqueue(entry({ workspaceId: ws.workspaceId, apiKeyId: key.id, createdAt: new Date() }));
      await writer.flush();
      const updates = query.mock.calls.filter(([sql]) => String(sql).startsWith('UPDATE api_keys'));
      expect(updates).toHaveLength(1);
      const stored = await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
      expect(stored.lastUsedAt?.getTime()).toBe(first.getTime());
    } finally {
      query.mockRestore();
    }
  });

  it("writes on connections that skip the WAL flush wait (synchronous_commit off, set at connection start-up)", async () => {
    const pool = cp.get(ControlPlanePool);
    const { rows } = await pool.query('SHOW synchronous_commit');
    expect(rows[0].synchronous_commit).toBe('off');
  });

  it('keeps the good entries of a batch with a bad one, and counts the bad one', async () => {
    const writer = cp.get(RequestLogWriter);
    const before = writer.stats().rejected;
    const traceId = randomUUID();
    writer.enqueue(entry({ traceId }));
    writer.enqueue(entry({ traceId, status: 2 ** 40 })); // does not fit the integer column
    writer.enqueue(entry({ traceId }));
    await writer.flush();
    expect(await prisma.requestLog.count({ where: { traceId } })).toBe(2);
    expect(writer.stats().rejected).toBe(before + 1);
  });

  it('stores bodies only when given (the request path asks logsBodies first)', async () => {
    const writer = cp.get(RequestLogWriter);
    const traceId = randomUUID();
    writer.enqueue(entry({ traceId, workspaceId: ws.workspaceId, requestBody: { messages: [] }, responseBody: '{"id":"x"}' }));
    writer.enqueue(entry({ traceId, workspaceId: ws.workspaceId }));
    await writer.flush();
    const rows = await prisma.requestLog.findMany({ where: { traceId }, orderBy: { id: 'asc' } });
    expect(rows[0]).toMatchObject({ requestBody: { messages: [] }, responseBody: { id: 'x' } });
    expect(rows[1]).toMatchObject({ requestBody: null, responseBody: null });
    await cp.get(ControlPlaneLookup).authenticate(ws.apiKey);
    expect(cp.get(RequestLogSink).logsBodies(ws.workspaceId)).toBe(false);
    expect(cp.get(RequestLogSink).logsBodies(undefined)).toBe(false);
  });
});

describe('request log writer with the database down', () => {
  it('never blocks or throws, bounds the queue and counts what it drops', async () => {
    // Nothing listens on port 1: every write fails fast, as with a database that is down.
    const prisma = new PrismaService({ databaseUrl: 'postgresql://nobody@127.0.0.1:1/none', poolSize: 1 });
    const pool = createControlPlanePool('postgresql://nobody@127.0.0.1:1/none');
    const settings = new WorkspaceSettingsCache(new LookupRepository(pool));
    const writer = new RequestLogWriter(prisma, new PricingTable(), settings, { maxQueue: 100, batchSize: 50, flushIntervalMs: 20 }, pool);
    writer.start();
    try {
      const started = process.hrtime.bigint();
      for (let i = 0; i < 1_000; i++) writer.enqueue(entry());
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      expect(elapsedMs).toBeLessThan(100); // 1,000 enqueues: pure memory work
      expect(writer.stats().queued).toBe(100);
      expect(writer.stats().dropped).toBe(900);
      await writer.flush(); // fails, puts the batch back
      expect(writer.stats()).toMatchObject({ queued: 100, written: 0 });
      expect(writer.stats().failedBatches).toBeGreaterThan(0);
    } finally {
      const closing = Date.now();
      await writer.close(500);
      expect(Date.now() - closing).toBeLessThan(3_000);
      expect(writer.stats()).toMatchObject({ queued: 0, dropped: 1_000 });
      writer.enqueue(entry()); // after close: counted, not queued, no throw
      expect(writer.stats().dropped).toBe(1_001);
      await prisma.$disconnect().catch(() => undefined);
      await pool.end().catch(() => undefined);
    }
  });
});
