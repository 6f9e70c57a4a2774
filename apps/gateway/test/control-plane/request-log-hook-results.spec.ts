/**
 * Guardrail verdicts reach the request_logs table (hook_results column, migration
 * 20261202032000_request_log_hook_results) through the batched writer, and come back on read.
 */
import { randomUUID } from 'node:crypto';
import { RequestLogWriter } from '../../src/control-plane/request-logs/request-log.writer.js';
import { PrismaService } from '../../src/database/prisma.service.js';
import { seedWorkspace, startControlPlane, testOptions, type ControlPlaneContext, type SeededWorkspace } from './support/control-plane-harness.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('request log: hook results', () => {
  let db: TestDatabase;
  let cp: ControlPlaneContext;
  let ws: SeededWorkspace;

  beforeAll(async () => {
    db = await createTestDatabase();
    cp = await startControlPlane(testOptions(db.url, { requestLog: { flushIntervalMs: 60_000, batchSize: 100 } }));
    ws = await seedWorkspace(cp);
  });
  afterAll(async () => {
    await cp?.close();
    await db?.drop();
  });

  it('stores hook_results when a hook ran, and null otherwise', async () => {
    const writer = cp.get(RequestLogWriter);
    const hookResults = { before_request_hooks: [{ id: 'input_guardrail_0', verdict: false, deny: true, checks: [{ id: 'default.contains', verdict: false }] }], after_request_hooks: [] };
    const base = { createdAt: new Date(), method: 'POST', path: '/v1/chat/completions', latencyMs: 5, retryCount: 0, stream: false, workspaceId: ws.workspaceId };
    const guarded = randomUUID();
    const plain = randomUUID();
    writer.enqueue({ ...base, traceId: guarded, status: 446, hookResults });
    writer.enqueue({ ...base, traceId: plain, status: 200 });
    await writer.flush();
    const prisma = cp.get(PrismaService);
    expect((await prisma.requestLog.findFirstOrThrow({ where: { traceId: guarded } })).hookResults).toEqual(hookResults);
    expect((await prisma.requestLog.findFirstOrThrow({ where: { traceId: plain } })).hookResults).toBeNull();
  });
});
