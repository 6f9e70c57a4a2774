import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * The official OpenAI Python SDK through the gateway (python/openai_sdk_calls.py): chat JSON and
 * streamed, the streaming helper, a streamed tool call, embeddings (the Python SDK asks for base64
 * and decodes it) for OpenAI and two translated providers, a translated provider, a legacy
 * completion and a gateway refusal.
 *
 * The interpreter: PYTHON_OPENAI (a python with the `openai` package), else the repository's
 * `.venv-py` (which .ci/run creates), else `python3`. When none of them can import `openai`, the
 * suite is skipped and says why (Python is not a dependency of the gateway).
 */
const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./python/openai_sdk_calls.py', import.meta.url));

/** Chosen before any server starts, so the synchronous probe blocks nothing the test needs. */
function findPython(): string | undefined {
  const candidates = [process.env.PYTHON_OPENAI, `${ROOT}.venv-py/bin/python`, 'python3'].filter((p): p is string => !!p && (!p.includes('/') || existsSync(p)));
  return candidates.find((python) => {
    try {
      execFileSync(python, ['-c', 'import openai'], { timeout: 20_000, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
}

const python = findPython();
if (!python) console.warn('Python OpenAI SDK suite skipped: no python with the openai package (set PYTHON_OPENAI, or run .ci/run, which creates .venv-py)');

let mock: MockProvider;
let gateway: RunningGateway;

beforeAll(async () => {
  if (!python) return;
  mock = await startMockProvider({ port: 0 });
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});

type Results = Record<string, any>;

(python ? it : it.skip)('runs the SDK’s main calls through the gateway', async () => {
  // Asynchronous: the gateway answering the script lives in this process.
  const { stdout } = await exec(python!, [SCRIPT], {
    env: { ...process.env, GATEWAY_URL: gateway.url, MOCK_URL: mock.url, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' },
    timeout: 60_000,
  }).catch((error: { stderr?: string; message: string }) => {
    throw new Error(`the Python script failed:\n${error.stderr ?? error.message}`);
  });
  const r = JSON.parse(stdout) as Results;

  expect(r.chat).toMatchObject({ text: expect.stringContaining('Hello from Python'), finish_reason: 'stop', provider: 'openai', trace_id: expect.any(String) });
  expect(r.chat.completion_tokens).toBeGreaterThan(0);
  expect(r.stream.text).toContain('Hello from Python');
  expect(r.stream.completion_tokens).toBeGreaterThan(0);
  expect(r.stream_helper.text).toContain('Hello from Python');
  expect(r.tool_call).toMatchObject({ name: 'get_weather', finish_reason: 'tool_calls' });
  expect(typeof r.tool_call.arguments).toBe('object');

  // Decoded from base64 by the SDK, the vectors are the floats the upstream sent (float32 precision).
  expect(r.embeddings_float).toHaveLength(3);
  for (const provider of ['openai', 'cohere', 'google']) {
    expect(r.embeddings[provider]).toMatchObject({ count: 2, dimensions: expect.any(Number) });
    r.embeddings[provider].first.forEach((v: number, i: number) => expect(v).toBeCloseTo(r.embeddings_float[i], 5));
  }
  expect(mock.requests('text-embedding-3-small').map((q) => (q.body as { encoding_format?: string }).encoding_format)).toEqual(['base64', 'float']);

  expect(r.anthropic.text).toContain('Hello from Python');
  expect(r.anthropic.stream).toBe(r.anthropic.text);
  expect(r.completion).toBeTruthy();
  expect(r.refusal).toMatchObject({ type: 'BadRequestError', status: 400, body: { status: 'failure', message: expect.stringContaining('provider') } });

  const [upstream] = mock.requests('py-chat');
  expect(upstream.headers.authorization).toBe('Bearer sk-python-provider-key');
}, 90_000);
