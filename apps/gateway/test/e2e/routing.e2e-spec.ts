import { type MockProvider, startMockProvider } from '@aigw/mock-provider';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * Routing configs end to end: fallbacks, retries, timeouts, load balancing, conditional routing
 * and the circuit breaker, with scripted upstream failures and exact upstream call counts.
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
beforeEach(() => mock.reset());

const openai = (model: string, extra: Record<string, unknown> = {}) => ({
  provider: 'openai',
  api_key: 'sk-a',
  custom_host: `${mock.url}/v1`,
  override_params: { model },
  ...extra,
});
const anthropic = (model: string, extra: Record<string, unknown> = {}) => ({
  provider: 'anthropic',
  api_key: 'ak-b',
  custom_host: `${mock.url}/v1`,
  override_params: { model },
  ...extra,
});

async function send(config: unknown, init: { stream?: boolean; headers?: Record<string, string>; signal?: AbortSignal } = {}) {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    signal: init.signal,
    headers: {
      'content-type': 'application/json',
      'x-portkey-config': typeof config === 'string' ? config : JSON.stringify(config),
      ...init.headers,
    },
    body: JSON.stringify({ model: 'client-model', messages: [{ role: 'user', content: 'route me' }], max_tokens: 32, stream: init.stream }),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    json,
    text,
    index: response.headers.get('x-portkey-last-used-option-index'),
    retries: response.headers.get('x-portkey-retry-attempt-count'),
    provider: response.headers.get('x-portkey-provider'),
  };
}

describe('fallback', () => {
  it('moves to the next target on a failure and says which one answered', async () => {
    mock.scenario('fb-down', [{ status: 500 }], { repeatLast: true });
    const r = await send({ strategy: { mode: 'fallback' }, targets: [openai('fb-down'), anthropic('fb-up')] });
    expect(r.status).toBe(200);
    expect(r.provider).toBe('anthropic');
    expect(r.index).toBe('config.targets[1]');
    expect(mock.count('fb-down')).toBe(1);
    expect(mock.count('fb-up')).toBe(1);
  });

  it('only falls back on the listed status codes', async () => {
    mock.scenario('fb-500', [{ status: 500 }], { repeatLast: true });
    const r = await send({ strategy: { mode: 'fallback', on_status_codes: [429] }, targets: [openai('fb-500'), anthropic('fb-never')] });
    expect(r.status).toBe(500);
    expect(r.index).toBe('config.targets[0]');
    expect(mock.count('fb-never')).toBe(0);
  });

  it('returns the last target’s error when every target fails', async () => {
    mock.scenario('all-1', [{ status: 500 }], { repeatLast: true });
    mock.scenario('all-2', [{ status: 503 }], { repeatLast: true });
    const r = await send({ strategy: { mode: 'fallback' }, targets: [openai('all-1'), openai('all-2')] });
    expect(r.status).toBe(503);
    expect(r.index).toBe('config.targets[1]');
    expect(r.json.provider).toBe('openai');
  });

  it('falls back from a timed-out target (request_timeout) to the next', async () => {
    mock.scenario('fb-hang', [{ hang: true }], { repeatLast: true });
    const r = await send({ strategy: { mode: 'fallback' }, request_timeout: 150, targets: [openai('fb-hang'), openai('fb-ok')] });
    expect(r.status).toBe(200);
    expect(r.index).toBe('config.targets[1]');
    expect(mock.count('fb-hang')).toBe(1);
  });

  it('answers 408 timeout_error when the only target times out', async () => {
    mock.scenario('only-hang', [{ hang: true }], { repeatLast: true });
    const r = await send({ request_timeout: 120, targets: [openai('only-hang')], strategy: { mode: 'single' } });
    expect(r.status).toBe(408);
    expect(r.json.error.type).toBe('timeout_error');
  });

  it('nests strategies and reports the full path', async () => {
    mock.scenario('n-down', [{ status: 502 }], { repeatLast: true });
    const config = {
      strategy: { mode: 'fallback' },
      targets: [
        { strategy: { mode: 'fallback' }, targets: [openai('n-down'), openai('n-down')] },
        { strategy: { mode: 'single' }, targets: [anthropic('n-up')] },
      ],
    };
    const r = await send(config);
    expect(r.status).toBe(200);
    expect(r.index).toBe('config.targets[1].targets[0]');
    expect(mock.count('n-down')).toBe(2);
  });
});

