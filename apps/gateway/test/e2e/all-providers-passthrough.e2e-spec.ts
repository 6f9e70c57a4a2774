import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { PROVIDERS } from '@aigw/providers';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * The providers the gateway relays without translating (vector databases, 3D generators,
 * SageMaker endpoints): accepted by id and routed through the `/v1/*` passthrough to their API,
 * with their own auth (Qdrant's `api-key`, a bearer token, SigV4 for SageMaker).
 */
let mock: MockProvider;
let gateway: RunningGateway;

beforeAll(async () => {
  mock = await startMockProvider({ port: 0 });
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});

interface Echo {
  method: string;
  path: string;
  headers: Record<string, string>;
}

async function call(provider: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; echo: Echo }> {
  const response = await fetch(`${gateway.url}/v1${path}`, {
    method,
    headers: { 'x-portkey-provider': provider, 'x-portkey-custom-host': `${mock.url}/v1`, authorization: 'Bearer key-123', ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body,
  });
  const json = (await response.json()) as { echo: Echo };
  return { status: response.status, echo: json.echo };
}

const PASSTHROUGH_ONLY = [...PROVIDERS.values()].filter((p) => Object.keys(p.endpoints).length === 0).map((p) => p.id);

it('has passthrough-only providers to cover', () => {
  expect(PASSTHROUGH_ONLY.sort()).toEqual(['meshy', 'milvus', 'qdrant', 'sagemaker', 'tripo3d']);
});

it('qdrant: the key goes in api-key', async () => {
  const r = await call('qdrant', 'GET', '/collections');
  expect(r.status).toBe(200);
  expect(r.echo).toMatchObject({ method: 'GET', path: '/v1/collections' });
  expect(r.echo.headers['api-key']).toBe('key-123');
  expect(r.echo.headers.authorization).toBeUndefined();
});

it.each(['milvus', 'meshy', 'tripo3d'])('%s: a bearer token, the body untouched', async (provider) => {
  const body = '{"collectionName":"docs", "limit": 3}';
  const r = await call(provider, 'POST', '/entities/query', {}, body);
  expect(r.status).toBe(200);
  expect(r.echo).toMatchObject({ method: 'POST', path: '/v1/entities/query' });
  expect(r.echo.headers.authorization).toBe('Bearer key-123');
});

it('sagemaker: the invocation is signed with SigV4 for the sagemaker service', async () => {
  const r = await call(
    'sagemaker',
    'POST',
    '/endpoints/my-llm/invocations',
    { 'x-portkey-aws-access-key-id': 'AKIDEXAMPLE', 'x-portkey-aws-secret-access-key': 'secret', 'x-portkey-aws-region': 'eu-west-1' },
    '{"inputs":"Hello"}',
  );
  expect(r.status).toBe(200);
  expect(r.echo.path).toBe('/v1/endpoints/my-llm/invocations');
  expect(r.echo.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sagemaker\/aws4_request/);
});

it('sagemaker without AWS keys is the gateway’s 400, before any call', async () => {
  const before = mock.count();
  const response = await fetch(`${gateway.url}/v1/endpoints/x/invocations`, {
    method: 'POST',
    headers: { 'x-portkey-provider': 'sagemaker', 'x-portkey-custom-host': `${mock.url}/v1`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({ status: 'failure', message: expect.stringContaining('sagemaker needs AWS credentials') });
  expect(mock.count()).toBe(before);
});
