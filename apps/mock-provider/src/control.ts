import type { IncomingMessage, ServerResponse } from 'node:http';
import { pngImage } from './binary/png.js';
import { isObject } from './content.js';
import { writeJson } from './respond.js';
import type { MockState } from './state.js';
import { validateSteps } from './step.js';

/**
 * The `/__mock/` control API, for out-of-process users (benchmarks, curl). In-process tests use
 * the equivalent MockProvider methods.
 *
 *   POST /__mock/scenarios  {"model":"s1","steps":[…],"repeatLast"?:true}
 *   GET  /__mock/requests[?model=s1]   → RecordedRequest[] (oldest first, last 1,000)
 *   GET  /__mock/count[?model=s1]      → {"count":N} (unbounded)
 *   POST /__mock/reset
 *   GET  /__mock/health                → {"ok":true}
 *   GET  /__mock/files/{name}.png      → the PNG that image URLs point at (seeded by name)
 */
export function handleControl(req: IncomingMessage, res: ServerResponse, path: string, search: string, state: MockState, raw: string): void {
  const action = `${req.method} ${path.replace(/\/+$/, '')}`;
  const model = new URLSearchParams(search).get('model') ?? undefined;
  const file = /^GET \/__mock\/files\/([^/]+)\.png$/.exec(action);
  if (file) {
    const png = pngImage(file[1]!);
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
    res.end(png);
    return;
  }
  switch (action) {
    case 'GET /__mock/health':
      return writeJson(res, 200, { ok: true });
    case 'GET /__mock/requests':
      return writeJson(res, 200, state.recorder.list(model));
    case 'GET /__mock/count':
      return writeJson(res, 200, { count: state.recorder.count(model) });
    case 'POST /__mock/reset':
      state.reset();
      return writeJson(res, 200, { ok: true });
    case 'POST /__mock/scenarios': {
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return writeJson(res, 400, { error: 'body must be JSON' });
      }
      if (!isObject(body) || typeof body.model !== 'string' || body.model === '') {
        return writeJson(res, 400, { error: 'model (string) is required' });
      }
      try {
        const steps = validateSteps(body.steps);
        state.scenarios.set(body.model, steps, { repeatLast: body.repeatLast === true });
        return writeJson(res, 200, { ok: true, model: body.model, steps: steps.length });
      } catch (e) {
        return writeJson(res, 400, { error: (e as Error).message });
      }
    }
    default:
      return writeJson(res, 404, { error: `unknown control route ${action}` });
  }
}
