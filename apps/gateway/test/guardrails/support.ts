import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A webhook guardrail service on 127.0.0.1: records what it got, answers what the test says. */
export interface WebhookServer {
  url: string;
  received: { path: string; headers: IncomingMessage['headers']; body: any }[];
  close(): Promise<void>;
}

export async function startWebhook(answer: (path: string, body: any) => { status?: number; json?: unknown; delayMs?: number }): Promise<WebhookServer> {
  const received: WebhookServer['received'] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const body = text ? JSON.parse(text) : undefined;
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const { status = 200, json = {}, delayMs = 0 } = answer(req.url ?? '', body);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A throw-away plug-in folder whose only check throws (a buggy plug-in must not break requests). */
export function throwingPluginDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aigw-guardrail-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ id: 'buggy', functions: [{ id: 'explode', type: 'guardrail', supportedHooks: ['beforeRequestHook', 'afterRequestHook'] }] }),
  );
  writeFileSync(join(dir, 'index.mjs'), "export const functions = { explode() { throw new TypeError('plug-in bug'); } };\n");
  return dir;
}