describe('retries', () => {
  it('retries retryable statuses and counts the retries', async () => {
    mock.scenario('r-flaky', [{ status: 500 }, { status: 502 }, {}]);
    const r = await send({ retry: { attempts: 3 }, ...openai('r-flaky') });
    expect(r.status).toBe(200);
    expect(r.retries).toBe('2');
    expect(r.index).toBe('config');
    expect(mock.count('r-flaky')).toBe(3);
  });

  it('reports -1 when the retries run out, after exactly attempts + 1 calls', async () => {
    mock.scenario('r-dead', [{ status: 503 }], { repeatLast: true });
    const r = await send({ retry: { attempts: 2 }, ...openai('r-dead') });
    expect(r.status).toBe(503);
    expect(r.retries).toBe('-1');
    expect(mock.count('r-dead')).toBe(3);
  });

  it('does not retry a status outside on_status_codes', async () => {
    mock.scenario('r-400', [{ status: 400 }], { repeatLast: true });
    const r = await send({ retry: { attempts: 3 }, ...openai('r-400') });
    expect(r.status).toBe(400);
    expect(r.retries).toBe('0');
    expect(mock.count('r-400')).toBe(1);
  });

  it('waits as long as Retry-After says when asked to', async () => {
    mock.scenario('r-429', [{ status: 429, headers: { 'retry-after-ms': '200' } }, {}]);
    const r = await send({ retry: { attempts: 1, use_retry_after_header: true }, ...openai('r-429') });
    expect(r.status).toBe(200);
    expect(r.retries).toBe('1');
    const [first, second] = mock.requests('r-429');
    expect(second.time - first.time).toBeGreaterThanOrEqual(190);
  });

  it('stops retrying when Retry-After exceeds the 60 s cap', async () => {
    mock.scenario('r-long', [{ status: 429, headers: { 'retry-after': '120' } }], { repeatLast: true });
    const r = await send({ retry: { attempts: 3, use_retry_after_header: true }, ...openai('r-long') });
    expect(r.status).toBe(429);
    expect(r.retries).toBe('-1');
    expect(mock.count('r-long')).toBe(1);
  });

  it('retries a connection error, then falls back', async () => {
    const dead = { provider: 'openai', api_key: 'k', custom_host: 'http://127.0.0.1:9/v1', retry: { attempts: 2 } };
    const r = await send({ strategy: { mode: 'fallback' }, targets: [dead, openai('after-dead')] });
    expect(r.status).toBe(200);
    expect(r.index).toBe('config.targets[1]');
  });

  it('a client that goes away cancels pending retries', async () => {
    mock.scenario('r-cancel', [{ status: 429, headers: { 'retry-after-ms': '400' } }], { repeatLast: true });
    const controller = new AbortController();
    const pending = send({ retry: { attempts: 5, use_retry_after_header: true }, ...openai('r-cancel') }, { signal: controller.signal }).catch((e: Error) => e);
    await waitFor(() => mock.count('r-cancel') === 1);
    controller.abort();
    expect((await pending as Error).name).toBe('AbortError');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(mock.count('r-cancel')).toBe(1);
  });
});

