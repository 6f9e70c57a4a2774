import { startMockProvider, parseSse, type MockProvider } from './index.js';

/** Response.json() is typed `unknown`; tests read arbitrary shapes. */
const bodyOf = (res: Response): Promise<any> => res.json();

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const OPENAI = { authorization: 'Bearer k' };
const ANTHROPIC = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' };

function post(path: string, body: unknown, headers: Record<string, string> = OPENAI, signal?: AbortSignal): Promise<Response> {
  return fetch(mock.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  });
}
const chat = (model: string, extra: Record<string, unknown> = {}) =>
  post('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'hi' }], ...extra });

/** Reads a body chunk by chunk, keeping what arrived before a failure. */
async function readAll(res: Response): Promise<{ text: string; error?: unknown; chunkTimes: number[] }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const chunkTimes: number[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, chunkTimes };
      chunkTimes.push(Date.now());
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error, chunkTimes };
  }
}

/**
 * Watches timers created with one distinctive delay (the mock reads the global setTimeout at call
 * time, so wrapping it here sees the server's timers) and which of them were cleared.
 */
function watchTimers(ms: number) {
  const created: unknown[] = [];
  const cleared = new Set<unknown>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  globalThis.setTimeout = ((fn: (...a: unknown[]) => void, delay?: number, ...args: unknown[]) => {
    const handle = realSet(fn, delay, ...args);
    if (delay === ms) created.push(handle);
    return handle;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
    cleared.add(handle);
    realClear(handle);
  }) as typeof clearTimeout;
  return {
    created,
    pendingCount: () => created.filter((h) => !cleared.has(h)).length,
    restore() {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('scripted status, body and headers', () => {
  it('consumes steps in order, then falls back to the default answer', async () => {
    mock.scenario('s1', [
      { status: 429, headers: { 'retry-after': '2', 'retry-after-ms': 1500 } },
      { status: 500 },
    ]);
    const r1 = await chat('s1');
    expect(r1.status).toBe(429);
    expect(r1.headers.get('retry-after')).toBe('2');
    expect(r1.headers.get('retry-after-ms')).toBe('1500');
    expect(await bodyOf(r1)).toEqual({
      error: { message: expect.any(String), type: 'requests', param: null, code: 'rate_limit_exceeded' },
    });
    const r2 = await chat('s1');
    expect(r2.status).toBe(500);
    expect((await bodyOf(r2)).error.type).toBe('server_error');
    const r3 = await chat('s1');
    expect(r3.status).toBe(200);
    expect((await bodyOf(r3)).choices[0].message.content).toBe('Hello from mock openai: hi');
    expect(mock.count('s1')).toBe(3);
    // other models are unaffected
    expect((await chat('other')).status).toBe(200);
  });

  it('repeatLast keeps replaying the last step', async () => {
    mock.scenario('s2', [{ status: 503 }], { repeatLast: true });
    for (let i = 0; i < 3; i++) expect((await chat('s2')).status).toBe(503);
  });

  it('uses the flavour’s real error body for each provider', async () => {
    mock.scenario('claude-x', [{ status: 429 }]);
    const a = await post('/v1/messages', { model: 'claude-x', max_tokens: 5, messages: [] }, ANTHROPIC);
    expect(a.status).toBe(429);
    expect(await bodyOf(a)).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: expect.any(String) } });

    mock.scenario('gemini-x', [{ status: 503 }]);
    const g = await post('/v1beta/models/gemini-x:generateContent', { contents: [] }, { 'x-goog-api-key': 'k' });
    expect(g.status).toBe(503);
    expect(await bodyOf(g)).toEqual({ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } });
  });

  it('sends a scripted body verbatim (object or text) for errors and successes', async () => {
    mock.scenario('s3', [
      { status: 400, body: { error: { message: 'custom', type: 'x' } } },
      { status: 502, body: '<html>Bad Gateway</html>' },
      { body: { hello: 'world' } },
    ]);
    const r1 = await chat('s3');
    expect(await bodyOf(r1)).toEqual({ error: { message: 'custom', type: 'x' } });
    const r2 = await chat('s3');
    expect(r2.status).toBe(502);
    expect(r2.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await r2.text()).toBe('<html>Bad Gateway</html>');
    const r3 = await chat('s3');
    expect(r3.status).toBe(200);
    expect(await bodyOf(r3)).toEqual({ hello: 'world' });
  });

  it('keys Gemini by the path model and Azure by the deployment or the body model', async () => {
    mock.scenario('dep-a', [{ status: 500 }]);
    const az = await post('/openai/deployments/dep-a/chat/completions?api-version=2024-10-21', { messages: [] }, { 'api-key': 'k' });
    expect(az.status).toBe(500);
    mock.scenario('body-model', [{ status: 404 }]);
    const az2 = await post('/openai/deployments/dep-b/chat/completions?api-version=2024-10-21', { model: 'body-model', messages: [] }, { 'api-key': 'k' });
    expect(az2.status).toBe(404);
    expect(mock.count('dep-b')).toBe(1);
    expect(mock.count('body-model')).toBe(1);
    expect(mock.requests('body-model')[0]).toMatchObject({ model: 'dep-b', bodyModel: 'body-model' });
  });

  it('applies a step from the x-mock-step header (without consuming the scenario)', async () => {
    mock.scenario('s4', [{ status: 500 }]);
    const res = await post('/v1/chat/completions', { model: 's4', messages: [] }, { ...OPENAI, 'x-mock-step': JSON.stringify({ status: 418, body: 'teapot' }) });
    expect(res.status).toBe(418);
    expect(await res.text()).toBe('teapot');
    expect((await chat('s4')).status).toBe(500);
    const bad = await post('/v1/chat/completions', { model: 's4', messages: [] }, { ...OPENAI, 'x-mock-step': '{nope' });
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.message).toMatch(/x-mock-step/);
  });

  it('rejects invalid steps, in process and over HTTP', async () => {
    expect(() => mock.scenario('x', [{ status: 'nope' as unknown as number }])).toThrow(/status/);
    expect(() => mock.scenario('x', [{ delayMS: 5 } as never])).toThrow(/unknown field "delayMS"/);
    const res = await post('/__mock/scenarios', { model: 'x', steps: [{ hang: 'yes' }] });
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error).toMatch(/hang/);
  });

  it('scripts over the HTTP control API', async () => {
    const set = await post('/__mock/scenarios', { model: 'h1', steps: [{ status: 429 }, { status: 200 }], repeatLast: false });
    expect(await bodyOf(set)).toEqual({ ok: true, model: 'h1', steps: 2 });
    expect((await chat('h1')).status).toBe(429);
    expect((await chat('h1')).status).toBe(200);
  });
});

