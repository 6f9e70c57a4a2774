import { createTestDatabase, type TestDatabase } from '../control-plane/support/test-database.js';
import { chat, type ControlPlaneGateway, startControlPlaneGateway } from './support/control-plane-gateway.js';

/**
 * Ids that Postgres cannot take as text (a NUL byte, escaped in a JSON config) are the caller's
 * 400, not a 500 and not "database unreachable": found by the admin API fuzz test.
 */
let db: TestDatabase;
let gateway: ControlPlaneGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  gateway = await startControlPlaneGateway(db.url);
});
afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

it('a virtual key slug with a NUL byte is a 400 naming the problem', async () => {
  const ws = await gateway.seed('NUL workspace');
  const answer = await chat(gateway.url, { 'x-portkey-api-key': ws.apiKey, 'x-portkey-config': '{"virtual_key":"a\\u0000b"}' });
  expect(answer.status).toBe(400);
  expect(answer.json).toEqual({ status: 'failure', message: 'The request contains characters that cannot be looked up (such as a NUL byte)' });
});
