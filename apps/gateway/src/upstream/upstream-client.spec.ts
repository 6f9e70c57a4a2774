import { createServer, type Server } from 'node:http';
import { UpstreamClient } from './upstream-client.js';

/** The upstream client keeps one keep-alive pool per origin and reuses its sockets. */
describe('UpstreamClient', () => {
  let server: Server;
  let origin: string;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => res.end('{"ok":true}'));
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reuses a warm connection for sequential requests to one origin', async () => {
    const client = new UpstreamClient({ connectionsPerOrigin: 4 });
    for (let i = 0; i < 20; i++) {
      const response = await client.request({ url: `${origin}/v1/x?i=${i}`, method: 'POST', headers: {}, body: '{}' });
      expect(await response.body.json()).toEqual({ ok: true });
    }
    // undici may open a second socket while the first is being released; never one per request.
    expect(connections).toBeLessThanOrEqual(2);
    expect(client.origins()).toEqual([origin]);
    await client.close();
  });

  it('keeps a separate pool per origin', async () => {
    const client = new UpstreamClient({ connectionsPerOrigin: 4 });
    const other = origin.replace('127.0.0.1', 'localhost');
    await (await client.request({ url: `${origin}/a`, method: 'GET', headers: {} })).body.text();
    await (await client.request({ url: `${other}/b`, method: 'GET', headers: {} })).body.text();
    expect(client.origins().sort()).toEqual([origin, other].sort());
    await client.close();
  });
});