describe('timing and connection faults', () => {
  it('delayMs holds the response headers', async () => {
    mock.scenario('slow', [{ delayMs: 300 }]);
    const t0 = Date.now();
    const res = await chat('slow');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(res.status).toBe(200);
    await res.text();
  });

  it('delayMs timer is cleared when the client aborts', async () => {
    mock.scenario('slow2', [{ delayMs: 4321 }]);
    const watch = watchTimers(4321);
    try {
      const ctrl = new AbortController();
      const pending = post('/v1/chat/completions', { model: 'slow2', messages: [] }, OPENAI, ctrl.signal);
      await sleep(100);
      expect(watch.created).toHaveLength(1);
      expect(watch.pendingCount()).toBe(1);
      ctrl.abort();
      await expect(pending).rejects.toThrow(/abort/i);
      await sleep(100);
      expect(watch.pendingCount()).toBe(0);
    } finally {
      watch.restore();
    }
  });

  it('hang never answers until the client aborts; the server keeps serving', async () => {
    mock.scenario('hang', [{ hang: true }]);
    const ctrl = new AbortController();
    const pending = post('/v1/chat/completions', { model: 'hang', messages: [] }, OPENAI, ctrl.signal);
    const raced = await Promise.race([pending.then(() => 'answered'), sleep(300).then(() => 'still waiting')]);
    expect(raced).toBe('still waiting');
    ctrl.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    expect(mock.count('hang')).toBe(1);
    expect((await chat('hang')).status).toBe(200); // script consumed; default answer
  });

  it('close() ends hung requests instead of waiting for them', async () => {
    const own = await startMockProvider();
    own.scenario('hang', [{ hang: true }]);
    const pending = fetch(`${own.url}/v1/chat/completions`, {
      method: 'POST',
      headers: OPENAI,
      body: JSON.stringify({ model: 'hang', messages: [] }),
    });
    await sleep(100);
    const t0 = Date.now();
    await own.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
  });

  it('dropConnection destroys the socket without a response', async () => {
    mock.scenario('drop', [{ dropConnection: true }]);
    await expect(chat('drop')).rejects.toThrow(/fetch failed/);
    expect(mock.count('drop')).toBe(1);
  });

  it('failAfterChunks cuts a stream after N events', async () => {
    mock.scenario('cut', [{ failAfterChunks: 2 }]);
    const res = await chat('cut', { stream: true });
    expect(res.status).toBe(200);
    const { text, error } = await readAll(res);
    expect(error).toBeDefined();
    const events = parseSse(text);
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[0]!.data).choices[0].delta.role).toBe('assistant');
    expect(text).not.toContain('[DONE]');
  });

  it('failAfterChunks with chunkDelayMs cuts an Anthropic stream mid-way', async () => {
    mock.scenario('claude-cut', [{ failAfterChunks: 4, chunkDelayMs: 10 }]);
    const res = await post('/v1/messages', { model: 'claude-cut', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'x' }] }, ANTHROPIC);
    const { text, error } = await readAll(res);
    expect(error).toBeDefined();
    expect(parseSse(text).map((e) => e.event)).toEqual(['message_start', 'content_block_start', 'ping', 'content_block_delta']);
  });

  it('failAfterChunks on a JSON answer truncates the body', async () => {
    mock.scenario('cut-json', [{ failAfterChunks: 0 }]);
    const res = await chat('cut-json');
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('chunkDelayMs spaces stream events out', async () => {
    mock.scenario('drip', [{ chunkDelayMs: 60 }]);
    const t0 = Date.now();
    const res = await chat('drip', { stream: true });
    const { text, error, chunkTimes } = await readAll(res);
    expect(error).toBeUndefined();
    const events = parseSse(text);
    expect(events[events.length - 1]!.data).toBe('[DONE]');
    // n events → n-1 gaps of 60ms at least
    expect(Date.now() - t0).toBeGreaterThanOrEqual((events.length - 1) * 60 - 20);
    expect(chunkTimes.length).toBeGreaterThan(1);
  });

  it('firstChunkDelayMs sends the headers at once and holds the first event; an abort is recorded as closedEarly', async () => {
    mock.scenario('stall', [{ firstChunkDelayMs: 4323 }]);
    const watch = watchTimers(4323);
    try {
      const ctrl = new AbortController();
      const res = await post('/v1/chat/completions', { model: 'stall', stream: true, messages: [] }, OPENAI, ctrl.signal);
      expect(res.status).toBe(200);
      expect(watch.pendingCount()).toBe(1); // the first event is still waiting
      expect(mock.requests('stall')[0]!.closedEarly).toBeUndefined();
      ctrl.abort();
      await expect(res.text()).rejects.toThrow();
      for (let i = 0; i < 50 && !mock.requests('stall')[0]!.closedEarly; i++) await sleep(10);
      expect(mock.requests('stall')[0]!.closedEarly).toBe(true);
      expect(watch.pendingCount()).toBe(0);
    } finally {
      watch.restore();
    }
  });

  it('firstChunkDelayMs then streams every event; a finished answer is not closedEarly', async () => {
    mock.scenario('late', [{ firstChunkDelayMs: 5 }]);
    const res = await chat('late', { stream: true });
    const events = parseSse(await res.text());
    expect(events[0]!.data).toContain('"role":"assistant"');
    expect(events[events.length - 1]!.data).toBe('[DONE]');
    expect(mock.requests('late')[0]!.closedEarly).toBeUndefined();
  });

  it('stops writing and clears its timer when the client aborts mid-stream', async () => {
    mock.scenario('abort-stream', [{ chunkDelayMs: 4322 }]);
    const watch = watchTimers(4322);
    try {
      const ctrl = new AbortController();
      const res = await post('/v1/chat/completions', { model: 'abort-stream', stream: true, messages: [] }, OPENAI, ctrl.signal);
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toContain('"role":"assistant"');
      expect(watch.pendingCount()).toBe(1); // the gap before the next chunk
      ctrl.abort();
      await expect(reader.read()).rejects.toThrow();
      await sleep(100);
      expect(watch.created).toHaveLength(1); // no further chunk was scheduled
      expect(watch.pendingCount()).toBe(0);
    } finally {
      watch.restore();
    }
  });
});