describe('streaming with routing', () => {
  it('falls back before the first byte', async () => {
    mock.scenario('s-down', [{ status: 500 }], { repeatLast: true });
    const r = await send({ strategy: { mode: 'fallback' }, targets: [openai('s-down'), anthropic('s-up')] }, { stream: true });
    expect(r.status).toBe(200);
    expect(r.index).toBe('config.targets[1]');
    expect(r.text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('does not fall back after the first byte: the failure becomes an error event', async () => {
    mock.scenario('s-break', [{ failAfterChunks: 2 }], { repeatLast: true });
    const r = await send({ strategy: { mode: 'fallback' }, targets: [openai('s-break'), anthropic('s-spare')] }, { stream: true });
    expect(r.status).toBe(200);
    expect(r.index).toBe('config.targets[0]');
    expect(r.text).toMatch(/"type":"stream_error"/);
    expect(mock.count('s-spare')).toBe(0);
  });
});

describe('loadbalance and conditional routing', () => {
  it('never picks a weight-0 target', async () => {
    const config = { strategy: { mode: 'loadbalance' }, targets: [openai('lb-never', { weight: 0 }), openai('lb-always', { weight: 1 })] };
    for (let i = 0; i < 10; i++) expect((await send(config)).index).toBe('config.targets[1]');
    expect(mock.count('lb-never')).toBe(0);
  });

  it('splits traffic by weight', async () => {
    const config = { strategy: { mode: 'loadbalance' }, targets: [openai('lb-a', { weight: 1 }), openai('lb-b', { weight: 1 })] };
    for (let i = 0; i < 40; i++) await send(config);
    expect(mock.count('lb-a') + mock.count('lb-b')).toBe(40);
    expect(mock.count('lb-a')).toBeGreaterThan(5);
    expect(mock.count('lb-b')).toBeGreaterThan(5);
  });

  it('is sticky by a metadata key when asked', async () => {
    const config = {
      strategy: { mode: 'loadbalance', sticky_key: 'metadata.user_id' },
      targets: [openai('st-a'), openai('st-b'), openai('st-c')],
    };
    for (const user of ['alice', 'bob', 'carol']) {
      const seen = new Set<string | null>();
      for (let i = 0; i < 6; i++) seen.add((await send(config, { headers: { 'x-portkey-metadata': JSON.stringify({ user_id: user }) } })).index);
      expect(seen.size).toBe(1);
    }
  });

  it('routes by metadata conditions, with a default', async () => {
    const config = {
      strategy: {
        mode: 'conditional',
        conditions: [{ query: { 'metadata.plan': { $eq: 'pro' } }, then: 'pro' }],
        default: 'free',
      },
      targets: [openai('cond-pro', { name: 'pro' }), openai('cond-free', { name: 'free' })],
    };
    const pro = await send(config, { headers: { 'x-portkey-metadata': '{"plan":"pro"}' } });
    const free = await send(config, { headers: { 'x-portkey-metadata': '{"plan":"basic"}' } });
    expect(pro.index).toBe('config.targets[0]');
    expect(free.index).toBe('config.targets[1]');
  });

  it('400 when no condition matches and there is no default', async () => {
    const config = {
      strategy: { mode: 'conditional', conditions: [{ query: { 'params.model': 'nope' }, then: 'x' }] },
      targets: [openai('cond-x', { name: 'x' })],
    };
    const r = await send(config);
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ status: 'failure', message: 'Query router did not resolve to any valid target' });
  });
});

describe('config validation and header providers', () => {
  it('400 with the reference message for a config that is not JSON', async () => {
    const r = await send('{not json');
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ status: 'failure', message: 'Invalid config passed. You need to pass a valid json' });
  });

  it('400 naming the path and the problem for an invalid config', async () => {
    const r = await send({ strategy: { mode: 'roundrobin' }, targets: [openai('x')] });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('Invalid config passed');
    expect(r.json.errors[0]).toMatch(/^path: strategy,mode, message: /);
  });

  it('takes the provider and key from headers when the config has neither', async () => {
    mock.scenario('hdr-model', [{ status: 500 }, {}]);
    const r = await send(
      { retry: { attempts: 1 } },
      { headers: { 'x-portkey-provider': 'openai', authorization: 'Bearer sk-h', 'x-portkey-custom-host': `${mock.url}/v1` } },
    );
    expect(r.status).toBe(200);
    expect(r.retries).toBe('0');
    const seen = mock.requests().at(-1)!;
    expect(seen.headers.authorization).toBe('Bearer sk-h');
  });

  it('applies override_params from parent and child', async () => {
    const config = { override_params: { temperature: 0.2, top_p: 0.5 }, strategy: { mode: 'single' }, targets: [openai('ov', { override_params: { model: 'ov', top_p: 0.9 } })] };
    await send(config);
    expect(mock.requests('ov')[0].body).toMatchObject({ model: 'ov', temperature: 0.2, top_p: 0.9 });
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, skips the dead target, and shows its state', async () => {
    mock.scenario('cb-dead', [{ status: 500 }], { repeatLast: true });
    const config = { strategy: { mode: 'fallback' }, targets: [openai('cb-dead'), anthropic('cb-alive')] };
    for (let i = 0; i < 8; i++) expect((await send(config)).status).toBe(200);
    expect(mock.count('cb-dead')).toBe(5);
    expect(mock.count('cb-alive')).toBe(8);
    const health = (await (await fetch(`${gateway.url}/health/circuit-breakers`)).json()) as { breakers: { key: string; state: string }[] };
    expect(health.breakers.find((b) => b.key.startsWith('openai|') && b.state === 'open')).toBeTruthy();
  });
});

async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('provider checks', () => {
  it('400 naming the path of an unknown provider in a config', async () => {
    const r = await send({ strategy: { mode: 'fallback' }, targets: [openai('ok'), { provider: 'not-a-provider', api_key: 'k' }] });
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('Invalid config passed');
    expect(r.json.errors).toEqual(['path: targets,1,provider, message: Invalid provider passed: not-a-provider']);
  });

  it('400 Invalid custom host for a host that is not an http(s) URL', async () => {
    for (const host of ['file:///etc/passwd', 'not a url', 'http://user:pw@127.0.0.1/v1']) {
      const r = await send({ retry: { attempts: 0 } }, { headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': host } });
      expect(r.status).toBe(400);
      expect(r.json).toEqual({ status: 'failure', message: 'Invalid custom host' });
    }
  });
});
