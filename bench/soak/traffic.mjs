// The soak's steady mixed traffic: paced workers over keep-alive connections, each cycling through
// four kinds of request (JSON and streams; a saved fallback config, a saved retry config, a virtual
// key, an inline config), and checking every answer, so a soak that "passes" served correct answers.
import http from 'node:http';

const BODY = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'soak' }] };

function post(agent, url, path, headers, body, timeoutMs = 30_000) {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

function jsonProblem(r) {
  if (r.status !== 200) return `HTTP ${r.status}: ${r.text.slice(0, 200)}`;
  try {
    if (typeof JSON.parse(r.text)?.choices?.[0]?.message?.content !== 'string') return 'no choices[0].message.content';
  } catch {
    return `not JSON: ${r.text.slice(0, 200)}`;
  }
  return null;
}

function streamProblem(r) {
  if (r.status !== 200) return `HTTP ${r.status}: ${r.text.slice(0, 200)}`;
  if (!r.text.includes('chat.completion.chunk') || !r.text.trimEnd().endsWith('data: [DONE]')) return `stream not complete: ${r.text.slice(-200)}`;
  return null;
}

/** The four request kinds; `worker` keys the retry script so concurrent workers never share one. */
export function requestKinds({ gatewayUrl, mockUrl, seed }) {
  const gw = new URL(gatewayUrl);
  const mock = new URL(mockUrl);
  const keyed = { 'x-portkey-api-key': seed.apiKey };
  return [
    {
      name: 'json-fallback',
      async run(agent) {
        const r = await post(agent, gw, '/v1/chat/completions', { ...keyed, 'x-portkey-config': seed.fallbackConfig }, BODY);
        return jsonProblem(r) ?? (r.headers['x-portkey-last-used-option-index'] === 'config.targets[1]' ? null : `did not fall back: ${r.headers['x-portkey-last-used-option-index']}`);
      },
    },
    {
      name: 'stream-retry',
      async run(agent, worker) {
        const model = `soak-retry-${worker}`;
        // One 429, then the default answer: the gateway must retry exactly once.
        const s = await post(agent, mock, '/__mock/scenarios', {}, { model, steps: [{ status: 429 }, {}] });
        if (s.status !== 200) return `mock scenario refused: ${s.text}`;
        const r = await post(agent, gw, '/v1/chat/completions', { ...keyed, 'x-portkey-config': seed.retryConfig }, { ...BODY, model, stream: true });
        return streamProblem(r) ?? (r.headers['x-portkey-retry-attempt-count'] === '1' ? null : `retries: ${r.headers['x-portkey-retry-attempt-count']}`);
      },
    },
    {
      name: 'json-virtual-key',
      async run(agent) {
        return jsonProblem(await post(agent, gw, '/v1/chat/completions', { ...keyed, 'x-portkey-virtual-key': seed.virtualKey }, { ...BODY, model: 'soak-vk' }));
      },
    },
    {
      name: 'stream-inline',
      async run(agent) {
        const config = { provider: 'openai', api_key: 'sk-inline', custom_host: `${mockUrl}/v1` };
        return streamProblem(await post(agent, gw, '/v1/chat/completions', { 'x-portkey-config': JSON.stringify(config) }, { ...BODY, model: 'soak-inline', stream: true }));
      },
    },
  ];
}

/**
 * Runs `connections` workers until `until()` is true, together at about `rate` requests/s (each
 * worker waits for its next slot, so a slow gateway lowers the rate instead of piling up requests).
 */
export async function runTraffic({ kinds, connections, rate, until, stats }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections * 2 });
  const periodMs = (1000 * connections) / rate;
  const worker = async (w) => {
    let next = Date.now() + (w * periodMs) / connections;
    for (let i = w; !until(); i++) {
      const wait = next - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      next = Math.max(next + periodMs, Date.now() - periodMs);
      const kind = kinds[i % kinds.length];
      let problem;
      try {
        problem = await kind.run(agent, w);
      } catch (error) {
        problem = `${error.code ?? ''} ${error.message}`.trim();
      }
      const k = (stats.byKind[kind.name] ??= { ok: 0, failed: 0 });
      if (problem) {
        stats.failed++;
        k.failed++;
        if (stats.problems.length < 20) stats.problems.push(`${kind.name}: ${problem}`);
      } else {
        stats.ok++;
        k.ok++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
  agent.destroy();
}
