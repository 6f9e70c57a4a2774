import { request as httpRequest, Agent } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Agent as UndiciAgent, fetch as undiciFetch, type Response } from 'undici';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';
import { type FaultServer, startFaultServer, TEN_MB_TEXT } from './support/fault-server.js';

/**
 * Faults injected upstream and by the client. Each case asserts what the client gets (a clear,
 * well-formed error, or the correct answer), and the suite asserts the gateway stays up and that
 * sockets, timers and memory come back to their baseline afterwards.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let faults: FaultServer;
let gateway: RunningGateway;
let baseline: { timers: number; heapUsed: number };
// The test's own client, closed before the final check, so its idle keep-alive sockets are not counted as the gateway's.
const client = new UndiciAgent();

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

beforeAll(async () => {
  faults = await startFaultServer();
  gateway = await startGateway({ streamIdleTimeoutMs: 1_000 });
  gc();
  baseline = { timers: timers(), heapUsed: process.memoryUsage().heapUsed };
});
afterAll(async () => {
  await gateway?.close();
  await faults?.close();
});

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', authorization: 'Bearer k', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': faults.url, ...extra };
}

function chat(model: string, stream = false, extra: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return undiciFetch(`${gateway.url}/v1/chat/completions`, {
    dispatcher: client,
    method: 'POST',
    headers: headers(extra),
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'x' }] }),
    signal,
  });
}

async function expectJsonError(response: Response, status: number, type: string, message: RegExp): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { message: string; type: string }; provider?: string };
  expect(body).toMatchObject({ error: { type } });
  if (type !== 'timeout_error') expect(body.provider).toBe('openai');
  expect(body.error.message).toMatch(message);
}

/** The SSE data payloads of a streamed answer, parsed. */
async function events(response: Response): Promise<unknown[]> {
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice(6))
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)));
}

describe('upstream faults', () => {
  it('connection refused: 502 connection_error, JSON and stream alike', async () => {
    const closed = { 'x-portkey-custom-host': 'http://127.0.0.1:1' };
    await expectJsonError(await chat('any', false, closed), 502, 'connection_error', /Could not reach openai at http:\/\/127\.0\.0\.1:1/);
    await expectJsonError(await chat('any', true, closed), 502, 'connection_error', /ECONNREFUSED/);
  });

  it('reset in the middle of a JSON body: 502, never a truncated 200', async () => {
    await expectJsonError(await chat('reset-mid-body'), 502, 'connection_error', /broke while its answer was being read: other side closed/);
  });

  it('reset in the middle of a stream: the chunks so far, then an error event', async () => {
    const got = await events(await chat('reset-mid-stream', true));
    expect(got.slice(0, 2)).toEqual([expect.objectContaining({ object: 'chat.completion.chunk' }), expect.objectContaining({ object: 'chat.completion.chunk' })]);
    expect(got.at(-1)).toMatchObject({ error: { type: 'stream_error', message: /other side closed/ }, provider: 'openai' });
  });

  it('hang before the headers: 408 timeout_error at the request timeout, upstream call aborted', async () => {
    const before = faults.closedEarly;
    await expectJsonError(await chat('hang-before-headers', false, { 'x-portkey-request-timeout': '300' }), 408, 'timeout_error', /300ms/);
    await waitFor(() => faults.closedEarly > before);
  });

  it('hang in the middle of a stream: an idle timeout error event', async () => {
    const got = await events(await chat('hang-mid-stream', true));
    expect(got[0]).toMatchObject({ object: 'chat.completion.chunk' });
    expect(got.at(-1)).toMatchObject({ error: { type: 'timeout_error', message: 'Stream from openai was idle for more than 1000ms' } });
  });

  it('a 200 with malformed JSON: 502 invalid_response', async () => {
    await expectJsonError(await chat('malformed-json'), 502, 'invalid_response', /Invalid response received from openai/);
  });

  it('a malformed stream event: the good chunks, then an error event, never the broken bytes', async () => {
    const got = await events(await chat('malformed-sse', true));
    expect(got).toEqual([
      expect.objectContaining({ object: 'chat.completion.chunk' }),
      { error: expect.objectContaining({ type: 'stream_error', message: expect.stringMatching(/openai sent a malformed stream event/) }), provider: 'openai' },
    ]);
  });

  it('a stream cut in the middle of an event: an error event, not a fake [DONE]', async () => {
    const got = await events(await chat('truncated-sse', true));
    expect(got).not.toContain('[DONE]');
    expect(got.at(-1)).toMatchObject({ error: { type: 'stream_error' } });
  });

  it('a 10 MB answer arrives whole', async () => {
    const response = await chat('ten-mb');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0].message.content.length).toBe(TEN_MB_TEXT.length);
  });

  it('a slow drip of bytes arrives whole', async () => {
    const response = await chat('slow-drip');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0].message.content).toBe('dripped slowly');
  });

  it('a JSON answer labelled text/plain is answered as JSON', async () => {
    const response = await chat('wrong-content-type');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0].message.content).toBe('typed as text');
  });

  it('an HTML error page: the provider status with a short message, not the page', async () => {
    const response = await chat('html-error');
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toBe('openai error: the provider answered with an HTML page ("502 Bad Gateway") instead of an API error');
    expect(body.error.message).not.toContain('<html>');
  });
});

describe('client faults', () => {
  it('a client that goes away before the answer: the upstream call is aborted', async () => {
    const before = faults.closedEarly;
    const controller = new AbortController();
    const pending = chat('hang-before-headers', false, {}, controller.signal).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    await waitFor(() => faults.closedEarly > before);
  });

  it('a client that goes away mid-stream: the upstream stream is aborted', async () => {
    const before = faults.closedEarly;
    const controller = new AbortController();
    const response = await chat('hang-mid-stream', true, {}, controller.signal);
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await waitFor(() => faults.closedEarly > before);
  });

  it('1,000 concurrent streams all complete correctly', async () => {
    const agent = new Agent({ keepAlive: false, maxSockets: 1_000 });
    const one = () =>
      new Promise<string>((resolve, reject) => {
        const req = httpRequest(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: headers(), agent }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve(text));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(JSON.stringify({ model: 'slow-stream', stream: true, messages: [{ role: 'user', content: 'x' }] }));
      });
    const answers = await Promise.all(Array.from({ length: 1_000 }, one));
    agent.destroy();
    for (const text of answers) {
      expect(text.match(/chat\.completion\.chunk/g)).toHaveLength(3);
      expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    }
  }, 60_000);
});

describe('after all of it', () => {
  it('the gateway is up, with no client connection, pending timer or grown heap left behind', async () => {
    await client.close();
    const health = await new Promise<number>((resolve, reject) =>
      httpRequest(`${gateway.url}/health`, { agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end(),
    );
    expect(health).toBe(200);
    const server = gateway.app.getHttpServer() as import('node:http').Server;
    const connections = () => new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n)));
    await waitFor(async () => (await connections()) === 0).catch(async (error: Error) => {
      throw new Error(`${error.message}: ${await connections()} client connections still open`);
    });
    // Idle keep-alive sockets to the upstream may stay (the pool's), but never more than its size.
    expect(faults.openSockets()).toBeLessThanOrEqual(128);
    await waitFor(() => timers() <= baseline.timers + 2).catch((error: Error) => {
      throw new Error(`${error.message}: ${timers()} timers, ${baseline.timers} at the start`);
    });
    gc();
    const grownMb = (process.memoryUsage().heapUsed - baseline.heapUsed) / 1024 / 1024;
    expect(grownMb).toBeLessThan(40);
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