describe('in-stream error events', () => {
  it('Anthropic: event: error (overloaded_error) after N events, then a clean end', async () => {
    mock.scenario('claude-err', [{ errorEventAfterChunks: 3 }]);
    const res = await post('/v1/messages', { model: 'claude-err', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'x' }] }, ANTHROPIC);
    expect(res.status).toBe(200);
    const events = parseSse(await res.text());
    expect(events.map((e) => e.event)).toEqual(['message_start', 'content_block_start', 'ping', 'error']);
    expect(JSON.parse(events[3]!.data)).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  });

  it('OpenAI: data: {"error":…} after N chunks, no [DONE]', async () => {
    mock.scenario('oa-err', [{ errorEventAfterChunks: 2 }]);
    const events = parseSse(await (await chat('oa-err', { stream: true })).text());
    expect(events).toHaveLength(3);
    expect(JSON.parse(events[2]!.data)).toEqual({ error: { message: expect.any(String), type: 'server_error', param: null, code: null } });
  });

  it('Gemini: data: {"error":…} after N chunks; a scripted body replaces the payload', async () => {
    mock.scenario('gem-err', [{ errorEventAfterChunks: 1 }, { errorEventAfterChunks: 0, body: { error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } } }]);
    const url = '/v1beta/models/gem-err:streamGenerateContent?alt=sse';
    const body = { contents: [{ role: 'user', parts: [{ text: 'a b c d e f' }] }] };
    const first = parseSse(await (await post(url, body, { 'x-goog-api-key': 'k' })).text());
    expect(first).toHaveLength(2);
    expect(JSON.parse(first[0]!.data).candidates).toBeDefined();
    expect(JSON.parse(first[1]!.data)).toEqual({ error: { code: 503, message: expect.any(String), status: 'UNAVAILABLE' } });
    const second = parseSse(await (await post(url, body, { 'x-goog-api-key': 'k' })).text());
    expect(second.map((e) => JSON.parse(e.data))).toEqual([{ error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } }]);
  });
});
