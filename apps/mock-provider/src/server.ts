import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseBody, sha256Hex } from './body.js';
import { handleControl } from './control.js';
import { FLAVOURS, type FlavourHandler } from './flavours/index.js';
import { sendBody, writeJson } from './respond.js';
import { resolveRoute } from './router.js';
import { MockState } from './state.js';
import { isErrorStatus, stepFromHeader, validateSteps } from './step.js';
import type { MockProvider, RequestContext, StartOptions } from './types.js';

/**
 * The HTTP server: plain `node:http` (no framework) because the benchmark compares requests/s
 * straight to the mock against requests/s through the gateway; the mock must not be the bottleneck.
 *
 * Per request: read body bytes → parse by content type → resolve route → record → pick the
 * scripted step (header, else the model's scenario) → apply delay / hang / drop / scripted status
 * → otherwise the flavour answers.
 */

const CONTROL_PREFIX = '/__mock/';

export async function startMockProvider(opts: StartOptions = {}): Promise<MockProvider> {
  const host = opts.host ?? '127.0.0.1';
  const state = new MockState();
  const server = createServer({ noDelay: true, keepAlive: true }, (req, res) => onRequest(req, res, state));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung requests and keep-alive sockets would otherwise hold close() (and jest) open.
        server.closeAllConnections();
      });
      return closing;
    },
    reset: () => state.reset(),
    scenario: (model, steps, o) => state.scenarios.set(model, validateSteps(steps), o),
    requests: (model) => state.recorder.list(model),
    count: (model) => state.recorder.count(model),
  };
}

function onRequest(req: IncomingMessage, res: ServerResponse, state: MockState): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
  });
  req.on('end', () => dispatch(req, res, state, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  req.on('error', () => {
    /* client went away mid-body: nothing to answer */
  });
}

function dispatch(req: IncomingMessage, res: ServerResponse, state: MockState, raw: Buffer): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const search = q === -1 ? '' : url.slice(q + 1);
  if (path.startsWith(CONTROL_PREFIX)) return handleControl(req, res, path, search, state, raw.toString('utf8'));

  const method = req.method ?? 'GET';
  const parsed = parseBody(raw, req.headers['content-type']);
  const route = resolveRoute(method, path, search, req.headers, parsed);
  const bodyModel = parsed.bodyModel;
  const model = route?.pathModel ?? bodyModel ?? route?.key;
  // Size and hash only where bytes matter (passthrough, uploads, non-JSON): JSON stays cheap.
  const digest = route?.flavour === 'echo' || (parsed.kind !== 'json' && parsed.kind !== 'empty');
  const record = state.recorder.record({
    seq: 0,
    time: Date.now(),
    method,
    path: url,
    headers: req.headers,
    body: parsed.body,
    ...(digest ? { bodySize: raw.length, bodySha256: sha256Hex(raw) } : {}),
    model,
    bodyModel: bodyModel !== model ? bodyModel : undefined,
    flavour: route?.flavour,
    endpoint: route?.endpoint,
  });
  res.once('close', () => {
    if (!res.writableFinished) record.closedEarly = true;
  });

  if (!route) {
    // OpenAI's answer for unknown URLs; the request is still recorded so tests can see the bad path.
    return writeJson(res, 404, {
      error: { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error', param: null, code: null },
    });
  }

  let step;
  try {
    step = stepFromHeader(req.headers['x-mock-step']) ?? state.scenarios.take(model, bodyModel);
  } catch (e) {
    return writeJson(res, 400, { error: { message: (e as Error).message, type: 'mock_error' } });
  }

  const ctx: RequestContext = {
    req,
    res,
    route,
    body: parsed.body,
    badJson: parsed.badJson,
    raw,
    parts: parsed.parts,
    state,
    search,
    // Azure answers with the body's model name when there is one; every other route that names
    // a model in its path (Gemini, Vertex, Bedrock, …) answers with that.
    model: route.flavour === 'azure' ? (bodyModel ?? route.pathModel ?? '') : (route.pathModel ?? bodyModel ?? ''),
    step,
  };
  run(ctx, FLAVOURS[route.flavour]);
}

function run(ctx: RequestContext, flavour: FlavourHandler): void {
  const step = ctx.step;
  if (!step) return flavour.handle(ctx);
  // Hold the request: nothing is written; the socket ends when the client aborts or close() runs.
  if (step.hang) return;

  const act = (): void => {
    if (step.dropConnection) {
      ctx.req.socket.destroy();
      return;
    }
    if (isErrorStatus(step.status)) {
      return sendBody(ctx, step.status, step.body ?? flavour.errorBody(step.status), flavour.errorHeaders?.(step.status));
    }
    // A 2xx step with a body replaces the answer verbatim (unless the body is the stream error payload).
    if (step.body !== undefined && step.errorEventAfterChunks === undefined) return sendBody(ctx, step.status ?? 200, step.body);
    flavour.handle(ctx);
  };

  if (step.delayMs !== undefined && step.delayMs > 0) {
    const timer = setTimeout(act, step.delayMs);
    // An aborted client (or close()) must not leave the timer keeping the process alive.
    ctx.res.once('close', () => clearTimeout(timer));
  } else act();
}
