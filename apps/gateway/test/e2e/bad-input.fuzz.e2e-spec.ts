import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * Bad input over the HTTP API, generated: random JSON, wrong types, huge numbers, deep nesting,
 * invalid UTF-8, giant headers, huge configs, unknown providers, invalid base64 images, multipart
 * bombs. Whatever arrives, the gateway answers a 4xx in its error format (or serves a request that
 * happens to be valid), never a 5xx, and stays up. Every provider's custom host is the mock, so
 * nothing leaves the machine. Runs are bounded (seeded, a few hundred requests in all).
 */
let mock: MockProvider;
let gateway: RunningGateway;

beforeAll(async () => {
  mock = await startMockProvider();
  gateway = await startGateway({ bodyLimitBytes: 1024 * 1024, headerLimitBytes: 32 * 1024 });
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});
afterEach(async () => {
  // Still up after whatever the test sent.
  expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
});

interface Answer {
  status: number;
  body: string;
}

/** Raw bytes over node:http: fetch would refuse or normalise much of what these tests send. */
function send(path: string, headers: Record<string, string>, body: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${gateway.url}${path}`, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The contract: never 5xx; a 4xx is JSON in the gateway's or the provider-error shape. */
function expectHandled(answer: Answer, what: unknown): void {
  if (answer.status >= 500) throw new Error(`5xx (${answer.status}) for ${JSON.stringify(what).slice(0, 300)}: ${answer.body.slice(0, 300)}`);
  if (answer.status >= 400) {
    let parsed: { status?: string; message?: unknown; error?: { message?: unknown } };
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      throw new Error(`${answer.status} without a JSON body for ${JSON.stringify(what).slice(0, 200)}: ${answer.body.slice(0, 200)}`);
    }
    const message = parsed.status === 'failure' ? parsed.message : parsed.error?.message;
    if (typeof message !== 'string' || message.length === 0 || message.includes('[object Object]')) {
      throw new Error(`${answer.status} without a clear message: ${answer.body.slice(0, 300)}`);
    }
  }
}

const PROVIDERS = ['openai', 'anthropic', 'google', 'cohere', 'mistral-ai', 'bedrock', 'azure-openai', 'vertex-ai', 'ollama', 'groq', 'nope-not-a-provider', ''];
const ENDPOINTS = ['/v1/chat/completions', '/v1/completions', '/v1/embeddings', '/v1/messages', '/v1/responses', '/v1/images/generations', '/v1/moderations', '/v1/rerank'];

function headersFor(provider: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    authorization: 'Bearer sk-fuzz',
    ...(provider ? { 'x-portkey-provider': provider } : {}),
    'x-portkey-custom-host': `${mock.url}/v1`,
    'x-portkey-azure-resource-name': 'fuzz',
    'x-portkey-azure-deployment-id': 'fuzz',
    'x-portkey-azure-api-version': '2024-10-21',
    'x-portkey-vertex-project-id': 'fuzz',
    'x-portkey-vertex-region': 'us-central1',
    'x-portkey-aws-access-key-id': 'AKIAFUZZ',
    'x-portkey-aws-secret-access-key': 'fuzz',
    'x-portkey-aws-region': 'us-east-1',
  };
}

const weirdValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER * 1000, -0, 0.1, '', '\u0000', '\ud800', 'a'.repeat(5000)),
);

const chatLike = fc.record(
  {
    model: weirdValue,
    messages: fc.oneof(weirdValue, fc.array(fc.record({ role: weirdValue, content: weirdValue }, { requiredKeys: [] }), { maxLength: 4 })),
    max_tokens: weirdValue,
    temperature: weirdValue,
    stream: weirdValue,
    tools: weirdValue,
    input: weirdValue,
    prompt: weirdValue,
  },
  { requiredKeys: [] },
);

it('random JSON and wrong types, to every endpoint and provider', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...ENDPOINTS), fc.constantFrom(...PROVIDERS), fc.oneof(chatLike, fc.jsonValue({ maxDepth: 4 })), async (path, provider, body) => {
      expectHandled(await send(path, headersFor(provider), JSON.stringify(body)), { path, provider, body });
    }),
    { numRuns: 300, seed: 20261202 },
  );
});

it('random values in every x-portkey header', async () => {
  const headerValue = fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 }), fc.constantFrom('{', '[]', 'null', '-1', '1e400', 'NaN', '{"strategy":{"mode":"fallback"},"targets":[]}'));
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('x-portkey-config', 'x-portkey-metadata', 'x-portkey-request-timeout', 'x-portkey-forward-headers', 'x-portkey-custom-host', 'x-portkey-virtual-key', 'x-portkey-trace-id', 'x-portkey-strict-open-ai-compliance'),
      headerValue,
      async (name, value) => {
        // Header values must be latin1 on the wire; what a client cannot send is not under test.
        const safe = Buffer.from(value, 'latin1').toString('latin1').replace(/[\r\n\u0000-\u001f\u007f-\u00ff]/g, '');
        const answer = await send('/v1/chat/completions', { ...headersFor('openai'), [name]: safe }, JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }));
        expectHandled(answer, { name, value: safe });
      },
    ),
    { numRuns: 200, seed: 7 },
  );
});

it('invalid UTF-8 in a JSON body is a 400, not silently repaired', async () => {
  const body = Buffer.concat([Buffer.from('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}]}')]);
  const answer = await send('/v1/chat/completions', headersFor('openai'), body);
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.body)).toEqual({ status: 'failure', message: 'Invalid JSON body: the body is not valid UTF-8' });
});

it.each([1_000, 100_000])('deep nesting (%i levels) in the body and in a config', async (depth) => {
  const nested = '['.repeat(depth) + ']'.repeat(depth);
  const inBody = await send('/v1/chat/completions', headersFor('anthropic'), `{"model":"m","messages":[{"role":"user","content":${nested}}]}`);
  expectHandled(inBody, `body depth ${depth}`);
  const config = '{"targets":'.repeat(Math.min(depth, 2000)) + '[]' + '}'.repeat(Math.min(depth, 2000));
  const inConfig = await send('/v1/chat/completions', { ...headersFor('openai'), 'x-portkey-config': config }, '{"model":"m","messages":[]}');
  expect(inConfig.status).toBeGreaterThanOrEqual(400);
  expectHandled(inConfig, `config depth ${depth}`);
});

it('huge numbers, a huge config and a body over the limit', async () => {
  expectHandled(await send('/v1/chat/completions', headersFor('google'), '{"model":"m","max_tokens":1e999999,"n":-1e308,"messages":[{"role":"user","content":"x"}]}'), 'huge numbers');
  const targets = Array.from({ length: 600 }, (_, i) => ({ provider: 'openai', api_key: `sk-${i}`, weight: i }));
  const config = JSON.stringify({ strategy: { mode: 'loadbalance' }, targets });
  expectHandled(await send('/v1/chat/completions', { ...headersFor('openai'), 'x-portkey-config': config }, '{"model":"m","messages":[]}'), 'huge config');
  const tooBig = await send('/v1/chat/completions', headersFor('openai'), JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(1_100_000) }] }));
  expect(tooBig.status).toBe(413);
  expectHandled(tooBig, 'body over the limit');
});

it('giant headers get a 431 in the error format', async () => {
  const answer = await send('/v1/chat/completions', { ...headersFor('openai'), 'x-big': 'a'.repeat(40 * 1024) }, '{}');
  expect(answer.status).toBe(431);
  expect(JSON.parse(answer.body)).toEqual({ status: 'failure', message: 'Request headers too large (GATEWAY_HEADER_LIMIT_BYTES)' });
});

it('invalid base64 images to providers that decode them', async () => {
  const image = fc.oneof(
    fc.string({ maxLength: 50 }).map((s) => `data:image/png;base64,${s}`),
    fc.constantFrom('data:image/png;base64,!!!!', 'data:;base64,', 'data:image/png,', 'data:image/png;base64', 'http://', 'not a url', ''),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('anthropic', 'google', 'bedrock', 'cohere', 'vertex-ai', 'ollama'), image, async (provider, url) => {
      const body = { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'what is it' }, { type: 'image_url', image_url: { url } }] }] };
      expectHandled(await send('/v1/chat/completions', headersFor(provider), JSON.stringify(body)), { provider, url });
    }),
    { numRuns: 120, seed: 42 },
  );
});

it('multipart bombs: thousands of parts, a missing boundary, a truncated body', async () => {
  const boundary = 'fuzzboundary';
  const parts = Array.from({ length: 5000 }, (_, i) => `--${boundary}\r\ncontent-disposition: form-data; name="f${i}"\r\n\r\nx\r\n`).join('');
  const many = await send('/v1/audio/transcriptions', { ...headersFor('openai'), 'content-type': `multipart/form-data; boundary=${boundary}` }, `${parts}--${boundary}--\r\n`);
  expectHandled(many, 'many parts');
  const noBoundary = await send('/v1/audio/transcriptions', { ...headersFor('openai'), 'content-type': 'multipart/form-data' }, 'garbage');
  expectHandled(noBoundary, 'no boundary');
  const truncated = await send('/v1/images/edits', { ...headersFor('openai'), 'content-type': `multipart/form-data; boundary=${boundary}` }, `--${boundary}\r\ncontent-disposition: form-data; name="image"; filename="a.png"\r\n\r\n\x89PNG`);
  expectHandled(truncated, 'truncated');
});
