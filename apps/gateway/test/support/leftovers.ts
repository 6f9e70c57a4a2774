/**
 * "Nothing left behind" after a fault: a test takes a baseline of the gateway's client connections,
 * timers and heap, drives traffic through a client of its own, and checks they come back. The
 * test's own client is closed first, so its idle keep-alive sockets are not counted as the
 * gateway's; earlier requests' sockets (global fetch) may still be open at the baseline, and can
 * only close, so the check is "no more than at the baseline".
 */
import type { Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Agent, fetch as undiciFetch } from 'undici';
import { waitFor } from '../control-plane/support/control-plane-harness.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

export interface Leftovers {
  /** POSTs a small chat completion with these headers through the test's own client; its status. */
  chat(headers: Record<string, string>): Promise<number>;
  /** Closes the client, then waits for connections and timers to return and checks the heap. */
  expectBaseline(options?: { extraTimers?: number; heapGrowthMb?: number }): Promise<void>;
}

export async function watchLeftovers(server: Server, url: string): Promise<Leftovers> {
  const connections = () => new Promise<number>((resolve) => server.getConnections((_e, n) => resolve(n)));
  gc();
  const baseline = { timers: timers(), heapUsed: process.memoryUsage().heapUsed, connections: await connections() };
  const client = new Agent();
  return {
    async chat(headers) {
      const response = await undiciFetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        dispatcher: client,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello gateway' }] }),
      });
      await response.arrayBuffer();
      return response.status;
    },
    async expectBaseline({ extraTimers = 2, heapGrowthMb = 40 } = {}) {
      await client.close();
      await waitFor(async () => (await connections()) <= baseline.connections, 5_000, 20).catch(async (error: Error) => {
        throw new Error(`${error.message}: ${await connections()} client connections, ${baseline.connections} at the baseline`);
      });
      await waitFor(() => timers() <= baseline.timers + extraTimers, 5_000, 20).catch((error: Error) => {
        throw new Error(`${error.message}: ${timers()} timers, ${baseline.timers} at the baseline`);
      });
      gc();
      const grownMb = (process.memoryUsage().heapUsed - baseline.heapUsed) / 1024 / 1024;
      if (grownMb >= heapGrowthMb) throw new Error(`the heap grew by ${grownMb.toFixed(1)} MB (limit ${heapGrowthMb} MB)`);
    },
  };
}
