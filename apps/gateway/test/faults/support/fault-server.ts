/**
 * An upstream that misbehaves on purpose, one way per model name: resets, hangs, malformed or
 * truncated bodies and streams, huge or dripping answers, wrong content types, HTML error pages.
 * Plain node:http (the mock provider answers correctly by design; these faults need the socket).
 * It counts open sockets and requests closed before their answer ended, so tests can show the
 * gateway released the upstream side.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

type Fault = (req: IncomingMessage, res: ServerResponse) => void;

const chunk = (text: string) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;

export const completion = (content: string) =>
  JSON.stringify({
    id: 'cmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
  });

export const TEN_MB_TEXT = 'x'.repeat(10 * 1024 * 1024);

const FAULTS: Record<string, Fault> = {
  'reset-mid-body': (_req, res) => {
    const body = completion('never complete');
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
    res.write(body.slice(0, 40));
    setTimeout(() => res.socket?.destroy(), 20);
  },
  'reset-mid-stream': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(chunk('one '));
    res.write(chunk('two '));
    setTimeout(() => res.socket?.destroy(), 20);
  },
  'hang-before-headers': () => undefined,
  'hang-mid-stream': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(chunk('then silence'));
  },
  'malformed-json': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"cmpl-1","choices":[{"message":');
  },
  'malformed-sse': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(chunk('fine '));
    res.write('data: {"choices":[{"delta":{"content":\n\n');
    res.end('data: [DONE]\n\n');
  },
  'truncated-sse': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(chunk('half '));
    res.end('data: {"id":"c1","object":"chat.compl');
  },
  'ten-mb': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(completion(TEN_MB_TEXT));
  },
  'slow-drip': (_req, res) => {
    const body = completion('dripped slowly');
    res.writeHead(200, { 'content-type': 'application/json' });
    let at = 0;
    const timer = setInterval(() => {
      res.write(body.slice(at, at + 16));
      at += 16;
      if (at >= body.length) {
        clearInterval(timer);
        res.end();
      }
    }, 5);
    res.on('close', () => clearInterval(timer));
  },
  'wrong-content-type': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(completion('typed as text'));
  },
  'html-error': (_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
  },
  'slow-stream': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let sent = 0;
    const timer = setInterval(() => {
      if (sent === 3) {
        clearInterval(timer);
        res.end('data: [DONE]\n\n');
        return;
      }
      res.write(chunk(`s${sent++} `));
    }, 20);
    res.on('close', () => clearInterval(timer));
  },
};

export interface FaultServer {
  url: string;
  /** Requests whose connection closed before the answer was complete (an abort reached here). */
  closedEarly: number;
  openSockets(): number;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const state = { closedEarly: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const model = (JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { model?: string }).model ?? '';
      res.on('close', () => {
        if (!res.writableFinished) state.closedEarly++;
      });
      const fault = FAULTS[model];
      if (fault) return fault(req, res);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no fault named ${model}` } }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get closedEarly() {
      return state.closedEarly;
    },
    openSockets: () => sockets.size,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
