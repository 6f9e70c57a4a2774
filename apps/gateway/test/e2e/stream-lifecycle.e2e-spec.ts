import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type RunningGateway, startGateway } from '../support/gateway-harness.js';

/**
 * What happens to a stream when one side stops: a client that disconnects aborts the upstream
 * request; an upstream that goes quiet for longer than the idle timeout is abandoned with an
 * error event.
 */
let upstream: Server;
let upstreamUrl: string;
let gateway: RunningGateway;
const upstreamRequests: { req: IncomingMessage; closedEarly: boolean }[] = [];

beforeAll(async () => {
  // A slow OpenAI-style stream: one chunk every 100 ms, 50 chunks.
  upstream = createServer((req, res) => {
    const record = { req, closedEarly: false };
    upstreamRequests.push(record);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      if (sent === 50) {
        clearInterval(timer);
        res.end('data: [DONE]\n\n');
        return;
      }
      const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `t${sent++} ` }, finish_reason: null }] };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }, 100);
    res.on('close', () => {
      clearInterval(timer);
      if (!res.writableEnded) record.closedEarly = true;
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  gateway = await startGateway({ streamIdleTimeoutMs: 60_000 });
});
afterAll(async () => {
  await gateway?.close();
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

function streamRequest(gatewayUrl: string, signal?: AbortSignal) {
  return fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    signal,
    headers: { 'content-type': 'application/json', authorization: 'Bearer k', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': upstreamUrl },
    body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'long story' }] }),
  });
}

it('a client that disconnects mid-stream aborts the upstream request', async () => {
  const controller = new AbortController();
  const response = await streamRequest(gateway.url, controller.signal);
  const reader = response.body!.getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toContain('chat.completion.chunk');
  controller.abort();
  const record = upstreamRequests.at(-1)!;
  await waitFor(() => record.closedEarly);
  expect(record.closedEarly).toBe(true);
});

it('an upstream idle for longer than the idle timeout ends the stream with an error event', async () => {
  const impatient = await startGateway({ streamIdleTimeoutMs: 40 });
  try {
    const response = await streamRequest(impatient.url);
    expect(response.status).toBe(200);
    const text = await response.text();
    const events = text.trim().split('\n\n');
    const last = JSON.parse(events.at(-1)!.replace(/^data: /, ''));
    expect(last.error.type).toBe('timeout_error');
    expect(last.error.message).toMatch(/idle for more than 40ms/);
    expect(text).not.toContain('[DONE]');
    await waitFor(() => upstreamRequests.at(-1)!.closedEarly);
  } finally {
    await impatient.close();
  }
});

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it('a request_timeout also bounds the silence between two chunks of a stream', async () => {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-portkey-config': JSON.stringify({ provider: 'openai', api_key: 'k', custom_host: upstreamUrl, request_timeout: 50 }),
    },
    body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'slow story' }] }),
  });
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/"type":"timeout_error"/);
  expect(text).toMatch(/idle for more than 50ms/);
});
