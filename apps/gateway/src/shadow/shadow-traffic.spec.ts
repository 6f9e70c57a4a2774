import type { GatewayConfig } from '../config/gateway-config.js';
import { RequestContext } from '../request/request-context.js';
import type { BackgroundRequest, BackgroundResult, BackgroundRunner } from './background-runner.js';
import { ShadowTraffic } from './shadow-traffic.js';
import { type ShadowOutcomeEntry, ShadowOutcomeSink } from './shadow.port.js';

/** A runner whose shadows finish only when the test says so. */
class HeldRunner {
  readonly pending: { request: BackgroundRequest; finish: (result: BackgroundResult) => void }[] = [];
  run(request: BackgroundRequest): Promise<BackgroundResult> {
    return new Promise((finish) => this.pending.push({ request, finish }));
  }
}

class ListSink extends ShadowOutcomeSink {
  readonly entries: ShadowOutcomeEntry[] = [];
  enqueue(entry: ShadowOutcomeEntry): void {
    this.entries.push(entry);
  }
}

function drawnRequest(answer = '{"choices":[{"message":{"content":"blue sky"}}]}'): RequestContext {
  const ctx = new RequestContext('chatComplete', 'POST', '/v1/chat/completions', {}, { providerOptions: {} }, { model: 'm', messages: [] });
  ctx.workspaceId = 'w1';
  ctx.rawBody = Buffer.from('{}');
  ctx.routeAttempts = 1;
  ctx.status = 200;
  ctx.configId = 'pc-primary';
  ctx.shadow = { configId: 'pc-shadow', answer };
  return ctx;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const ok = (text: string): BackgroundResult => ({ status: 200, latencyMs: 5, text });

function setup(concurrency: number, queue: number) {
  const runner = new HeldRunner();
  const sink = new ListSink();
  const traffic = new ShadowTraffic({ shadowConcurrency: concurrency, shadowQueue: queue } as GatewayConfig, runner as unknown as BackgroundRunner, sink);
  return { runner, sink, traffic };
}

describe('ShadowTraffic', () => {
  it('runs at most `concurrency` shadows, queues `queue` more, and drops and counts the rest', async () => {
    const { runner, sink, traffic } = setup(2, 3);
    for (let i = 0; i < 10; i++) traffic.offer(drawnRequest());
    await tick();
    expect(runner.pending).toHaveLength(2);
    expect(traffic.stats()).toMatchObject({ accepted: 5, dropped: 5, running: 2, queued: 3 });

    // As slots free up the queue drains, never more than two at once.
    while (runner.pending.length) {
      runner.pending.shift()!.finish(ok('blue sky'));
      await tick();
      await tick();
      expect(traffic.stats().running).toBeLessThanOrEqual(2);
    }
    expect(traffic.stats()).toMatchObject({ started: 5, completed: 5, running: 0, queued: 0, dropped: 5 });
    expect(sink.entries).toHaveLength(5);
    expect(sink.entries[0]).toMatchObject({ source: 'shadow', primary: { configId: 'pc-primary', status: 200 }, shadow: { configId: 'pc-shadow', status: 200 }, similarity: 1 });
  });

  it('with no queue, drops whatever finds every slot busy', async () => {
    const { runner, traffic } = setup(1, 0);
    traffic.offer(drawnRequest());
    traffic.offer(drawnRequest());
    await tick();
    expect(runner.pending).toHaveLength(1);
    expect(traffic.stats()).toMatchObject({ accepted: 1, dropped: 1 });
  });

  it('never shadows passthrough calls, uploads, refused requests, or requests the client left', async () => {
    const { runner, traffic } = setup(4, 4);
    const passthrough = new RequestContext('passthrough', 'POST', '/v1/files', {}, { providerOptions: {} }, {});
    Object.assign(passthrough, { workspaceId: 'w1', rawBody: Buffer.from('{}'), routeAttempts: 1, shadow: { configId: 'pc-x' } });
    const upload = drawnRequest();
    upload.rawBody = undefined;
    const refused = drawnRequest();
    refused.routeAttempts = undefined;
    const gone = drawnRequest();
    gone.markClientGone();
    const notDrawn = drawnRequest();
    notDrawn.shadow = undefined;
    for (const ctx of [passthrough, upload, refused, gone, notDrawn]) traffic.offer(ctx);
    await tick();
    expect(runner.pending).toHaveLength(0);
    expect(traffic.stats()).toMatchObject({ accepted: 0, dropped: 0 });
  });

  it('sends the shadow the same request without the client waiting, and scores the answers', async () => {
    const { runner, sink, traffic } = setup(1, 1);
    traffic.offer(drawnRequest('{"choices":[{"message":{"content":"a b c"}}]}'));
    // Nothing starts in the client's own turn.
    expect(runner.pending).toHaveLength(0);
    await tick();
    expect(runner.pending[0].request).toMatchObject({ workspaceId: 'w1', configId: 'pc-shadow', endpoint: 'chatComplete', path: '/v1/chat/completions' });
    runner.pending[0].finish(ok('b c d'));
    await tick();
    expect(sink.entries[0].similarity).toBe(0.5);
  });
});
