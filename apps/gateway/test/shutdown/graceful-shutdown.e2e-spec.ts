import { createServer, request as httpRequest, type Server } from 'node:http';
import { spawnGateway, type GatewayProcess } from '../gateway-control-plane/support/gateway-process.js';

/**
 * SIGTERM to a real gateway process: it stops accepting connections at once, lets in-flight
 * requests and streams finish (up to GATEWAY_SHUTDOWN_GRACE_MS), then exits 0; streams still
 * running at the deadline end with an error event instead of being cut silently.
 */
let upstream: Server;
let upstreamUrl: string;

beforeAll(async () => {
  // An OpenAI-style stream whose length is the request's `max_tokens` chunks, one per 100 ms.
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const chunks = (JSON.parse(body) as { max_tokens: number }).max_tokens;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let sent = 0;
      const timer = setInterval(() => {
        if (sent === chunks) {
          clearInterval(timer);
          return void res.end('data: [DONE]\n\n');
        }
        res.write(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: `t${sent++} ` }, finish_reason: null }] })}\n\n`);
      }, 100);
      res.on('close', () => clearInterval(timer));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
});
afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

/** Starts a stream and collects it; resolves with the whole text once the gateway ends it. */
function stream(gateway: GatewayProcess, chunks: number): { firstByte: Promise<void>; done: Promise<string> } {
  let onFirst: () => void;
  const firstByte = new Promise<void>((resolve) => (onFirst = resolve));
  const done = new Promise<string>((resolve, reject) => {
    const req = httpRequest(
      `${gateway.url}/v1/chat/completions`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: 'Bearer k', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': upstreamUrl } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
          onFirst();
        });
        res.on('end', () => resolve(text));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ model: 'm', stream: true, max_tokens: chunks, messages: [{ role: 'user', content: 'x' }] }));
  });
  return { firstByte, done };
}

it('finishes in-flight streams, refuses new connections, and exits 0', async () => {
  const gateway = await spawnGateway({ GATEWAY_DATABASE: 'off', GATEWAY_SHUTDOWN_GRACE_MS: '10000' });
  const inFlight = stream(gateway, 15); // about 1.5 s
  await inFlight.firstByte;
  const startedAt = Date.now();
  gateway.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  // New connections are refused while the stream finishes.
  await expect(fetch(`${gateway.url}/health`)).rejects.toThrow();
  const text = await inFlight.done;
  expect(text.match(/chat\.completion\.chunk/g)).toHaveLength(15);
  expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  expect(await gateway.exited()).toEqual({ code: 0, signal: null });
  expect(Date.now() - startedAt).toBeLessThan(5_000);
});

it('at the deadline, ends the streams still running with an error event and exits 0', async () => {
  const gateway = await spawnGateway({ GATEWAY_DATABASE: 'off', GATEWAY_SHUTDOWN_GRACE_MS: '800' });
  const long = stream(gateway, 600); // a minute
  await long.firstByte;
  const startedAt = Date.now();
  gateway.child.kill('SIGTERM');
  const text = await long.done;
  expect(text).toMatch(/data: \{"error":\{"message":"The gateway is shutting down/);
  expect(await gateway.exited()).toEqual({ code: 0, signal: null });
  expect(Date.now() - startedAt).toBeLessThan(5_000);
});
